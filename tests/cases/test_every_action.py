"""Every case action, from every status the state machine allows it in: one audit entry with the action's
code, exactly one webhook event with its documented name, and notifications to the parties it concerns
and to no one else.

The expectations below are written out by hand (who is told of what, who acts next in which status), so
that the catalogue in cases.actions and the rules in cases.parties are checked against a second account
of them rather than against themselves.
"""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import Notification, OrgKind
from audit.actors import SYSTEM
from audit.models import AuditEntry
from cases.actions import ACTIONS, CaseAction
from cases.models import (
    Case,
    CaseOutcome,
    CaseStatus,
    ConsentParty,
    ConsentRequest,
    ConsentStatus,
    HandlingMode,
    RequestStatus,
    Transfer,
)
from cases.transition import case_transition
from disputes.models import (
    DisputeBodyKind,
    DisputeReferral,
    DisputeResolutionBody,
    ReferralParty,
    ReferralStatus,
)
from enforcement.models import Office
from tests.factories import CaseFactory, OfficeFactory, OrganisationFactory, UserFactory
from webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db

COMPLAINANT, PLATFORM, OFFICE, RESPONDENT, ASKED, ASKING, BODY = (
    "complainant",
    "platform",
    "office",
    "respondent",
    "office asked",
    "office asking",
    "dispute body",
)

# Who an action concerns, besides whoever must act next.
TOLD = {
    CaseAction.OPENED: set(),  # the complainant hears of each case when it is routed
    CaseAction.ROUTED: {COMPLAINANT},
    CaseAction.REROUTED: {COMPLAINANT, PLATFORM, OFFICE, RESPONDENT},
    CaseAction.INFORMATION_REQUESTED: set(),
    CaseAction.INFORMATION_SUPPLIED: set(),
    CaseAction.INFORMATION_LAPSED: {COMPLAINANT, PLATFORM},
    CaseAction.LISTINGS_DECIDED: set(),
    CaseAction.DECIDED: {OFFICE},
    CaseAction.NOTICE_FORWARDED: {COMPLAINANT},
    CaseAction.CLOSED_REJECTED: {COMPLAINANT},
    CaseAction.COUNTER_NOTICE_RECEIVED: set(),
    CaseAction.COUNTER_NOTICE_FORWARDED: {RESPONDENT},
    CaseAction.CLOSED_WITHOUT_COUNTER_NOTICE: {COMPLAINANT, PLATFORM, RESPONDENT},
    CaseAction.FOLLOW_UP_FILED: {PLATFORM, RESPONDENT},
    CaseAction.MEASURES_LIFTED: {COMPLAINANT, PLATFORM, RESPONDENT},
    CaseAction.WITHDRAWN: {PLATFORM, OFFICE, RESPONDENT},
    CaseAction.OPINION_ISSUED: {COMPLAINANT},
    CaseAction.OPINION_ESCALATED: {OFFICE},
    CaseAction.CONSENT_GIVEN: {OFFICE},
    CaseAction.CONSENT_REFUSED: {OFFICE},
    CaseAction.CONSENT_COMPLETE: {COMPLAINANT, RESPONDENT},
    CaseAction.FALLBACK: {COMPLAINANT, RESPONDENT, OFFICE},
    CaseAction.ACCEPTED: {COMPLAINANT, RESPONDENT, PLATFORM},
    CaseAction.OFFICIALS_ASSIGNED: set(),
    CaseAction.HEARING_SCHEDULED: {COMPLAINANT, RESPONDENT},
    CaseAction.MEDIATION_SCHEDULED: {COMPLAINANT, RESPONDENT},
    CaseAction.MEDIATION_AGREEMENT: {COMPLAINANT, RESPONDENT, PLATFORM},
    CaseAction.MEDIATION_FAILED: {COMPLAINANT, RESPONDENT},
    CaseAction.DECISION_ISSUED: {COMPLAINANT, RESPONDENT},
    CaseAction.EXECUTION_CONFIRMED: {COMPLAINANT, OFFICE, RESPONDENT},
    CaseAction.TRANSFER_REQUESTED: {ASKED},
    CaseAction.TRANSFER_ACCEPTED: {ASKING, COMPLAINANT, PLATFORM},
    CaseAction.TRANSFER_DECLINED: {ASKING},
    CaseAction.ASSISTANCE_REQUESTED: {ASKED},
    CaseAction.ASSISTANCE_ANSWERED: {ASKING},
    CaseAction.ASSISTANCE_DECLINED: {ASKING},
    CaseAction.RESPONDENT_LINK_SENT: {RESPONDENT},
    CaseAction.REMINDER_SENT: set(),
    CaseAction.MARKED_OVERDUE: set(),
    CaseAction.REVIEW_REQUESTED: {PLATFORM},
    CaseAction.REVIEW_CONFIRMED: {COMPLAINANT, RESPONDENT},
    CaseAction.REVIEW_REVERSED: {COMPLAINANT, RESPONDENT},
    CaseAction.REFERRAL_PROPOSED: {COMPLAINANT, RESPONDENT},
    CaseAction.REFERRAL_REFUSED: {COMPLAINANT, RESPONDENT},
    CaseAction.REFERRAL_ACCEPTED: {COMPLAINANT, RESPONDENT, PLATFORM},
    CaseAction.BODY_SESSION_RECORDED: {COMPLAINANT, RESPONDENT},
    CaseAction.SETTLEMENT_RECORDED: {COMPLAINANT, RESPONDENT, PLATFORM},
    CaseAction.AWARD_ISSUED: {COMPLAINANT, RESPONDENT},
    CaseAction.AWARD_EXECUTED: {COMPLAINANT, RESPONDENT, BODY},
    # Confidential: only those named, never whoever acts next (the store must not be warned).
    CaseAction.REFERRED_TO_LAW_ENFORCEMENT: {PLATFORM, OFFICE},
    CaseAction.REFERRAL_ACKNOWLEDGED: {PLATFORM, OFFICE},
    CaseAction.INVESTIGATION_OPENED: {PLATFORM, OFFICE},
    CaseAction.GOODS_SEIZED: {PLATFORM, OFFICE},
    CaseAction.ENFORCEMENT_CLOSED: {PLATFORM, OFFICE},
}
CONFIDENTIAL = {
    CaseAction.REFERRED_TO_LAW_ENFORCEMENT,
    CaseAction.REFERRAL_ACKNOWLEDGED,
    CaseAction.INVESTIGATION_OPENED,
    CaseAction.GOODS_SEIZED,
    CaseAction.ENFORCEMENT_CLOSED,
}
# Who must act next, by the status the case is in after the action (administrative cases: see below).
ACTS_NEXT = {
    CaseStatus.AWAITING_PLATFORM: {PLATFORM},
    CaseStatus.AWAITING_EXECUTION: {PLATFORM},
    CaseStatus.COUNTER_NOTICE_RECEIVED: {PLATFORM},
    CaseStatus.AWAITING_OPINION: {OFFICE},
    CaseStatus.AWAITING_ACCEPTANCE: {OFFICE},
    CaseStatus.AWAITING_OFFICE_DECISION: {OFFICE},
    CaseStatus.INFORMATION_REQUESTED: {COMPLAINANT},
    CaseStatus.WINDOW_OPEN: {COMPLAINANT},
    CaseStatus.NOTICE_FORWARDED: {RESPONDENT},
    CaseStatus.AWAITING_CONSENT: {
        RESPONDENT
    },  # the complainant asked for it, so only the respondent's is pending
    CaseStatus.AT_DISPUTE_BODY: {BODY},
    CaseStatus.AWAITING_AWARD_EXECUTION: {PLATFORM},
}
# The source status each action without a transition is carried out from in this test.
STEP_FROM = {
    CaseAction.OPENED: CaseStatus.NEW,
    CaseAction.LISTINGS_DECIDED: CaseStatus.AWAITING_PLATFORM,
    CaseAction.OPINION_ESCALATED: CaseStatus.AWAITING_OPINION,
    CaseAction.CONSENT_GIVEN: CaseStatus.AWAITING_CONSENT,
    CaseAction.CONSENT_REFUSED: CaseStatus.AWAITING_CONSENT,
    CaseAction.OFFICIALS_ASSIGNED: CaseStatus.AWAITING_OFFICE_DECISION,
    CaseAction.HEARING_SCHEDULED: CaseStatus.AWAITING_OFFICE_DECISION,
    CaseAction.MEDIATION_SCHEDULED: CaseStatus.AWAITING_OFFICE_DECISION,
    CaseAction.MEDIATION_FAILED: CaseStatus.AWAITING_OFFICE_DECISION,
    CaseAction.TRANSFER_REQUESTED: CaseStatus.AWAITING_OFFICE_DECISION,
    CaseAction.TRANSFER_ACCEPTED: CaseStatus.AWAITING_OFFICE_DECISION,
    CaseAction.TRANSFER_DECLINED: CaseStatus.AWAITING_OFFICE_DECISION,
    CaseAction.ASSISTANCE_REQUESTED: CaseStatus.AWAITING_OPINION,
    CaseAction.ASSISTANCE_ANSWERED: CaseStatus.AWAITING_OPINION,
    CaseAction.ASSISTANCE_DECLINED: CaseStatus.AWAITING_OPINION,
    CaseAction.RESPONDENT_LINK_SENT: CaseStatus.WINDOW_OPEN,
    CaseAction.REMINDER_SENT: CaseStatus.NOTICE_FORWARDED,
    CaseAction.MARKED_OVERDUE: CaseStatus.AWAITING_PLATFORM,
    CaseAction.REVIEW_REQUESTED: CaseStatus.CLOSED,
    CaseAction.REVIEW_CONFIRMED: CaseStatus.WINDOW_OPEN,
    # A complainant contesting a rejection proposes a body to a respondent that never had a notice.
    CaseAction.REFERRAL_PROPOSED: CaseStatus.CLOSED,
    CaseAction.REFERRAL_REFUSED: CaseStatus.NOTICE_FORWARDED,
    CaseAction.BODY_SESSION_RECORDED: CaseStatus.AT_DISPUTE_BODY,
    # The store must act in NOTICE_FORWARDED: a confidential step still tells it nothing.
    CaseAction.REFERRED_TO_LAW_ENFORCEMENT: CaseStatus.NOTICE_FORWARDED,
    CaseAction.REFERRAL_ACKNOWLEDGED: CaseStatus.NOTICE_FORWARDED,
    CaseAction.INVESTIGATION_OPENED: CaseStatus.AWAITING_PLATFORM,
    CaseAction.GOODS_SEIZED: CaseStatus.CLOSED,
    CaseAction.ENFORCEMENT_CLOSED: CaseStatus.WITHDRAWN,
}
AT_BODY = {CaseStatus.AT_DISPUTE_BODY, CaseStatus.AWAITING_AWARD_EXECUTION}
ADMINISTRATIVE_STATUSES = {
    CaseStatus.AWAITING_CONSENT,
    CaseStatus.AWAITING_ACCEPTANCE,
    CaseStatus.AWAITING_OFFICE_DECISION,
    CaseStatus.AWAITING_EXECUTION,
}
AFTER_NOTICE = {
    CaseStatus.NOTICE_FORWARDED,
    CaseStatus.COUNTER_NOTICE_RECEIVED,
    CaseStatus.WINDOW_OPEN,
}


def _scenarios() -> list[tuple[CaseAction, str]]:
    by_transition = {spec.transition: action for action, spec in ACTIONS.items() if spec.transition}
    scenarios = []
    for transition in Case._meta.get_field("status").get_all_transitions(Case):
        action = by_transition[transition.name]
        scenarios.append((action, str(transition.source)))
    scenarios += [(action, str(source)) for action, source in STEP_FROM.items()]
    return sorted(set(scenarios))


def test_every_action_is_in_the_catalogue_with_a_transition_or_a_scenario() -> None:
    transitions = {spec.transition for spec in ACTIONS.values() if spec.transition}
    fsm = {t.name for t in Case._meta.get_field("status").get_all_transitions(Case)}

    assert transitions == fsm
    assert set(ACTIONS) == set(CaseAction) == set(TOLD)
    assert {a for a in CaseAction if not ACTIONS[a].transition} == set(STEP_FROM)


def test_every_webhook_event_is_documented() -> None:
    api_doc = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text()

    missing = [action.event for action in CaseAction if f"`{action.event}`" not in api_doc]

    assert not missing, f"docs/api.md does not list: {missing}"


def _case_in(action: CaseAction, source: str) -> Case:
    administrative = source in ADMINISTRATIVE_STATUSES or action in (
        CaseAction.EXECUTION_CONFIRMED,
        CaseAction.FALLBACK,
    )
    mode: str = HandlingMode.ADMINISTRATIVE if administrative else HandlingMode.ASSISTED
    if source == CaseStatus.NEW:
        mode = ""
    office = OfficeFactory()
    due_on = timezone.localdate() + timedelta(days=3)
    case = CaseFactory(
        status=source, mode=mode, office=office, deadline=due_on, complaint__requested_administrative=True
    )
    if action == CaseAction.CLOSED_REJECTED:
        case.outcome = CaseOutcome.NOT_UPHELD
    elif source == CaseStatus.DECIDED:
        case.outcome = CaseOutcome.UPHELD
    if source in AFTER_NOTICE:
        case.notice_forwarded_at = timezone.now()
    case.save()
    if action.name.startswith(("REFERRAL", "BODY", "SETTLEMENT", "AWARD")):
        # A platform decision stands (what a body is asked to settle); once accepted, the body sees the case.
        case.decided_at = timezone.now()
        case.save()
        body = DisputeResolutionBody.objects.create(
            organisation=OrganisationFactory(kind=OrgKind.DISPUTE_BODY),
            body_kind=DisputeBodyKind.MEDIATION_CENTRE,
            right_types=["trademark"],
            languages=["en"],
            time_limit_working_days=30,
        )
        accepted = source in AT_BODY or action == CaseAction.REFERRAL_ACCEPTED
        DisputeReferral.objects.create(
            case=case,
            body=body,
            proposed_by=ReferralParty.COMPLAINANT,
            status=ReferralStatus.ACCEPTED if accepted else ReferralStatus.PROPOSED,
            accepted_at=timezone.now() if accepted else None,
        )
    if mode == HandlingMode.ADMINISTRATIVE:
        ConsentRequest.objects.create(
            case=case, party=ConsentParty.COMPLAINANT, status=ConsentStatus.GIVEN, due_on=due_on
        )
        ConsentRequest.objects.create(case=case, party=ConsentParty.RESPONDENT, due_on=due_on)
    if action.name.startswith(("TRANSFER", "ASSISTANCE")):
        _request_between_offices(case, office, action)
    WebhookEndpoint.objects.create(platform=case.platform, url="https://platform.example.test/hook")
    return case


def _request_between_offices(case: Case, office: Office, action: CaseAction) -> None:
    other = OfficeFactory()
    official = UserFactory(organisation=office.organisation)
    answered = not action.name.endswith("REQUESTED")
    status = RequestStatus.PENDING
    if action == CaseAction.TRANSFER_ACCEPTED:
        status = RequestStatus.ACCEPTED
    elif action.name.endswith("DECLINED"):
        status = RequestStatus.DECLINED
    elif answered:
        status = RequestStatus.ANSWERED
    if action.name.startswith("TRANSFER"):
        Transfer.objects.create(
            case=case,
            from_office=office,
            to_office=other,
            reason="r",
            requested_by=official,
            status=status,
        )
        if action == CaseAction.TRANSFER_ACCEPTED:
            case.office = other
            case.save()
    else:
        case.assistance_requests.create(
            from_office=office,
            to_office=other,
            request="r",
            requested_by=official,
            due_on=timezone.localdate() + timedelta(days=3),
            status=status,
        )


def _args(action: CaseAction) -> tuple[object, ...]:
    if action in (CaseAction.ROUTED, CaseAction.FALLBACK, CaseAction.REROUTED):
        return (HandlingMode.PLATFORM,)
    return ()


def _expected(case: Case, action: CaseAction) -> set[str]:
    if action in CONFIDENTIAL:
        return set(TOLD[action])
    acting = set(ACTS_NEXT.get(case.status, set()))
    if case.status == CaseStatus.DECIDED and case.mode == HandlingMode.ADMINISTRATIVE:
        acting = {PLATFORM}
    if case.status == CaseStatus.AWAITING_CONSENT and action == CaseAction.CONSENT_GIVEN:
        acting = {RESPONDENT}
    told = TOLD[action] | acting
    knows = (
        case.notice_forwarded_at is not None
        or case.mode == HandlingMode.ADMINISTRATIVE
        or action.name.startswith("REFERRAL")
        or case.status in AT_BODY
    )
    if RESPONDENT in told and RESPONDENT not in acting and not knows:
        told.discard(RESPONDENT)
    return told


def _organisations(case: Case) -> dict[str, int]:
    assert case.office is not None  # every case of these scenarios has one
    orgs = {
        COMPLAINANT: case.complaint.filed_by_org_id,
        PLATFORM: case.platform.organisation_id,
        OFFICE: case.office.organisation_id,
    }
    referral = case.dispute_referrals.exclude(accepted_at=None).select_related("body").first()
    if referral is not None:
        orgs[BODY] = referral.body.organisation_id
    request = (case.transfers.order_by("-pk").first()) or case.assistance_requests.order_by("-pk").first()
    if request is not None:
        orgs[ASKED] = request.to_office.organisation_id
        orgs[ASKING] = request.from_office.organisation_id
        if case.office_id == request.to_office_id:  # an accepted transfer: the office is now the one asked
            orgs[OFFICE] = request.to_office.organisation_id
    return orgs


@pytest.mark.parametrize(("action", "source"), _scenarios(), ids=lambda v: str(v))
def test_action_writes_one_audit_entry_sends_one_event_and_tells_the_right_parties(
    action: CaseAction, source: str, django_capture_on_commit_callbacks, settings
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    case = _case_in(action, source)
    mail.outbox = []

    with django_capture_on_commit_callbacks(execute=False):
        case_transition(case=case, action=action, actor=SYSTEM, args=_args(action), note="Why it was done.")

    case.refresh_from_db()
    assert list(AuditEntry.objects.filter(case_id=case.pk).values_list("action", flat=True)) == [action.value]
    assert list(WebhookDelivery.objects.filter(case_id=case.pk).values_list("event_type", flat=True)) == [
        action.event
    ]
    expected = _expected(case, action)
    orgs = _organisations(case)
    want_orgs = {orgs[party] for party in expected if party != RESPONDENT}
    told_orgs = set(Notification.objects.filter(case_id=case.pk).values_list("organisation_id", flat=True))
    assert told_orgs == want_orgs, {party: orgs.get(party) for party in expected}
    assert Notification.objects.filter(case_id=case.pk).count() == len(want_orgs)


@pytest.mark.parametrize("source", [CaseStatus.NOTICE_FORWARDED, CaseStatus.AWAITING_CONSENT])
def test_the_respondent_is_emailed_its_signed_link_when_it_must_act(
    source: str, django_capture_on_commit_callbacks, settings
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    case = _case_in(CaseAction.REMINDER_SENT, source)
    mail.outbox = []

    with django_capture_on_commit_callbacks(execute=True):
        case_transition(case=case, action=CaseAction.REMINDER_SENT, actor=SYSTEM)

    (message,) = [m for m in mail.outbox if case.store.contact_email in m.to]
    assert "/respond/" in message.body
    # one link in each language the message is written in (the store's first, the others below)
    assert message.body.count("http") == len(settings.LANGUAGES)


def test_the_organisation_that_acted_is_not_told_and_others_get_an_absolute_link(
    django_capture_on_commit_callbacks, settings
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.IPRGOV_SITE_URL = "https://iprgov.example.org"
    case = _case_in(CaseAction.OPINION_ISSUED, CaseStatus.AWAITING_OPINION)
    assert case.office is not None
    official = UserFactory(organisation=case.office.organisation)
    case.deadline = timezone.localdate() + timedelta(days=2)
    mail.outbox = []

    with django_capture_on_commit_callbacks(execute=True):
        case_transition(case=case, action=CaseAction.OPINION_ISSUED, actor=official, note="Infringing.")

    told = set(Notification.objects.filter(case_id=case.pk).values_list("organisation__kind", flat=True))
    assert told == {OrgKind.PLATFORM, OrgKind.RIGHTSHOLDER}
    platform_mail = next(m for m in mail.outbox if case.platform.organisation.contact_email in m.to)
    assert f"https://iprgov.example.org/platform/cases/{case.pk}/" in platform_mail.body
    assert (
        "请在" in platform_mail.body
    )  # platforms are written to in Chinese unless their staff chose otherwise
