import pytest
from django.urls import reverse

from audit.models import AuditEntry
from cases.models import (
    AdministrativeDecision,
    Case,
    CaseStatus,
    DeterminationOpinion,
    HandlingMode,
    OpinionOutcome,
)
from complaints.models import ComplaintStatus
from enforcement.models import Office
from tests.factories import CaseFactory, ComplaintFactory, OfficeFactory, UserFactory

pytestmark = pytest.mark.django_db


def _assisted(office: Office, **kwargs: object) -> Case:
    return CaseFactory(
        mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_OPINION, office=office, **kwargs
    )


def _administrative(office: Office, **kwargs: object) -> Case:
    return CaseFactory(
        mode=HandlingMode.ADMINISTRATIVE, status=CaseStatus.AWAITING_OFFICE_DECISION, office=office, **kwargs
    )


OPINION = {
    "outcome": OpinionOutcome.INFRINGING,
    "reasoning": "Every feature of claim 1 is found in the product shown.",
    "technical_comparison": "Claim 1 features a–d against photos 2–5.",
}
DECISION = {
    "infringement_established": "yes",
    "measures_ordered": "Remove the listings.",
    "reasoning": "Same mark.",
}


def test_case_page_offers_the_opinion_form_on_an_assisted_case_awaiting_one(office, office_user, login):
    case = _assisted(office)
    client = login(office_user)

    response = client.get(reverse("enforcement:case_detail", args=[case.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("enforcement:opinion_issue", args=[case.pk]) in html
    assert reverse("enforcement:decision_issue", args=[case.pk]) not in html
    assert case.store.name in html  # the shared summary partial


def test_case_page_offers_no_form_once_the_opinion_is_given(office, office_user, login):
    case = CaseFactory(mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_PLATFORM, office=office)
    client = login(office_user)

    response = client.get(reverse("enforcement:case_detail", args=[case.pk]))

    html = response.content.decode()
    assert reverse("enforcement:opinion_issue", args=[case.pk]) not in html
    assert reverse("enforcement:decision_issue", args=[case.pk]) not in html


def test_opinion_through_the_form_sends_the_case_to_the_platform_which_sees_the_outcome(
    office, office_user, platform, platform_user, login, client
):
    case = _assisted(office, complaint=ComplaintFactory(platform=platform, status=ComplaintStatus.SUBMITTED))
    login(office_user)

    response = client.post(reverse("enforcement:opinion_issue", args=[case.pk]), OPINION, follow=True)

    assert response.redirect_chain == [(reverse("enforcement:case_detail", args=[case.pk]), 302)]
    assert "Opinion issued" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_PLATFORM
    opinion = DeterminationOpinion.objects.get(case=case)
    assert (opinion.outcome, opinion.official, opinion.office) == (
        OpinionOutcome.INFRINGING,
        office_user,
        office,
    )
    assert opinion.technical_comparison == OPINION["technical_comparison"]
    assert AuditEntry.objects.filter(case_id=case.pk, action="opinion_issued").exists()

    client.logout()
    login(platform_user)
    platform_page = client.get(reverse("platforms:case_detail", args=[case.pk]))

    assert platform_page.status_code == 200
    assert "<strong>Infringing</strong>" in platform_page.content.decode()
    assert OPINION["reasoning"] in platform_page.content.decode()


def test_administrative_decision_through_the_form_awaits_execution(office, office_user, login):
    case = _administrative(office)
    client = login(office_user)

    response = client.post(reverse("enforcement:decision_issue", args=[case.pk]), DECISION)

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_EXECUTION
    decision = AdministrativeDecision.objects.get(case=case)
    assert decision.infringement_established is True
    assert decision.measures_ordered == "Remove the listings."


@pytest.mark.parametrize(
    ("make_case", "url_name", "data"),
    [
        (_assisted, "enforcement:opinion_issue", OPINION),
        (_administrative, "enforcement:decision_issue", DECISION),
    ],
)
def test_missing_reasoning_is_shown_next_to_the_field(office, office_user, login, make_case, url_name, data):
    case = make_case(office)
    client = login(office_user)

    response = client.post(reverse(url_name, args=[case.pk]), {**data, "reasoning": "   "})

    assert response.status_code == 400
    assert 'id="id_reasoning_errors"' in response.content.decode()
    case.refresh_from_db()
    assert case.status in (CaseStatus.AWAITING_OPINION, CaseStatus.AWAITING_OFFICE_DECISION)


def test_established_infringement_without_measures_shows_the_services_error_next_to_the_field(
    office, office_user, login
):
    case = _administrative(office)
    client = login(office_user)

    response = client.post(
        reverse("enforcement:decision_issue", args=[case.pk]), {**DECISION, "measures_ordered": ""}
    )

    assert response.status_code == 400
    html = response.content.decode()
    errors = html.split('id="id_measures_ordered_errors"')[1].split("</div>")[0]
    assert "State the measures the platform must take." in errors
    assert not AdministrativeDecision.objects.filter(case=case).exists()


def test_opinion_on_a_case_not_awaiting_one_is_refused_in_words(office, office_user, login):
    case = CaseFactory(mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_PLATFORM, office=office)
    client = login(office_user)

    response = client.post(reverse("enforcement:opinion_issue", args=[case.pk]), OPINION)

    assert response.status_code == 400
    assert "An opinion can only be given on a case awaiting one." in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_PLATFORM
    assert not DeterminationOpinion.objects.filter(case=case).exists()


def test_second_opinion_after_the_first_is_refused_in_words(office, office_user, login):
    case = _assisted(office)
    client = login(office_user)
    client.post(reverse("enforcement:opinion_issue", args=[case.pk]), OPINION)

    response = client.post(reverse("enforcement:opinion_issue", args=[case.pk]), OPINION)

    assert response.status_code == 400
    assert "An opinion can only be given on a case awaiting one." in response.content.decode()
    assert DeterminationOpinion.objects.filter(case=case).count() == 1


@pytest.mark.parametrize(
    ("method", "url_name", "data"),
    [
        ("get", "enforcement:case_detail", {}),
        ("post", "enforcement:opinion_issue", OPINION),
        ("post", "enforcement:decision_issue", DECISION),
    ],
)
def test_official_of_another_office_gets_404(office, login, method, url_name, data):
    case = _assisted(office) if url_name != "enforcement:decision_issue" else _administrative(office)
    stranger = UserFactory(organisation=OfficeFactory().organisation)
    client = login(stranger)

    response = getattr(client, method)(reverse(url_name, args=[case.pk]), data)

    assert response.status_code == 404
    case.refresh_from_db()
    assert case.status in (CaseStatus.AWAITING_OPINION, CaseStatus.AWAITING_OFFICE_DECISION)


@pytest.mark.parametrize("user_fixture", ["rightsholder_user", "platform_user"])
@pytest.mark.parametrize(
    ("method", "url_name", "data"),
    [
        ("get", "enforcement:docket", None),
        ("get", "enforcement:case_detail", {}),
        ("post", "enforcement:opinion_issue", OPINION),
        ("post", "enforcement:decision_issue", DECISION),
    ],
)
def test_rightsholders_and_platform_staff_get_404_on_the_office_console(
    office, platform, login, request, user_fixture, method, url_name, data
):
    # The case is the user's own (filed by the rightsholder, on the platform): still not their console.
    user = request.getfixturevalue(user_fixture)
    complaint = ComplaintFactory(platform=platform, status=ComplaintStatus.SUBMITTED)
    if user_fixture == "rightsholder_user":
        complaint = ComplaintFactory(
            platform=platform, status=ComplaintStatus.SUBMITTED, right__owner_org=user.organisation
        )
    case = _assisted(office, complaint=complaint)
    client = login(user)

    url = reverse(url_name) if data is None else reverse(url_name, args=[case.pk])
    response = getattr(client, method)(url, data or {})

    assert response.status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(office, client):
    case = _assisted(office)

    response = client.get(reverse("enforcement:case_detail", args=[case.pk]))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_opinion_url_does_not_accept_get(office, office_user, login):
    case = _assisted(office)
    client = login(office_user)

    response = client.get(reverse("enforcement:opinion_issue", args=[case.pk]))

    assert response.status_code == 405
