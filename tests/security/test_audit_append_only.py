"""The audit trail is append-only, enforced by PostgreSQL itself, and shown on every case page."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from audit.actors import SYSTEM
from audit.models import ActorKind, AuditEntry
from audit.services import audit_record
from cases.models import CaseStatus, HandlingMode
from tests.factories import CaseFactory, ComplaintFactory
from tests.unavailable import service_unavailable

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(platform):
    case = CaseFactory(complaint__platform=platform)
    return audit_record(actor=SYSTEM, subject=case, action="routed", to_status=CaseStatus.AWAITING_PLATFORM)


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        service_unavailable("the append-only trigger exists on PostgreSQL only")


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditentry SET action = 'forged' WHERE id = %s",
        "UPDATE audit_auditentry SET note = '', actor_label = 'someone else' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ],
)
def test_the_database_refuses_to_change_or_delete_an_entry_even_in_raw_sql(entry, statement):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement, [entry.pk])

    entry.refresh_from_db()
    assert entry.action == "routed"


def test_the_orm_cannot_change_or_delete_entries_either(entry):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="forged")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()

    assert AuditEntry.objects.filter(pk=entry.pk, action="routed").exists()


def test_the_database_sets_the_time_of_an_entry_whatever_the_orm_supplies():
    entry = AuditEntry.objects.create(
        created_at=datetime(2001, 1, 1, tzinfo=UTC),
        actor_kind=ActorKind.SYSTEM,
        actor_label="system",
        subject_type="case",
        subject_id=1,
        action="back_dated",
    )

    with connection.cursor() as cursor:
        cursor.execute("SELECT statement_timestamp()")
        now = cursor.fetchone()[0]
    assert now - timedelta(minutes=1) < entry.created_at <= now
    assert AuditEntry.objects.get(pk=entry.pk).created_at == entry.created_at


def test_appending_still_works(entry):
    audit_record(actor=SYSTEM, subject=entry, action="noted")

    assert AuditEntry.objects.count() == 2


@pytest.mark.parametrize(
    ("url_name", "user_fixture"),
    [
        ("complaints:case_detail", "rightsholder_user"),
        ("platforms:case_detail", "platform_user"),
        ("enforcement:case_detail", "office_user"),
    ],
)
def test_every_case_page_shows_the_history(request, login, url_name, user_fixture):
    user = request.getfixturevalue(user_fixture)
    office = request.getfixturevalue("office")
    platform = request.getfixturevalue("platform")
    complaint = ComplaintFactory(
        platform=platform,
        status="submitted",
        right__owner_org=request.getfixturevalue("rightsholder_user").organisation,
    )
    case = CaseFactory(
        complaint=complaint, status=CaseStatus.AWAITING_OPINION, mode=HandlingMode.ASSISTED, office=office
    )
    audit_record(actor=SYSTEM, subject=case, action="routed", note="Rule 1 matched: history-marker-xyz.")

    response = login(user).get(reverse(url_name, args=[case.pk]))

    assert response.status_code == 200
    assert "history-marker-xyz" in response.content.decode()
