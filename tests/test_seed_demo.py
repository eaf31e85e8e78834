import re
from collections import Counter
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisation, OrgKind, Role, User
from audit.models import AuditEntry
from cases.models import (
    Case,
    CaseSession,
    CaseStatus,
    DecisionReview,
    DeterminationOpinion,
    HandlingMode,
    RoutingRule,
    SessionKind,
)
from disputes.models import DisputeBodyKind, DisputeReferral, DisputeResolutionBody
from disputes.models import ReferralStatus as DisputeReferralStatus
from law_enforcement.models import AuthorityKind, Referral, ReferralStatus

pytestmark = pytest.mark.django_db

DEMO_APPS = (
    "accounts",
    "regions",
    "audit",
    "complaints",
    "platforms",
    "enforcement",
    "cases",
    "disputes",
    "law_enforcement",
)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The demo sets eight passwords; the production hasher would make this test slow for nothing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for app in DEMO_APPS
        for model in apps.get_app_config(app).get_models()
    }


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_files_complaints_routed_to_all_three_modes():
    assert RoutingRule.objects.exists(), "the default routing rules come from a data migration"

    output = seed()

    cases = Case.objects.all()
    assert {case.mode for case in cases} == set(HandlingMode.values)
    assert not cases.filter(status=CaseStatus.NEW).exists()
    assisted_office = cases.get(mode=HandlingMode.ASSISTED).office
    assert assisted_office is not None and assisted_office.name == "Sichuan IPR Office"
    administrative = cases.filter(mode=HandlingMode.ADMINISTRATIVE)
    assert {c.office.name if c.office else None for c in administrative} == {"Beijing IPR Office"}
    assert "Demo data created" in output
    assert "Platform handling with office opinion" in output


def test_seed_demo_twice_creates_nothing_new_and_prints_the_same_logins():
    first = seed()
    counts = row_counts()

    second = seed()

    assert row_counts() == counts
    assert "nothing created" in second
    assert _without_link_times(first[first.index("Demo logins") :]) == _without_link_times(
        second[second.index("Demo logins") :]
    )


def _without_link_times(output: str) -> str:
    # A respondent link is signed with its time of issue, so two runs a second apart print different tokens.
    return re.sub(r"/respond/[^/\s]+/", "/respond/<token>/", output)


def test_demo_logins_work_with_the_printed_passwords(client):
    output = seed()

    for username, password in [("panda-member", "Jade-Harbour-5932"), ("operator", "Admin-Lighthouse-2598")]:
        assert f"{username}  " in output and password in output
        assert client.login(request=HttpRequest(), username=username, password=password)
    assert User.objects.get(username="operator").is_superuser
    assert AuditEntry.objects.filter(action="right_verified").count() == 3


def test_every_console_has_work_waiting_at_each_step_and_two_people_per_organisation():
    seed()

    statuses = Counter(Case.objects.values_list("status", flat=True))
    for waiting in (
        CaseStatus.AWAITING_PLATFORM,  # a notice to decide, and an opinion issued back with the platform
        CaseStatus.COUNTER_NOTICE_RECEIVED,  # a counter-notice to forward
        CaseStatus.AWAITING_OFFICE_DECISION,  # a mediation scheduled
        CaseStatus.AWAITING_EXECUTION,  # a decision to execute
        CaseStatus.CLOSED,
    ):
        assert statuses[waiting] >= 1, waiting
    assert DeterminationOpinion.objects.filter(case__status=CaseStatus.AWAITING_PLATFORM).exists()
    assert CaseSession.objects.filter(kind=SessionKind.MEDIATION, result="").exists()
    for org in Organisation.objects.filter(kind__in=[OrgKind.OFFICE, OrgKind.PLATFORM]):
        assert org.memberships.count() >= 2, org.name
        assert org.memberships.filter(role=Role.MANAGER).exists(), org.name


def test_the_demo_has_a_mediation_centre_and_an_arbitration_commission_each_with_a_login(client):
    output = seed()

    for username, password, kind in [
        ("tianfu-mediator", "Teahouse-Bridge-4710", DisputeBodyKind.MEDIATION_CENTRE),
        ("chengdu-arbitrator", "Lotus-Chamber-5821", DisputeBodyKind.ARBITRATION_COMMISSION),
    ]:
        assert f"{username}  " in output and password in output
        assert client.login(request=HttpRequest(), username=username, password=password)
        body = DisputeResolutionBody.objects.get(organisation__memberships__user__username=username)
        assert body.body_kind == kind
        body.full_clean()
        assert client.get(reverse("disputes:console")).status_code == 200


def test_the_demo_has_a_case_waiting_at_a_review_that_the_first_decider_cannot_answer():
    seed()

    review = DecisionReview.objects.get()
    case = review.case
    assert review.is_pending and case.status == CaseStatus.NOTICE_FORWARDED
    assert set(case.listing_decisions.values_list("decided_by__username", flat=True)) == {"shopriver-staff"}
    assert User.objects.filter(
        username="shopriver-manager", membership__organisation=case.platform.organisation
    )


def test_the_demo_has_a_case_at_the_mediation_centre_after_a_session_and_an_award_to_execute():
    seed()

    mediated = DisputeReferral.objects.get(body__body_kind=DisputeBodyKind.MEDIATION_CENTRE)
    arbitrated = DisputeReferral.objects.get(body__body_kind=DisputeBodyKind.ARBITRATION_COMMISSION)
    assert (
        mediated.status == DisputeReferralStatus.ACCEPTED
        and mediated.case.status == CaseStatus.AT_DISPUTE_BODY
    )
    assert mediated.sessions.filter(held_at__lte=timezone.now()).exists()
    assert arbitrated.status == DisputeReferralStatus.AWARDED
    assert arbitrated.case.status == CaseStatus.AWAITING_AWARD_EXECUTION
    assert arbitrated.awarded_measures.exists()


def test_the_demo_has_a_referral_of_two_cases_of_one_store_under_investigation(client):
    output = seed()

    referral = Referral.objects.get()
    cases = list(referral.cases.all())
    assert len(cases) == 2 and len({case.store_id for case in cases}) == 1
    assert referral.status == ReferralStatus.INVESTIGATING and referral.acknowledged_at is not None
    assert referral.authority.authority_kind == AuthorityKind.MARKET_REGULATION
    assert "chaoyang-regulator  " in output and "Market-Lantern-6932" in output
    assert client.login(request=HttpRequest(), username="chaoyang-regulator", password="Market-Lantern-6932")
    assert client.get(reverse("law_enforcement:referral_detail", args=[referral.pk])).status_code == 200
