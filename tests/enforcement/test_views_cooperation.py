"""Offices working together: the office asked reads the case and its proof before it answers, the asking
office follows its requests, and after a transfer keeps the record of what it handled."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import CaseStatus, HandlingMode, OpinionOutcome
from cases.services.cooperation import (
    assistance_answer,
    assistance_request,
    transfer_answer,
    transfer_request,
)
from cases.services.office_records import opinion_issue
from tests.factories import CaseFactory, EvidenceFileFactory, IPRightFactory, OfficeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(office):
    right = IPRightFactory(evaluation_report=ContentFile(b"%PDF-1.4 evaluation", name="evaluation.pdf"))
    return CaseFactory(
        complaint__right=right, status=CaseStatus.AWAITING_OPINION, mode=HandlingMode.ASSISTED, office=office
    )


@pytest.fixture
def other_office():
    return OfficeFactory()


@pytest.fixture
def other_official(other_office):
    return UserFactory(organisation=other_office.organisation)


def _proof_urls(case) -> list[str]:
    right = case.complaint.right
    return [
        reverse("complaints:right_file", args=[right.pk, kind])
        for kind in ("certificate", "evaluation-report")
    ]


def test_the_office_asked_for_a_transfer_reads_the_case_and_its_proof_before_it_answers(
    case, office_user, other_office, other_official, login
):
    evidence = EvidenceFileFactory(complaint=case.complaint)
    client = login(other_official)
    page_url = reverse("enforcement:case_detail", args=[case.pk])
    assert client.get(page_url).status_code == 404
    assert client.get(_proof_urls(case)[0]).status_code == 404

    transfer = transfer_request(
        case_id=case.pk, actor=office_user, to_office_id=other_office.pk, reason="Region."
    )

    dashboard = client.get(reverse("enforcement:dashboard")).content.decode()
    assert page_url in dashboard
    page = client.get(page_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="read-only"' in html
    assert all(url in html for url in _proof_urls(case))
    assert reverse("complaints:evidence_download", args=[evidence.pk]) in html
    # Read only: no form acts on the case, and the respondent's signed link is not shown.
    assert reverse("enforcement:opinion_issue", args=[case.pk]) not in html
    assert reverse("enforcement:complainant_suspend", args=[case.pk]) not in html
    assert "/respond/" not in html
    for url in _proof_urls(case):
        assert client.get(url).status_code == 200
    assert client.get(reverse("complaints:evidence_download", args=[evidence.pk])).status_code == 200

    transfer_answer(transfer_id=transfer.pk, actor=other_official, accept=False, reason="Not ours.")
    assert client.get(page_url).status_code == 404
    assert client.get(_proof_urls(case)[0]).status_code == 404


def test_the_office_asked_for_assistance_reads_the_case_until_it_answers(
    case, office_user, other_office, other_official, login
):
    client = login(other_official)
    page_url = reverse("enforcement:case_detail", args=[case.pk])
    request = assistance_request(
        case_id=case.pk, actor=office_user, to_office_id=other_office.pk, request="Visit."
    )

    assert page_url in client.get(reverse("enforcement:dashboard")).content.decode()
    assert client.get(page_url).status_code == 200
    assistance_answer(request_id=request.pk, actor=other_official, answer="Visited: closed shop.")
    assert client.get(page_url).status_code == 404


def test_the_asking_office_follows_its_requests_and_keeps_the_history_it_handled(
    case, office_user, other_office, other_official, login
):
    client = login(office_user)
    assistance = assistance_request(
        case_id=case.pk, actor=office_user, to_office_id=other_office.pk, request="Visit the seller."
    )
    assistance_answer(request_id=assistance.pk, actor=other_official, answer="The seller moved away.")
    transfer = transfer_request(
        case_id=case.pk, actor=office_user, to_office_id=other_office.pk, reason="Seller's region."
    )
    transfer_answer(transfer_id=transfer.pk, actor=other_official, accept=True)
    opinion_issue(
        case_id=case.pk,
        actor=other_official,
        outcome=OpinionOutcome.INFRINGING,
        reasoning="Same mark on the goods.",
    )
    other_case = CaseFactory(
        status=CaseStatus.AWAITING_OPINION, mode=HandlingMode.ASSISTED, office=other_office
    )

    listing = client.get(reverse("enforcement:outgoing_requests")).content.decode()
    assert f'id="outgoing-transfer-{transfer.pk}"' in listing
    assert f'id="outgoing-assistance-{assistance.pk}"' in listing
    assert "The seller moved away." in listing
    assert "Accepted" in listing or "accepted" in listing

    page = client.get(reverse("enforcement:case_detail", args=[case.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="handed-over"' in html
    assert "Transfer to another office requested" in html
    assert "Transfer accepted" in html
    assert _proof_urls(case)[0] not in html
    assert client.get(_proof_urls(case)[0]).status_code == 404
    # What the new office did afterwards is its own.
    assert "Determination opinion issued" not in html
    assert client.get(reverse("enforcement:case_detail", args=[other_case.pk])).status_code == 404


def test_the_outgoing_page_takes_the_same_queries_for_more_requests(case, office_user, other_office, login):
    client = login(office_user)
    assistance_request(case_id=case.pk, actor=office_user, to_office_id=other_office.pk, request="One.")
    client.get(reverse("enforcement:outgoing_requests"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("enforcement:outgoing_requests"))
    for _ in range(4):
        more = CaseFactory(status=CaseStatus.AWAITING_OPINION, mode=HandlingMode.ASSISTED, office=case.office)
        assistance_request(case_id=more.pk, actor=office_user, to_office_id=other_office.pk, request="More.")
        transfer_request(case_id=more.pk, actor=office_user, to_office_id=other_office.pk, reason="More.")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("enforcement:outgoing_requests"))

    assert len(many) == len(few)
