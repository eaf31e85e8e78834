"""The pages of mediation and arbitration: the proposal on the respondent's link page, the answer on the
complainant's case page, the body's console and case page with its forms, the platform's execution."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.links import respondent_token
from cases.models import CaseClosure, CaseStatus
from complaints.models import ListingStatus
from disputes.models import DisputeBodyKind
from tests.disputes.referrals import body_serving, referred, session_held, staff_of
from tests.factories import UserFactory
from tests.platforms.lifecycle import decided_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(platform, platform_user):
    return decided_case(platform, platform_user)


@pytest.fixture
def complainant(case):
    return UserFactory(organisation=case.complaint.filed_by_org)


def test_the_respondent_proposes_on_its_page_and_the_complainant_accepts_on_its_own(
    client, login, case, complainant
) -> None:
    body = body_serving(case, days=25)
    token = respondent_token(case)

    offered = client.get(reverse("respondents:case", args=[token])).content.decode()
    refused_form = client.post(
        reverse("disputes:respondent_referral_propose", args=[token]), {"body": body.pk, "measures": "stand"}
    )
    client.post(
        reverse("disputes:respondent_referral_propose", args=[token]),
        {"name_given": "Store owner", "body": body.pk, "measures": "stand", "note": "Let us mediate."},
    )
    login(complainant)
    page = client.get(reverse("complaints:case_detail", args=[case.pk])).content.decode()
    client.post(reverse("disputes:complainant_referral_answer", args=[case.pk]), {"accept": "yes"})

    case.refresh_from_db()
    assert str(body) in offered and "25 working days" in offered and "fees: none" in offered
    assert (
        refused_form.status_code == 400 and 'id="referral_name_given_errors"' in refused_form.content.decode()
    )
    assert "Let us mediate." in page and 'id="referral_answer_accept_0"' in page
    assert case.status == CaseStatus.AT_DISPUTE_BODY


def test_the_body_lists_its_cases_and_records_a_session_and_a_settlement(
    client, login, case, complainant
) -> None:
    body = body_serving(case)
    referred(case, body, complainant)
    mediator = staff_of(body)
    login(mediator)

    console = client.get(reverse("disputes:console")).content.decode()
    page = client.get(reverse("disputes:case_detail", args=[case.pk])).content.decode()
    early = client.post(reverse("disputes:body_settlement", args=[case.pk]), {"terms": "Settled."})
    held = (timezone.localtime() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    client.post(
        reverse("disputes:body_session", args=[case.pk]),
        {"held_at": held, "place": "Room 1", "notes": "Both parties heard."},
    )
    client.post(
        reverse("disputes:body_settlement", args=[case.pk]), {"terms": "The store removes the listing."}
    )
    case_file = client.get(reverse("documents:case_file", args=[case.pk]))

    case.refresh_from_db()
    assert f'id="case-{case.pk}"' in console and case.deadline is None
    assert reverse("documents:case_file", args=[case.pk]) in page
    assert early.status_code == 400 and "Record a session with the parties first" in early.content.decode()
    assert (case.status, case.closure) == (CaseStatus.CLOSED, CaseClosure.SETTLED)
    assert case_file.status_code == 200 and case_file["Content-Type"] == "application/zip"


def test_another_body_gets_a_404(client, login, case, complainant) -> None:
    referred(case, body_serving(case), complainant)
    login(staff_of(body_serving(case, name="Another centre")))

    assert client.get(reverse("disputes:case_detail", args=[case.pk])).status_code == 404
    assert client.get(reverse("documents:case_file", args=[case.pk])).status_code == 404


def test_the_platform_executes_the_award_from_its_case_page(
    client, login, case, complainant, platform_user
) -> None:
    body = body_serving(case, kind=DisputeBodyKind.ARBITRATION_COMMISSION)
    referred(case, body, complainant)
    arbitrator = staff_of(body)
    session_held(case, arbitrator)
    listing = case.listings.get()
    login(arbitrator)
    client.post(
        reverse("disputes:body_award", args=[case.pk]),
        {"terms": "The listing does not infringe.", f"listing_{listing.pk}": "restore"},
    )

    login(platform_user)
    page = client.get(reverse("platforms:case_detail", args=[case.pk])).content.decode()
    client.post(reverse("disputes:award_execute", args=[case.pk]))

    case.refresh_from_db()
    listing.refresh_from_db()
    assert 'id="award-execute"' in page and "The listing does not infringe." in page
    assert (case.status, case.closure, listing.status) == (
        CaseStatus.CLOSED,
        CaseClosure.AWARD_EXECUTED,
        ListingStatus.RESTORED,
    )
