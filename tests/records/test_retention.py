"""Personal data of a closed case is anonymised once its retention period has passed, every anonymisation
is audited, the audit chain still verifies, and a person can download the data held about them."""

import json
from datetime import timedelta

import psycopg
import pytest
from django.urls import reverse
from django.utils import timezone

from audit.actors import SYSTEM, Respondent
from audit.chain import chain_verify
from audit.models import AuditEntry
from audit.services import audit_record
from cases.models import CaseStatus, CounterNotice
from complaints.models import Listing
from records.models import RetainedKind, RetentionPeriod
from records.retention import personal_data_past_retention_anonymise
from tests.factories import CaseFactory
from tests.security.test_database_roles import APPEND, app_role, as_application  # noqa: F401  # fixtures

pytestmark = pytest.mark.django_db

NAME, EMAIL = "Li Wei", "li.wei@example.test"


def _closed_case(days_ago: int):
    case = CaseFactory(status=CaseStatus.CLOSED, closed_at=timezone.now() - timedelta(days=days_ago))
    CounterNotice.objects.create(
        case=case, respondent_name=NAME, contact_email=EMAIL, statement="Genuine goods.", declaration=True
    )
    Listing.objects.filter(case=case).update(store_email=EMAIL)
    audit_record(
        actor=Respondent(store=case.store, name_given=NAME),
        subject=case,
        action="counter_notice_received",
        note=f"Contact: {EMAIL}",
    )
    audit_record(actor=SYSTEM, subject=case, action="closed_without_counter_notice", note="Window expired.")
    return case


def test_a_case_closed_longer_than_its_periods_is_anonymised_and_the_chain_still_verifies():
    # Given the default periods (three years) and a case closed four years ago, another closed last month
    old, recent = _closed_case(days_ago=4 * 365), _closed_case(days_ago=30)
    assert RetentionPeriod.objects.get(kind=RetainedKind.COUNTER_NOTICE).days_after_closure == 3 * 365
    listing_before = Listing.objects.get(case=old)

    done = personal_data_past_retention_anonymise()

    assert done == len(RetainedKind)
    notice = CounterNotice.objects.get(case=old)
    assert (notice.respondent_name, notice.contact_email, notice.statement) == (
        "anonymised",
        "",
        "Genuine goods.",
    )
    listing = Listing.objects.get(case=old)
    # The listing itself is kept as the public register needs it; only the contact goes.
    assert (listing.store_email, listing.url, listing.listing_ref, listing.store_ref) == (
        "",
        listing_before.url,
        listing_before.listing_ref,
        listing_before.store_ref,
    )
    typed = AuditEntry.objects.get(case_id=old.pk, action="counter_notice_received")
    assert (typed.name_given, typed.note, typed.redacted_at is not None) == ("", "", True)
    assert (
        AuditEntry.objects.get(case_id=old.pk, action="closed_without_counter_notice").note
        == "Window expired."
    )
    assert set(
        AuditEntry.objects.filter(case_id=old.pk, action="personal_data_anonymised").values_list(
            "note", flat=True
        )
    ) == set(RetainedKind.values)
    assert chain_verify().broken is None
    # The recent case is untouched, and a second run does nothing more.
    assert CounterNotice.objects.get(case=recent).respondent_name == NAME
    assert Listing.objects.get(case=recent).store_email == EMAIL
    assert personal_data_past_retention_anonymise() == 0


def test_a_shorter_period_set_by_an_operator_applies_to_its_kind_only():
    RetentionPeriod.objects.filter(kind=RetainedKind.LISTING_CONTACT).update(days_after_closure=7)
    case = _closed_case(days_ago=30)

    assert personal_data_past_retention_anonymise() == 1

    assert Listing.objects.get(case=case).store_email == ""
    assert CounterNotice.objects.get(case=case).respondent_name == NAME


def test_a_person_downloads_the_data_held_about_them_and_the_request_is_audited(login, rightsholder_user):
    audit_record(actor=rightsholder_user, subject=rightsholder_user.organisation, action="right_registered")
    client = login(rightsholder_user)

    response = client.post(reverse("records:my_data"))
    refused = client.get(reverse("records:my_data"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    document = json.loads(response.content)
    assert document["account"]["username"] == rightsholder_user.username
    assert document["account"]["email"] == rightsholder_user.email
    assert [e["action"] for e in document["audit_entries"]] == ["right_registered"]
    assert AuditEntry.objects.filter(actor=rightsholder_user, action="personal_data_exported").count() == 1
    assert refused.status_code == 405


def test_the_data_export_needs_a_signed_in_person(client):
    response = client.post(reverse("records:my_data"))

    assert response.status_code == 302
    assert not AuditEntry.objects.filter(action="personal_data_exported").exists()


def test_the_application_role_may_redact_an_entry_once_through_the_function_only(request):
    app = request.getfixturevalue("as_application")  # a connection as the application's database role
    # The entry exists only in this transaction of the application's own connection, rolled back at the end.
    with app.transaction(force_rollback=True):
        (entry_id, *_) = app.execute(APPEND, ["2001-01-01T00:00:00Z"]).fetchone()
        with pytest.raises(psycopg.errors.InsufficientPrivilege), app.transaction():
            app.execute("UPDATE audit_auditentry SET note = '' WHERE id = %s", [entry_id])

        redacted = app.execute("SELECT audit_entry_redact(%s)", [[entry_id]]).fetchone()[0]
        again = app.execute("SELECT audit_entry_redact(%s)", [[entry_id]]).fetchone()[0]
        row = app.execute(
            "SELECT actor_label, action, redacted_at IS NOT NULL FROM audit_auditentry WHERE id = %s",
            [entry_id],
        ).fetchone()

    assert (redacted, again) == (1, 0)
    assert row == ("redacted", "forged", True)
