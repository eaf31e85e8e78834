"""The decision pages: nothing ticked beforehand, several listings or cases confirmed by name, a reason of
the other decision and a statement without reasons refused next to their fields, the template prefilled."""

import html

import pytest
from django.urls import reverse

from cases.links import respondent_token
from cases.models import AdministrativeDecision, CaseStatus, HandlingMode, ListingDecision
from complaints.models import ListingStatus
from platforms.models import DecisionAction, ReasonCode, StatementTemplate
from tests.decisions import FACTS
from tests.factories import UserFactory
from tests.platforms.helpers import case_on

pytestmark = pytest.mark.django_db


def _decide(case) -> str:
    return reverse("platforms:case_decide", args=[case.pk])


def _form(listings, **overrides) -> dict:
    data = {
        "listings": [listing.pk for listing in listings],
        "action": DecisionAction.TAKE_DOWN,
        "reason_code": ReasonCode.COUNTERFEIT,
        "statement": FACTS,
    }
    return {**data, **overrides}


def test_deciding_two_listings_asks_to_confirm_them_by_name_before_anything_is_decided(
    platform, platform_user, login
):
    # given a case with two pending listings
    case = case_on(platform, listings=2)
    listings = list(case.listings.order_by("pk"))
    client = login(platform_user)

    # when staff tick both and submit
    asked = client.post(_decide(case), _form(listings))

    # then the page names both, asks for a tick that names the count, and nothing is decided yet
    page = asked.content.decode()
    assert asked.status_code == 200
    assert "You chose 2 listings: tick the confirmation to decide all 2 alike." in page
    confirm = page.split('id="confirm-decision"')[1].split("</div>")[0]
    assert all(str(listing) in confirm for listing in listings)
    assert "Yes, decide these 2 listings" in confirm
    value = ",".join(str(listing.pk) for listing in listings)
    assert f'name="confirm" value="{value}">' in confirm
    assert not ListingDecision.objects.exists()

    # when they tick the confirmation, then both are taken down
    done = client.post(_decide(case), {**_form(listings), "confirm": value})
    assert done.status_code == 302
    assert set(case.listings.values_list("status", flat=True)) == {ListingStatus.TAKEN_DOWN}


def test_a_confirmation_given_for_other_listings_is_asked_again(platform, platform_user, login):
    # given a confirmation ticked for two listings of three
    case = case_on(platform, listings=3)
    listings = list(case.listings.order_by("pk"))
    confirmed_two = ",".join(str(listing.pk) for listing in listings[:2])

    # when the form is sent with all three ticked
    response = login(platform_user).post(_decide(case), {**_form(listings), "confirm": confirmed_two})

    # then it asks again, for the three, and decides nothing
    assert "You chose 3 listings" in response.content.decode()
    assert not ListingDecision.objects.exists()


def test_one_listing_of_two_is_decided_without_touching_the_other(platform, platform_user, login):
    # given a case with two pending listings
    case = case_on(platform, listings=2)
    first, second = case.listings.order_by("pk")

    # when staff tick only the first (one listing needs no confirmation)
    response = login(platform_user).post(_decide(case), _form([first]))

    # then only the first is taken down and the case waits for the second
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    case.refresh_from_db()
    assert (first.status, second.status) == (ListingStatus.TAKEN_DOWN, ListingStatus.PENDING)
    assert case.status == CaseStatus.AWAITING_PLATFORM
    assert list(ListingDecision.objects.values_list("listing", flat=True)) == [first.pk]


def test_a_reason_of_the_other_decision_is_refused_next_to_the_reason_field(platform, platform_user, login):
    case = case_on(platform)

    response = login(platform_user).post(
        _decide(case),
        _form(case.listings.all(), action=DecisionAction.REJECT, reason_code=ReasonCode.COUNTERFEIT),
    )

    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    errors = page.split('id="id_reason_code_errors"')[1].split("</div>")[0]
    assert (
        "“Counterfeit goods” is a reason to take measures, not to reject. Choose a reason to reject."
        in errors
    )
    assert not ListingDecision.objects.exists()


def test_a_statement_without_reasons_is_refused_next_to_the_statement_field(platform, platform_user, login):
    case = case_on(platform)

    response = login(platform_user).post(
        _decide(case),
        _form(
            case.listings.all(),
            action=DecisionAction.REJECT,
            reason_code=ReasonCode.NOT_INFRINGING,
            statement="Rejected.",
        ),
    )

    page = html.unescape(response.content.decode())
    errors = page.split('id="id_statement_errors"')[1].split("</div>")[0]
    assert "“Rejected.” gives no reason." in errors
    assert not ListingDecision.objects.exists()


def test_the_reasons_are_grouped_by_the_decision_they_explain(platform, platform_user, login):
    case = case_on(platform)

    page = login(platform_user).get(reverse("platforms:case_detail", args=[case.pk])).content.decode()

    measures = page.split('<optgroup label="Reasons to take measures">')[1].split("</optgroup>")[0]
    rejections = page.split('<optgroup label="Reasons to reject">')[1].split("</optgroup>")[0]
    assert 'value="counterfeit"' in measures and 'value="counterfeit"' not in rejections
    assert 'value="insufficient_evidence"' in rejections and 'value="insufficient_evidence"' not in measures


def test_the_form_carries_the_platforms_template_for_each_decision(platform, platform_user, login):
    # given a platform with its own wording for measures
    StatementTemplate.objects.create(
        platform=platform,
        action=DecisionAction.TAKE_DOWN,
        measure_scope="Listing removed in every region for 90 days.",
        legal_ground="Terms of service, clause 7.2.",
        redress="Counter-notice within 15 days.",
    )
    case = case_on(platform)

    # when staff open the case
    page = login(platform_user).get(reverse("platforms:case_detail", args=[case.pk])).content.decode()

    # then each standard part carries the wording of both decisions for the page's script to fill in
    assert 'data-template-take_down="Listing removed in every region for 90 days."' in page
    assert 'data-template-reject="No measure: the listing stays online and nothing is restricted."' in page
    assert 'data-template-take_down="Terms of service, clause 7.2."' in page
    assert "js/decision_form.js" in page


def test_the_office_decision_prefills_the_parts_of_the_decision_it_requires(
    platform, platform_user, office, office_user, login
):
    case = case_on(platform, mode=HandlingMode.ADMINISTRATIVE, status=CaseStatus.AWAITING_EXECUTION)
    AdministrativeDecision.objects.create(
        case=case, office=office, official=office_user, infringement_established=False, reasoning="Genuine."
    )

    form = login(platform_user).get(reverse("platforms:case_detail", args=[case.pk])).context["form"]

    assert form["action"].initial == DecisionAction.REJECT
    assert form["measure_scope"].initial == "No measure: the listing stays online and nothing is restricted."


def test_the_respondent_and_the_case_pages_show_every_part_of_the_statement(
    platform, platform_user, login, client
):
    # given a listing taken down with the platform's standard parts
    case = case_on(platform)
    login(platform_user).post(_decide(case), _form(case.listings.all()))
    decision = ListingDecision.objects.get()
    respondent = client.get(reverse("respondents:case", args=[respondent_token(case)]))
    complainant_view = login(UserFactory(organisation=case.complaint.filed_by_org)).get(
        reverse("complaints:case_detail", args=[case.pk])
    )

    # then both show the measure, the facts with the notice, the ground, automated means and the redress
    for response in (respondent, complainant_view):
        page = html.unescape(response.content.decode())
        assert response.status_code == 200
        for text in (
            decision.measure_scope,
            FACTS,
            decision.notice_cited,
            decision.legal_ground,
            "No automated means were used: a person decided.",
            decision.redress,
        ):
            assert text in page, text


def test_a_decision_recorded_before_the_parts_shows_its_statement_as_the_facts(
    platform, platform_user, client
):
    # given a decision of the earlier form: a free statement and no parts
    case = case_on(platform, status=CaseStatus.NOTICE_FORWARDED)
    listing = case.listings.get()
    ListingDecision.objects.create(
        listing=listing,
        case=case,
        decided_by=platform_user,
        action=DecisionAction.TAKE_DOWN,
        reason_code=ReasonCode.COUNTERFEIT,
        statement="Counterfeit goods: the test purchase showed it.",
    )

    # when the respondent opens its link
    page = html.unescape(
        client.get(reverse("respondents:case", args=[respondent_token(case)])).content.decode()
    )

    # then the statement is shown as the facts relied on, and no empty part is shown
    facts = page.split("Facts and reasons relied on")[1]
    assert "Counterfeit goods: the test purchase showed it." in facts
    assert "Legal or terms-of-service ground" not in page and "Automated means" not in page


def test_the_bulk_page_names_the_chosen_cases_and_decides_nothing_without_the_confirmation(
    platform, platform_user, login
):
    # given two cases chosen in the queue
    cases = [case_on(platform, listings=2), case_on(platform)]
    ids = [case.pk for case in cases]
    client = login(platform_user)

    # when the bulk page opens, then it names both and asks for the tick from the start
    page = client.post(
        reverse("platforms:cases_decide_bulk"), {"cases": ids, "step": "choose"}
    ).content.decode()
    confirm = page.split('id="confirm-decision"')[1].split("</div>")[0]
    assert all(f"{case.pk} · {case.store}" in confirm for case in cases)
    assert "Yes, decide these 2 cases" in confirm

    # when the decision is sent without it, then nothing is decided and the question is repeated
    response = client.post(
        reverse("platforms:cases_decide_bulk"),
        {
            "cases": ids,
            "action": DecisionAction.TAKE_DOWN,
            "reason_code": ReasonCode.COUNTERFEIT,
            "statement": FACTS,
        },
    )
    assert response.status_code == 200
    assert "You chose 2 cases" in response.content.decode()
    assert not ListingDecision.objects.exists()
