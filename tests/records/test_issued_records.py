"""An issued opinion (or decision, or statement of reasons) is never rewritten: the admin offers no edit, the
database refuses one, and a correction is a new record citing it, shown in the case history."""

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases.models import (
    CaseStatus,
    CorrectedRecord,
    DeterminationOpinion,
    HandlingMode,
    OpinionOutcome,
    RecordCorrection,
)
from cases.services.corrections import issued_record_correct
from tests.factories import CaseFactory, UserFactory
from tests.security.test_accounts_security import code_for, log_in
from tests.unavailable import service_unavailable

pytestmark = pytest.mark.django_db


@pytest.fixture
def opinion(office, office_user) -> DeterminationOpinion:
    case = CaseFactory(office=office, mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_PLATFORM)
    return DeterminationOpinion.objects.create(
        case=case,
        office=office,
        official=office_user,
        outcome=OpinionOutcome.INFRINGING,
        reasoning="The product reproduces claim 1 in full.",
    )


def test_the_database_refuses_to_change_or_delete_an_issued_opinion(opinion):
    if connection.vendor != "postgresql":
        service_unavailable("the triggers exist on PostgreSQL only")

    with pytest.raises(DatabaseError, match="issued records cannot be changed"), transaction.atomic():
        DeterminationOpinion.objects.filter(pk=opinion.pk).update(outcome=OpinionOutcome.NOT_INFRINGING)
    with pytest.raises(DatabaseError, match="issued records cannot be changed"), transaction.atomic():
        opinion.reasoning = "Rewritten."
        opinion.save()
    with pytest.raises(DatabaseError, match="issued records cannot be changed"), transaction.atomic():
        opinion.delete()

    assert (
        DeterminationOpinion.objects.get(pk=opinion.pk).reasoning == "The product reproduces claim 1 in full."
    )


def test_the_admin_shows_an_issued_opinion_read_only_and_refuses_an_edit(client, opinion):
    operator = UserFactory(is_staff=True, is_superuser=True)
    log_in(
        client,
        operator,
        otp_token=code_for(TOTPDevice.objects.create(user=operator, name="app", confirmed=True)),
    )
    url = reverse("admin:cases_determinationopinion_change", args=[opinion.pk])

    page = client.get(url)
    posted = client.post(url, {"outcome": OpinionOutcome.NOT_INFRINGING, "reasoning": "Rewritten."})
    deleted = client.post(
        reverse("admin:cases_determinationopinion_delete", args=[opinion.pk]), {"post": "yes"}
    )

    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert posted.status_code == deleted.status_code == 403
    assert DeterminationOpinion.objects.get(pk=opinion.pk).outcome == OpinionOutcome.INFRINGING


def test_a_correction_cites_the_opinion_and_is_shown_in_the_case_history(login, office_user, opinion):
    correction = issued_record_correct(
        case_id=opinion.case_id,
        actor=office_user,
        corrects=CorrectedRecord.OPINION,
        record_id=opinion.pk,
        reason="Claim 2 was cited where claim 1 was meant.",
        corrected_text="The product reproduces claim 1 in full.",
    )

    page = login(office_user).get(reverse("enforcement:case_detail", args=[opinion.case_id])).content.decode()

    assert (correction.corrects, correction.corrects_id) == (CorrectedRecord.OPINION, opinion.pk)
    assert f"#{opinion.pk} corrected" in page
    assert "Claim 2 was cited where claim 1 was meant." in page
    opinion.refresh_from_db()
    assert opinion.reasoning == "The product reproduces claim 1 in full."


def test_a_correction_needs_a_reason_and_the_issuing_kind_of_organisation(
    platform_user, office_user, opinion
):
    with pytest.raises(ValidationError) as refused:
        issued_record_correct(
            case_id=opinion.case_id,
            actor=office_user,
            corrects=CorrectedRecord.OPINION,
            record_id=opinion.pk,
            reason=" ",
            corrected_text="Text.",
        )
    assert set(refused.value.message_dict) == {"reason"}
    with pytest.raises(ValidationError, match="Only officials"):
        issued_record_correct(
            case_id=opinion.case_id,
            actor=platform_user,
            corrects=CorrectedRecord.OPINION,
            record_id=opinion.pk,
            reason="Why.",
            corrected_text="Text.",
        )
    assert not RecordCorrection.objects.exists()
