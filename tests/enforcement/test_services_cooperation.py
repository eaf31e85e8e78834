import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from cases.models import Case, CaseStatus, HandlingMode, RequestStatus
from cases.selectors import case_get
from cases.services.cooperation import (
    assistance_answer,
    assistance_request,
    transfer_answer,
    transfer_request,
)
from tests.factories import CaseFactory, OfficeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_office():
    return OfficeFactory()


@pytest.fixture
def other_official(other_office):
    return UserFactory(organisation=other_office.organisation)


def _case(office) -> Case:
    return CaseFactory(mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_OPINION, office=office)


def test_an_accepted_transfer_moves_the_case_to_the_other_office(
    office, office_user, other_office, other_official
):
    case = _case(office)

    transfer = transfer_request(
        case_id=case.pk,
        actor=office_user,
        to_office_id=other_office.pk,
        reason="Respondent is in their region.",
    )
    transfer_answer(transfer_id=transfer.pk, actor=other_official, accept=True)

    case.refresh_from_db()
    transfer.refresh_from_db()
    assert case.office == other_office
    assert transfer.status == RequestStatus.ACCEPTED
    assert case_get(user=other_official, case_id=case.pk) == case
    with pytest.raises(Case.DoesNotExist):
        case_get(user=office_user, case_id=case.pk)
    assert AuditEntry.objects.filter(case_id=case.pk, action="transfer_accepted").exists()


def test_a_declined_transfer_needs_reasons_and_leaves_the_case(
    office, office_user, other_office, other_official
):
    case = _case(office)
    transfer = transfer_request(
        case_id=case.pk, actor=office_user, to_office_id=other_office.pk, reason="Region."
    )

    with pytest.raises(ValidationError) as refused:
        transfer_answer(transfer_id=transfer.pk, actor=other_official, accept=False, reason="")
    assert "reason" in refused.value.message_dict
    transfer_answer(
        transfer_id=transfer.pk, actor=other_official, accept=False, reason="Not our region either."
    )

    case.refresh_from_db()
    transfer.refresh_from_db()
    assert case.office == office
    assert (transfer.status, transfer.answer_reason) == (RequestStatus.DECLINED, "Not our region either.")
    with pytest.raises(ValidationError):
        transfer_answer(transfer_id=transfer.pk, actor=other_official, accept=True)


def test_transfer_refusals(office, office_user, other_office, other_official):
    case = _case(office)
    with pytest.raises(ValidationError) as own:
        transfer_request(case_id=case.pk, actor=office_user, to_office_id=office.pk, reason="x")
    assert "to_office" in own.value.message_dict
    with pytest.raises(ValidationError) as no_reason:
        transfer_request(case_id=case.pk, actor=office_user, to_office_id=other_office.pk, reason=" ")
    assert "reason" in no_reason.value.message_dict
    transfer_request(case_id=case.pk, actor=office_user, to_office_id=other_office.pk, reason="Region.")
    with pytest.raises(ValidationError) as twice:
        transfer_request(case_id=case.pk, actor=office_user, to_office_id=other_office.pk, reason="Again.")
    assert twice.value.code == "conflict"
    with pytest.raises(Case.DoesNotExist):
        transfer_request(case_id=case.pk, actor=other_official, to_office_id=office.pk, reason="Not ours.")


def test_only_the_receiving_office_answers_a_transfer(office, office_user, other_office):
    from cases.models import Transfer

    case = _case(office)
    transfer = transfer_request(
        case_id=case.pk, actor=office_user, to_office_id=other_office.pk, reason="Region."
    )

    with pytest.raises(Transfer.DoesNotExist):
        transfer_answer(transfer_id=transfer.pk, actor=office_user, accept=True)


def test_assistance_is_asked_answered_and_tracked_on_the_case(
    office, office_user, other_office, other_official
):
    case = _case(office)

    request = assistance_request(
        case_id=case.pk,
        actor=office_user,
        to_office_id=other_office.pk,
        request="Inspect the seller's warehouse.",
    )
    assert request.status == RequestStatus.PENDING and request.due_on is not None
    assistance_answer(request_id=request.pk, actor=other_official, answer="Inspected: 200 counterfeit items.")

    request.refresh_from_db()
    assert (request.status, request.answer) == (RequestStatus.ANSWERED, "Inspected: 200 counterfeit items.")
    assert case.office == office
    with pytest.raises(ValidationError):
        assistance_answer(request_id=request.pk, actor=other_official, answer="Again.")
    assert AuditEntry.objects.filter(case_id=case.pk, action="assistance_answered").exists()


def test_assistance_needs_a_request_text(office, office_user, other_office):
    case = _case(office)

    with pytest.raises(ValidationError) as refused:
        assistance_request(case_id=case.pk, actor=office_user, to_office_id=other_office.pk, request="")

    assert "request" in refused.value.message_dict
