"""Referring cases to a law-enforcement authority and the authority's answers: each a step of every case
referred, in its audit trail, its webhook events and the notifications, never told to the store."""

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Notification
from audit.models import AuditEntry
from cases.actions import CaseAction
from cases.models import Case, CaseStatus
from law_enforcement.models import OutcomeKind, Referral, ReferralOutcome, ReferralStatus
from law_enforcement.services.referrals import (
    referral_acknowledge,
    referral_make,
    referral_outcome_record,
)
from tests.factories import CaseFactory, LawEnforcementAuthorityFactory, OfficeFactory, UserFactory
from webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db


def _refer(user, authority, cases, reason="Counterfeit goods sold in volume."):
    return referral_make(
        actor=user, authority_id=authority.pk, reason=reason, case_ids=[case.pk for case in cases]
    )


def test_a_referral_is_a_step_of_every_case_and_keeps_their_status(platform_user, authority, two_cases):
    WebhookEndpoint.objects.create(platform=two_cases[0].platform, url="https://platform.example.test/hook")

    referral = _refer(platform_user, authority, two_cases)

    assert set(referral.cases.values_list("pk", flat=True)) == {case.pk for case in two_cases}
    assert referral.status == ReferralStatus.REFERRED and referral.case_count == 2
    for case in two_cases:
        case.refresh_from_db()
        assert case.status == CaseStatus.NOTICE_FORWARDED
        entry = AuditEntry.objects.get(case_id=case.pk)
        assert entry.action == CaseAction.REFERRED_TO_LAW_ENFORCEMENT.value
        assert f"Referral {referral.pk}" in entry.note
        assert list(WebhookDelivery.objects.filter(case_id=case.pk).values_list("event_type", flat=True)) == [
            "case.law_enforcement_referred"
        ]


def test_the_authority_is_told_once_and_the_store_never(
    platform_user, authority, authority_user, two_cases, mailoutbox, django_capture_on_commit_callbacks
):
    # The store must act in NOTICE_FORWARDED: any other step would email it (after commit).
    with django_capture_on_commit_callbacks(execute=True):
        referral = _refer(platform_user, authority, two_cases)
    with django_capture_on_commit_callbacks(execute=True):
        referral_acknowledge(referral_id=referral.pk, actor=authority_user)

    told = Notification.objects.filter(organisation=authority.organisation)
    assert told.count() == 1
    assert told.get().url == f"/law-enforcement/referrals/{referral.pk}/"
    store_address = two_cases[0].store.contact_email
    assert mailoutbox  # the authority's and the platform's mail went out
    assert not [message for message in mailoutbox if store_address in message.to]


def test_the_package_is_stored_with_its_hash(platform_user, authority, two_cases):
    referral = _refer(platform_user, authority, two_cases)

    with referral.package.open("rb") as handle:
        content = handle.read()
    assert referral.package_sha256 == hashlib.sha256(content).hexdigest()
    assert referral.package_size == len(content)
    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    assert {"referral.json", "stores.csv", "listings.csv", "rights.csv", "decisions.csv"} <= set(names)


def test_a_case_outside_the_referrers_scope_is_refused_like_one_that_does_not_exist(
    platform_user, authority, two_cases
):
    foreign = CaseFactory(status=CaseStatus.AWAITING_PLATFORM)

    with pytest.raises(ValidationError) as refused:
        _refer(platform_user, authority, [two_cases[0], foreign])

    assert "cases" in refused.value.error_dict
    assert str(foreign.pk) in str(refused.value)
    assert not Referral.objects.exists()
    assert not AuditEntry.objects.filter(case_id=two_cases[0].pk).exists()


def test_an_authority_that_does_not_serve_the_stores_region_is_refused(platform_user, two_cases):
    elsewhere = LawEnforcementAuthorityFactory()

    with pytest.raises(ValidationError) as refused:
        _refer(platform_user, elsewhere, two_cases)

    assert "authority" in refused.value.error_dict
    assert not Referral.objects.exists()


def test_a_case_not_routed_yet_cannot_be_referred(platform_user, authority, store):
    new = CaseFactory(complaint__platform=store.platform, store=store, status=CaseStatus.NEW)

    with pytest.raises(ValidationError) as refused:
        _refer(platform_user, authority, [new])

    assert refused.value.code == "transition_not_allowed"
    assert not Referral.objects.exists()


def test_more_than_200_cases_are_refused(platform_user, authority):
    with pytest.raises(ValidationError) as refused:
        referral_make(
            actor=platform_user, authority_id=authority.pk, reason="r", case_ids=list(range(1, 202))
        )

    assert "cases" in refused.value.error_dict


def test_only_a_platform_or_an_office_refers(authority_user, authority, two_cases):
    with pytest.raises(ValidationError) as refused:
        _refer(authority_user, authority, two_cases)

    assert refused.value.code == "forbidden"


def test_an_office_refers_cases_of_its_jurisdiction(authority, two_cases):
    office = OfficeFactory(regions=[two_cases[0].platform.region])
    Case.objects.filter(pk__in=[case.pk for case in two_cases]).update(office=office)
    official = UserFactory(organisation=office.organisation)

    referral = _refer(official, authority, two_cases)

    assert referral.referred_by_org == office.organisation


def test_acknowledgement_and_outcomes_are_steps_of_every_case_and_tell_the_referrer(
    platform_user, authority, authority_user, two_cases
):
    referral = _refer(platform_user, authority, two_cases)

    referral_acknowledge(referral_id=referral.pk, actor=authority_user)
    referral_outcome_record(
        referral_id=referral.pk,
        actor=authority_user,
        kind=OutcomeKind.INVESTIGATION_OPENED,
        note="File 2026-17 opened.",
    )
    referral_outcome_record(
        referral_id=referral.pk,
        actor=authority_user,
        kind=OutcomeKind.GOODS_SEIZED,
        note="1,200 counterfeit bags seized.",
        file=SimpleUploadedFile("seizure.pdf", b"%PDF-1.4 seizure record", content_type="application/pdf"),
    )

    referral.refresh_from_db()
    assert referral.status == ReferralStatus.INVESTIGATING and referral.goods_seized
    for case in two_cases:
        assert list(
            AuditEntry.objects.filter(case_id=case.pk).order_by("pk").values_list("action", flat=True)
        ) == [
            CaseAction.REFERRED_TO_LAW_ENFORCEMENT.value,
            CaseAction.REFERRAL_ACKNOWLEDGED.value,
            CaseAction.INVESTIGATION_OPENED.value,
            CaseAction.GOODS_SEIZED.value,
        ]
    platform_told = Notification.objects.filter(organisation=platform_user.organisation)
    # One per case and per answer: acknowledged, investigation opened, goods seized.
    assert platform_told.count() == 2 * 3
    assert ReferralOutcome.objects.get(kind=OutcomeKind.GOODS_SEIZED).file_sha256


def test_outcomes_follow_the_acknowledgement_and_nothing_follows_the_close(
    platform_user, authority, authority_user, two_cases
):
    referral = _refer(platform_user, authority, two_cases)

    def report(kind):
        return referral_outcome_record(referral_id=referral.pk, actor=authority_user, kind=kind, note="n")

    with pytest.raises(ValidationError) as early:
        report(OutcomeKind.INVESTIGATION_OPENED)
    referral_acknowledge(referral_id=referral.pk, actor=authority_user)
    with pytest.raises(ValidationError) as twice:
        referral_acknowledge(referral_id=referral.pk, actor=authority_user)
    report(OutcomeKind.INVESTIGATION_OPENED)
    with pytest.raises(ValidationError) as again:
        report(OutcomeKind.INVESTIGATION_OPENED)
    report(OutcomeKind.CASE_CLOSED)
    with pytest.raises(ValidationError) as closed:
        report(OutcomeKind.GOODS_SEIZED)

    for refusal in (early, twice, again, closed):
        assert refusal.value.code == "transition_not_allowed"
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CLOSED and not referral.goods_seized


def test_another_authority_cannot_answer_a_referral(
    platform_user, authority, other_authority_user, two_cases
):
    referral = _refer(platform_user, authority, two_cases)

    with pytest.raises(Referral.DoesNotExist):
        referral_acknowledge(referral_id=referral.pk, actor=other_authority_user)


def test_referring_more_cases_costs_the_same_statements_on_the_cases(
    platform_user, authority, store, django_capture_on_commit_callbacks
):
    """The audit entries are one insert and the cases one update however many cases are referred; what
    grows with the cases is each case's event (its webhook row and notifications) and its package files."""

    def audit_inserts(count):
        cases = [
            CaseFactory(complaint__platform=store.platform, store=store, status=CaseStatus.AWAITING_PLATFORM)
            for _ in range(count)
        ]
        with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks():
            _refer(platform_user, authority, cases)
        return sum(
            1
            for query in queries.captured_queries
            if query["sql"].startswith('INSERT INTO "audit_auditentry"')
        )

    assert audit_inserts(2) == audit_inserts(6) == 1
