import pytest
from django.urls import reverse

from cases.models import (
    AdministrativeDecision,
    Case,
    CaseOutcome,
    CaseStatus,
    DeterminationOpinion,
    HandlingMode,
    ListingDecision,
    OpinionOutcome,
)
from complaints.models import ListingStatus
from platforms.models import DecisionAction, ReasonCode
from tests.factories import EvidenceFileFactory, PlatformFactory, UserFactory
from tests.platforms.helpers import case_on

pytestmark = pytest.mark.django_db

STATEMENT = "The listing offers counterfeit goods bearing the registered mark."


def _detail(case: Case) -> str:
    return reverse("platforms:case_detail", args=[case.pk])


def _decide(case: Case) -> str:
    return reverse("platforms:case_decide", args=[case.pk])


def _form(case: Case, **overrides: object) -> dict:
    """The decision form as posted after the confirmation of the listings chosen (all, unless overridden)."""
    data: dict = {
        "listings": [listing.pk for listing in case.listings.all()],
        "action": DecisionAction.TAKE_DOWN,
        "reason_code": ReasonCode.COUNTERFEIT,
        "statement": STATEMENT,
    }
    data.update(overrides)
    return {"confirm": ",".join(str(pk) for pk in sorted(data["listings"])), **data}


def test_case_detail_offers_the_pending_listings_in_the_decision_form_with_none_ticked(
    platform, platform_user, login
):
    # given a case awaiting the platform with three listings
    case = case_on(platform, listings=3)

    # when staff open it
    response = login(platform_user).get(_detail(case))

    # then the decision form posts to case_decide and offers every pending listing, none of them ticked,
    # and no decision is chosen for them either
    html = response.content.decode()
    assert response.status_code == 200
    assert f'action="{_decide(case)}"' in html
    decide_form = html.split('id="decide"')[1].split("</section>")[0]
    for listing in case.listings.all():
        assert f'name="listings" value="{listing.pk}"' in decide_form
    assert "checked" not in decide_form
    assert not response.context["form"]["listings"].value()


def test_taking_down_the_only_listing_records_the_statement_and_upholds_the_case(
    platform, platform_user, login
):
    # given a case with one pending listing
    case = case_on(platform)
    listing = case.listings.get()
    client = login(platform_user)

    # when staff take it down through the form
    response = client.post(_decide(case), _form(case))

    # then the decision is recorded with its statement, the listing is down and the case upheld
    assert response.status_code == 302
    assert response.url == _detail(case)
    decision = ListingDecision.objects.get(listing=listing)
    assert (decision.action, decision.statement, decision.decided_by) == (
        DecisionAction.TAKE_DOWN,
        STATEMENT,
        platform_user,
    )
    listing.refresh_from_db()
    case.refresh_from_db()
    assert listing.status == ListingStatus.TAKEN_DOWN
    # a decided platform case with measures taken moves straight on to the respondent
    assert (case.status, case.outcome) == (CaseStatus.NOTICE_FORWARDED, CaseOutcome.UPHELD)
    followed = client.get(response.url)
    assert "Decision recorded for 1 listing." in followed.content.decode()


def test_deciding_some_listings_leaves_the_case_waiting_for_the_rest(platform, platform_user, login):
    # given a case with three pending listings
    case = case_on(platform, listings=3)
    first = case.listings.order_by("pk")[0]

    # when staff take one down
    login(platform_user).post(_decide(case), _form(case, listings=[first.pk]))

    # then the case still awaits the platform for the other two
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_PLATFORM
    assert case.listings.filter(status=ListingStatus.PENDING).count() == 2


def test_rejecting_every_listing_decides_the_case_not_upheld(platform, platform_user, login):
    # given a case with two pending listings
    case = case_on(platform, listings=2)

    # when staff reject the notice for both
    login(platform_user).post(
        _decide(case), _form(case, action=DecisionAction.REJECT, reason_code=ReasonCode.INSUFFICIENT_EVIDENCE)
    )

    # then the listings are rejected and the case, not upheld, is closed
    case.refresh_from_db()
    assert (case.status, case.outcome) == (CaseStatus.CLOSED, CaseOutcome.NOT_UPHELD)
    assert set(case.listings.values_list("status", flat=True)) == {ListingStatus.REJECTED}


def test_an_empty_statement_is_shown_next_to_the_field(platform, platform_user, login):
    # given a case awaiting the platform
    case = case_on(platform)

    # when staff submit without a statement of reasons
    response = login(platform_user).post(_decide(case), _form(case, statement="   "))

    # then the error is shown on the statement field and nothing is decided
    assert response.status_code == 200
    assert "statement" in response.context["form"].errors
    assert 'id="id_statement_errors"' in response.content.decode()
    assert not ListingDecision.objects.exists()


def test_deciding_a_case_awaiting_the_office_opinion_is_refused_with_a_readable_message(
    platform, platform_user, login
):
    # given an assisted case still waiting for the office's opinion
    case = case_on(platform, mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_OPINION)

    # when staff post a decision anyway
    response = login(platform_user).post(_decide(case), _form(case))

    # then the page says why and nothing is decided
    assert response.status_code == 200
    assert "This case cannot be decided now: it is Awaiting office opinion." in response.content.decode()
    assert not ListingDecision.objects.exists()


def test_a_case_awaiting_the_office_opinion_offers_no_decision_form(platform, platform_user, login):
    # given an assisted case still waiting for the office's opinion
    case = case_on(platform, mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_OPINION)

    # when staff open it
    response = login(platform_user).get(_detail(case))

    # then there is nothing to submit
    assert response.status_code == 200
    assert _decide(case) not in response.content.decode()


def test_a_listing_decided_meanwhile_by_someone_else_is_reported_as_a_conflict(
    platform, platform_user, login
):
    # given a colleague decided a listing after this user loaded the page
    case = case_on(platform, listings=2)
    first = case.listings.order_by("pk")[0]
    colleague = UserFactory(organisation=platform.organisation)
    login(colleague).post(_decide(case), _form(case, listings=[first.pk]))

    # when this user submits the stale form for the same listing
    response = login(platform_user).post(_decide(case), _form(case, listings=[first.pk]))

    # then the page explains the conflict and the colleague's decision stands
    assert response.status_code == 200
    assert "Already decided by someone else" in response.content.decode()
    assert ListingDecision.objects.filter(listing=first).count() == 1


def test_an_office_decision_establishing_infringement_must_be_executed_as_a_takedown(
    platform, platform_user, office, office_user, login
):
    # given an administrative case whose office decided infringement is established
    case = case_on(platform, mode=HandlingMode.ADMINISTRATIVE, status=CaseStatus.AWAITING_EXECUTION)
    office_decision = AdministrativeDecision.objects.create(
        case=case, office=office, official=office_user, infringement_established=True, reasoning="Same mark."
    )
    client = login(platform_user)

    # when staff try to reject, then the action is refused on the form
    refused = client.post(
        _decide(case), _form(case, action=DecisionAction.REJECT, reason_code=ReasonCode.NOT_INFRINGING)
    )
    assert refused.status_code == 200
    assert "The office&#x27;s decision must be executed" in refused.content.decode()
    assert "action" in refused.context["form"].errors
    assert not ListingDecision.objects.exists()

    # when staff take the listing down, then the decision cites the office's decision
    client.post(_decide(case), _form(case, reason_code=ReasonCode.OFFICE_DECISION))
    decision = ListingDecision.objects.get()
    assert decision.cites_office_record == str(office_decision)
    case.refresh_from_db()
    assert (case.status, case.outcome) == (CaseStatus.DECIDED, CaseOutcome.UPHELD)


def test_the_case_page_shows_the_office_decision_to_the_platform(
    platform, platform_user, office, office_user, login
):
    # given an administrative decision awaiting execution
    case = case_on(platform, mode=HandlingMode.ADMINISTRATIVE, status=CaseStatus.AWAITING_EXECUTION)
    AdministrativeDecision.objects.create(
        case=case, office=office, official=office_user, infringement_established=True, reasoning="Same mark."
    )

    # when staff open the case
    response = login(platform_user).get(_detail(case))

    # then the decision is on the page and the form proposes executing it
    html = response.content.decode()
    assert 'id="decision"' in html
    assert "Same mark." in html
    assert response.context["form"]["action"].initial == DecisionAction.TAKE_DOWN


def test_an_assisted_case_shows_the_opinion_and_evidence_and_the_decision_cites_the_opinion(
    platform, platform_user, office, office_user, login
):
    # given an assisted case whose opinion has arrived, with an evidence file
    case = case_on(platform, mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_PLATFORM)
    opinion = DeterminationOpinion.objects.create(
        case=case,
        office=office,
        official=office_user,
        outcome=OpinionOutcome.INFRINGING,
        reasoning="All claim features are present.",
    )
    EvidenceFileFactory(complaint=case.complaint, original_name="test-purchase.pdf")
    client = login(platform_user)

    # when staff open the case
    page = client.get(_detail(case))

    # then they see the opinion and the evidence, and the form proposes citing the opinion
    html = page.content.decode()
    assert "All claim features are present." in html
    assert "test-purchase.pdf" in html
    assert page.context["form"]["reason_code"].initial == ReasonCode.OFFICE_OPINION

    # when they take the listing down, then the decision cites the opinion
    client.post(_decide(case), _form(case, reason_code=ReasonCode.OFFICE_OPINION))
    assert ListingDecision.objects.get().cites_office_record == f"{opinion} (Infringing)"


def test_staff_of_another_platform_get_404_for_the_case(platform, login):
    # given a case on a platform and a user of another platform
    case = case_on(platform)
    outsider = UserFactory(organisation=PlatformFactory().organisation)
    client = login(outsider)

    # when they open or decide it
    detail = client.get(_detail(case))
    decide = client.post(_decide(case), _form(case))

    # then the case does not exist for them and nothing is decided
    assert (detail.status_code, decide.status_code) == (404, 404)
    assert not ListingDecision.objects.exists()


@pytest.mark.parametrize("user_fixture", ["rightsholder_user", "office_user"])
def test_the_case_pages_are_not_found_for_users_of_other_organisation_kinds(
    user_fixture, platform, request, login
):
    # given a case and a user who is not platform staff
    case = case_on(platform)
    client = login(request.getfixturevalue(user_fixture))

    # when they open or decide it through the console
    detail = client.get(_detail(case))
    decide = client.post(_decide(case), _form(case))

    # then the pages do not exist for them
    assert (detail.status_code, decide.status_code) == (404, 404)


def test_the_console_sends_anonymous_visitors_to_log_in(platform, client):
    # given a case and nobody logged in
    case = case_on(platform)

    # when the case is opened
    response = client.get(_detail(case))

    # then the visitor is asked to log in
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url
