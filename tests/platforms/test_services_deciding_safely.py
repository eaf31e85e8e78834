"""listing_decide refuses a reason code of the other decision and a statement that gives no reason, and
records the parts of the statement of reasons (DSA art. 17(3)) from the moderator and the platform's template."""

import pytest
from django.core.exceptions import ValidationError

from cases.models import ListingDecision
from cases.services.decisions import listing_decide
from complaints.models import ListingStatus
from platforms.models import DecisionAction, PlatformReasonCode, ReasonCode, StatementTemplate
from tests.decisions import FACTS, statement_of
from tests.platforms.helpers import case_on

pytestmark = pytest.mark.django_db


def _decide(case, user, **given):
    arguments = {
        "case_id": case.pk,
        "listing_ids": [listing.pk for listing in case.listings.all()],
        "actor": user,
        "action": DecisionAction.TAKE_DOWN,
        "reason_code": ReasonCode.COUNTERFEIT,
        "statement": statement_of(),
    }
    return listing_decide(**{**arguments, **given})


def _refusal(case, user, **given) -> ValidationError:
    with pytest.raises(ValidationError) as excinfo:
        _decide(case, user, **given)
    return excinfo.value


def _nothing_decided(case) -> bool:
    return not ListingDecision.objects.exists() and set(case.listings.values_list("status", flat=True)) == {
        ListingStatus.PENDING
    }


def test_rejecting_with_a_measure_reason_is_refused_on_the_reason_field(platform, platform_user):
    # given a case awaiting the platform
    case = case_on(platform)

    # when staff reject the notice with "Counterfeit goods"
    error = _refusal(case, platform_user, action=DecisionAction.REJECT, reason_code=ReasonCode.COUNTERFEIT)

    # then the reason is refused by name, with what to choose instead, and nothing is decided
    assert list(error.error_dict) == ["reason_code"]
    assert error.error_dict["reason_code"][0].code == "reason_mismatch"
    assert error.messages == [
        "“Counterfeit goods” is a reason to take measures, not to reject. Choose a reason to reject."
    ]
    assert _nothing_decided(case)


def test_taking_down_with_a_rejection_reason_is_refused(platform, platform_user):
    case = case_on(platform)

    error = _refusal(case, platform_user, reason_code=ReasonCode.INSUFFICIENT_EVIDENCE)

    assert error.messages == [
        "“Evidence insufficient” is a reason to reject, not to take measures. Choose a reason to take measures."
    ]
    assert _nothing_decided(case)


def test_a_platforms_own_code_for_measures_cannot_explain_a_rejection(platform, platform_user):
    # given a platform whose own codes say which decision each explains
    PlatformReasonCode.objects.create(
        platform=platform, code="tm-copy", label="Copy of a mark", action=DecisionAction.TAKE_DOWN
    )
    PlatformReasonCode.objects.create(
        platform=platform, code="genuine", label="Genuine goods", action="reject"
    )
    case = case_on(platform)

    # when staff reject with the measure code, then it is refused; with the rejection code it is decided
    error = _refusal(case, platform_user, action=DecisionAction.REJECT, reason_code="tm-copy")
    assert error.error_dict["reason_code"][0].code == "reason_mismatch"
    assert "“Copy of a mark” is a reason to take measures" in error.messages[0]
    _decide(case, platform_user, action=DecisionAction.REJECT, reason_code="genuine")
    assert ListingDecision.objects.get().reason_display == "Genuine goods"


@pytest.mark.parametrize(
    "facts",
    [
        "Rejected.",
        "Taken down",
        "Counterfeit goods",
        "驳回。",
        "Not infringing. Rejected as per policy, see above.",
        "Counterfeit goods, counterfeit goods, counterfeit.",
    ],
)
def test_a_statement_that_gives_no_reason_is_refused(facts, platform, platform_user):
    # given a case awaiting the platform
    case = case_on(platform)

    # when staff give only the outcome, or words that restate it, as the facts
    error = _refusal(case, platform_user, statement=statement_of(facts))

    # then the facts are refused, quoting them, and nothing is decided
    assert list(error.error_dict) == ["statement"]
    assert error.error_dict["statement"][0].code == "no_reason"
    assert error.messages[0].startswith(f"“{facts}” gives no reason.")
    assert _nothing_decided(case)


def test_a_short_reason_in_chinese_is_accepted(platform, platform_user):
    case = case_on(platform)

    _decide(
        case,
        platform_user,
        statement=statement_of("试购商品的包装和商标与权利人的注册商标完全相同，但权利人从未生产该商品。"),
    )

    assert ListingDecision.objects.count() == 1


def test_the_standard_parts_come_from_the_platforms_template_unless_the_moderator_adjusts_them(
    platform, platform_user
):
    # given a platform with its own template for measures
    StatementTemplate.objects.create(
        platform=platform,
        action=DecisionAction.TAKE_DOWN,
        measure_scope="Listing removed in every region for 90 days.",
        legal_ground="Terms of service, clause 7.2 (counterfeits).",
        redress="Counter-notice within 15 days through the link.",
        automated_means=True,
    )
    case = case_on(platform)

    # when staff adjust the ground and leave the other parts to the template
    [decision] = _decide(
        case,
        platform_user,
        statement=statement_of(
            legal_ground="E-Commerce Law art. 42; terms, clause 7.2.", automated_means=True
        ),
    )

    # then the decision keeps every part: the template's, the adjusted one, the facts and what they rest on
    assert decision.measure_scope == "Listing removed in every region for 90 days."
    assert decision.legal_ground == "E-Commerce Law art. 42; terms, clause 7.2."
    assert decision.redress == "Counter-notice within 15 days through the link."
    assert decision.automated_means is True
    assert decision.statement == FACTS
    assert decision.notice_cited.startswith(f"{case.complaint}, submitted ")


def test_without_a_template_the_platform_uses_the_standard_wording_of_the_decision(platform, platform_user):
    case = case_on(platform)

    [decision] = _decide(
        case,
        platform_user,
        action=DecisionAction.REJECT,
        reason_code=ReasonCode.INSUFFICIENT_EVIDENCE,
        statement=statement_of("The test purchase receipt names a different store than the listing."),
    )

    assert decision.measure_scope == "No measure: the listing stays online and nothing is restricted."
    assert "E-Commerce Law" in decision.legal_ground and "art. 42" in decision.legal_ground
    assert decision.redress.startswith("No measure was taken against you")
    assert decision.automated_means is False


def test_a_template_missing_a_part_leaves_the_moderator_to_give_it(platform, platform_user):
    # given a template whose redress was left blank
    StatementTemplate.objects.create(
        platform=platform,
        action=DecisionAction.TAKE_DOWN,
        measure_scope="Listing removed.",
        legal_ground="Terms, clause 7.",
        redress="",
    )
    case = case_on(platform)

    # when staff give no redress either, then the part is asked for by name
    error = _refusal(case, platform_user)
    assert list(error.error_dict) == ["redress"]
    assert _nothing_decided(case)

    # and when they give it, the decision is recorded with it
    [decision] = _decide(case, platform_user, statement=statement_of(redress="Counter-notice by the link."))
    assert decision.redress == "Counter-notice by the link."
