"""Who acted, in the audit trail, is always someone the system knows: the signed-in user, the respondent
its signed link names (by its store, with the name the person typed kept apart), or the system."""

import re
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import ActorKind, AuditEntry
from audit.services import audit_record
from cases.links import respondent_token
from cases.models import Case, CaseStatus
from cases.services.notice_and_takedown import case_lift_measures
from tests.enforcement.admin_helpers import routed_administrative_case
from tests.factories import UserFactory
from tests.platforms.lifecycle import counter_noticed_case, decided_case, window_open_case
from tests.security.test_accounts_security import code_for, log_in

pytestmark = pytest.mark.django_db

IMPERSONATED = "sichuan-official"


def _actors_shown(page: str) -> list[str]:
    return re.findall(r'<span class="actor">([^<]*)</span>', page)


def _entry(case: Case, action: str) -> AuditEntry:
    return AuditEntry.objects.get(case_id=case.pk, action=action)


def test_a_respondent_consenting_on_its_link_is_its_store_and_the_typed_name_is_only_the_name_given(
    client, login
):
    case = routed_administrative_case(requested=True)
    assert case.office is not None
    official = UserFactory(username=IMPERSONATED, organisation=case.office.organisation)

    response = client.post(
        reverse("respondents:consent", args=[respondent_token(case)]),
        {"name": IMPERSONATED, "consent": "yes"},
    )

    assert response.status_code == 302
    entry = _entry(case, "consent_given")
    assert (entry.actor_kind, entry.actor, entry.respondent_store) == (ActorKind.RESPONDENT, None, case.store)
    assert entry.name_given == IMPERSONATED
    assert entry.actor_label == f"respondent: {case.store.name}"
    page = login(official).get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
    assert f"respondent: {case.store.name}" in _actors_shown(page)
    assert IMPERSONATED not in " ".join(_actors_shown(page))
    assert f"(name given: {IMPERSONATED})" in page


def test_a_counter_notice_on_the_link_is_the_stores_with_the_typed_name_apart(
    client, login, platform, platform_user
):
    case = decided_case(platform, platform_user)

    response = client.post(
        reverse("respondents:case", args=[respondent_token(case)]),
        {
            "respondent_name": IMPERSONATED,
            "contact_email": "owner@seller.example.test",
            "statement": "Genuine goods from the brand's distributor.",
            "declaration": "on",
        },
    )

    assert response.status_code == 302
    entry = _entry(case, "counter_notice_received")
    assert (entry.actor_kind, entry.actor, entry.respondent_store) == (ActorKind.RESPONDENT, None, case.store)
    assert entry.name_given == IMPERSONATED
    page = login(platform_user).get(reverse("platforms:case_detail", args=[case.pk])).content.decode()
    assert f"respondent: {case.store.name}" in _actors_shown(page)
    assert IMPERSONATED not in " ".join(_actors_shown(page))


def test_the_api_history_gives_the_respondent_by_its_store_and_the_typed_name_as_name_given(
    api_client, platform, platform_user
):
    case = counter_noticed_case(platform, platform_user)
    api_client.force_authenticate(platform_user)

    history = api_client.get(f"/api/v1/cases/{case.pk}/").json()["history"]

    (entry,) = [e for e in history if e["action"] == "counter_notice_received"]
    assert (entry["actor"], entry["actor_kind"], entry["name_given"]) == (
        f"respondent: {case.store.name}",
        "respondent",
        "Store owner",
    )


def test_a_signed_in_users_action_records_that_user(client, login, platform, platform_user):
    case = counter_noticed_case(platform, platform_user)

    response = login(platform_user).post(reverse("platforms:case_forward_counter_notice", args=[case.pk]))

    assert response.status_code == 302
    entry = _entry(case, "counter_notice_forwarded")
    assert (entry.actor_kind, entry.actor, entry.respondent_store) == (ActorKind.USER, platform_user, None)
    assert entry.actor_label == f"{platform_user.username} ({platform.organisation.name})"
    assert entry.name_given == ""


def test_the_deadline_job_records_the_system(platform, platform_user):
    case = window_open_case(platform, platform_user)
    assert case.deadline is not None

    assert case_lift_measures(case_id=case.pk, now=timezone.now() + timedelta(days=60))

    entry = _entry(case, "measures_lifted")
    assert (entry.actor_kind, entry.actor, entry.respondent_store) == (ActorKind.SYSTEM, None, None)
    assert entry.actor_shown == "system"


@pytest.mark.parametrize("actor", [IMPERSONATED, None, "system"], ids=["typed name", "none", "the word"])
def test_audit_record_takes_no_text_and_no_missing_actor(actor, platform):
    case = decided_case(platform, UserFactory(organisation=platform.organisation))
    before = AuditEntry.objects.count()

    with pytest.raises(TypeError, match="actor"):
        audit_record(actor=actor, subject=case, action="forged")

    assert AuditEntry.objects.count() == before


def test_an_unsaved_user_is_not_an_actor(platform):
    case = decided_case(platform, UserFactory(organisation=platform.organisation))
    stranger = UserFactory.build(username=IMPERSONATED)

    with pytest.raises(TypeError, match="actor"):
        audit_record(actor=stranger, subject=case, action="forged")


@pytest.mark.parametrize(
    "fields",
    [
        {"actor_kind": ActorKind.USER},
        {"actor_kind": ActorKind.SYSTEM, "name_given": IMPERSONATED},
        {"actor_kind": ActorKind.RESPONDENT},
        {"actor_kind": "official"},
    ],
    ids=["user without a user", "system with a typed name", "respondent without a store", "unknown kind"],
)
def test_the_database_refuses_an_entry_whose_actor_is_not_one_of_the_three(fields):
    with pytest.raises(IntegrityError, match="audit_entry_actor_is_known"), transaction.atomic():
        AuditEntry.objects.create(
            actor_label=IMPERSONATED, subject_type="case", subject_id=1, action="forged", **fields
        )


def test_a_respondent_and_a_user_in_one_case_are_told_apart_in_its_history(client, login):
    case = routed_administrative_case(requested=False)
    complainant = case.complaint.filed_by
    assert complainant is not None

    login(complainant).post(reverse("parties:consent_answer", args=[case.pk]), {"consent": "yes"})
    client.logout()
    client.post(
        reverse("respondents:consent", args=[respondent_token(case)]), {"name": "Li Wei", "consent": "yes"}
    )

    entries = AuditEntry.objects.filter(case_id=case.pk, action="consent_given").order_by("pk")
    assert [(e.actor_kind, e.actor, e.respondent_store, e.name_given) for e in entries] == [
        (ActorKind.USER, complainant, None, ""),
        (ActorKind.RESPONDENT, None, case.store, "Li Wei"),
    ]
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_ACCEPTANCE
    consents = dict(case.consents.values_list("party", "answered_by_name"))
    assert consents == {"complainant": "", "respondent": "Li Wei"}


def test_the_admin_shows_a_respondent_by_its_store_even_where_an_old_label_holds_a_typed_name(
    client, platform, platform_user
):
    case = decided_case(platform, platform_user)
    # An entry as migration 0004 left one written before actors had kinds: the label is the typed name.
    AuditEntry.objects.create(
        actor_kind=ActorKind.RESPONDENT,
        respondent_store=case.store,
        name_given=IMPERSONATED,
        actor_label=IMPERSONATED,
        subject_type="case",
        subject_id=case.pk,
        case_id=case.pk,
        action="consent_given",
    )
    operator = UserFactory(is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=operator, name="app", confirmed=True)
    log_in(client, operator, otp_token=code_for(device))

    page = client.get(reverse("admin:audit_auditentry_changelist")).content.decode()

    actors = re.findall(r'<td class="field-who">([^<]*)</td>', page)
    assert f"respondent: {case.store.name}" in actors
    assert IMPERSONATED not in actors
    assert f'<td class="field-name_given">{IMPERSONATED}</td>' in page
