"""Every party told: who must act next on a case, who an action concerns, and the message each receives.

`case_event` reaches `parties_tell`, which tells each party named by the action (ACTIONS[...].tell) and
whoever must act next in the case's new status, never the organisation that acted. Organisations get an
in-app notification and an email in their language; the respondent, who has no account, an email with
its signed link. Every message links to the case page the recipient can open.
"""

from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Organisation, User
from accounts.notifications import OrganisationMessage, notify_address, notify_organisations
from audit.actors import Actor
from cases.actions import ACTIONS, RESPONDENT_INVOLVED, CaseAction, Party
from cases.links import respondent_url
from cases.models import (
    Case,
    CaseStatus,
    ConsentParty,
    ConsentRequest,
    ConsentStatus,
    HandlingMode,
    RequestStatus,
)

# What the party that must act next is asked to do, by the case's status; `%(date)s` is its deadline.
INSTRUCTIONS = {
    CaseStatus.AWAITING_PLATFORM: gettext_lazy("Decide the case by %(date)s."),
    CaseStatus.AWAITING_OPINION: gettext_lazy("Give the determination opinion by %(date)s."),
    CaseStatus.AWAITING_CONSENT: gettext_lazy(
        "Give or refuse your consent to administrative handling by %(date)s."
    ),
    CaseStatus.AWAITING_ACCEPTANCE: gettext_lazy("Accept or decline administrative handling by %(date)s."),
    CaseStatus.AWAITING_OFFICE_DECISION: gettext_lazy("Decide the case by %(date)s."),
    CaseStatus.AWAITING_EXECUTION: gettext_lazy("Execute the office's decision by %(date)s."),
    CaseStatus.DECIDED: gettext_lazy("Confirm that the office's decision was executed."),
    CaseStatus.INFORMATION_REQUESTED: gettext_lazy(
        "Supply the information requested by %(date)s, or the case closes."
    ),
    CaseStatus.NOTICE_FORWARDED: gettext_lazy(
        "Read the notice and the statement of reasons. If the listings do not infringe, file a "
        "counter-notice by %(date)s."
    ),
    CaseStatus.COUNTER_NOTICE_RECEIVED: gettext_lazy(
        "Forward the counter-notice to the complainant by %(date)s."
    ),
    CaseStatus.WINDOW_OPEN: gettext_lazy(
        "Show by %(date)s that you filed a complaint with an IPR office or a court, or the measures will be "
        "lifted and the listings restored."
    ),
    CaseStatus.AT_DISPUTE_BODY: gettext_lazy(
        "Hold the sessions and record a settlement or an award by %(date)s (the body's published time limit)."
    ),
    CaseStatus.AWAITING_AWARD_EXECUTION: gettext_lazy("Execute the arbitral award by %(date)s."),
}


# The statuses in which the complainant must act; in AWAITING_CONSENT it must while its consent is pending.
COMPLAINANT_ACTS_IN = (CaseStatus.INFORMATION_REQUESTED, CaseStatus.WINDOW_OPEN)


def complainant_must_act() -> Q:
    """The cases waiting for the complainant, as a filter: the query form of next_actors for that party."""
    consent_pending = Exists(
        ConsentRequest.objects.filter(
            case=OuterRef("pk"), party=ConsentParty.COMPLAINANT, status=ConsentStatus.PENDING
        )
    )
    return Q(status__in=COMPLAINANT_ACTS_IN) | (Q(status=CaseStatus.AWAITING_CONSENT) & Q(consent_pending))


def instruction_text(status: str, deadline: date | None) -> str:
    """What the party that must act next in `status` is asked to do, with the deadline; "" when nothing."""
    instruction = INSTRUCTIONS.get(CaseStatus(status))
    return str(instruction) % {"date": _day(deadline)} if instruction is not None else ""


def next_actors(case: Case) -> list[Party]:
    """Who must act next on the case in its current status (none once it is closed or withdrawn)."""
    status = case.status
    if status in (
        CaseStatus.AWAITING_PLATFORM,
        CaseStatus.AWAITING_EXECUTION,
        CaseStatus.COUNTER_NOTICE_RECEIVED,
        CaseStatus.AWAITING_AWARD_EXECUTION,
    ):
        return [Party.PLATFORM]
    if status == CaseStatus.AT_DISPUTE_BODY:
        return [Party.DISPUTE_BODY]
    if status == CaseStatus.DECIDED and case.mode == HandlingMode.ADMINISTRATIVE:
        return [Party.PLATFORM]
    if status in (
        CaseStatus.AWAITING_OPINION,
        CaseStatus.AWAITING_ACCEPTANCE,
        CaseStatus.AWAITING_OFFICE_DECISION,
    ):
        return [Party.OFFICE]
    if status in COMPLAINANT_ACTS_IN:
        return [Party.COMPLAINANT]
    if status == CaseStatus.NOTICE_FORWARDED:
        return [Party.RESPONDENT]
    if status == CaseStatus.AWAITING_CONSENT:
        pending = case.consents.filter(status=ConsentStatus.PENDING).values_list("party", flat=True)
        return [
            Party.COMPLAINANT if party == ConsentParty.COMPLAINANT else Party.RESPONDENT for party in pending
        ]
    return []


@dataclass(frozen=True)
class Recipient:
    party: Party
    organisation: Organisation | None  # None: the respondent, reached by email only
    address: str
    path: str


def _recipient(case: Case, party: Party, action: CaseAction) -> Recipient | None:
    if party == Party.COMPLAINANT:
        org = case.complaint.filed_by_org
        return Recipient(party, org, org.contact_email, reverse("complaints:case_detail", args=[case.pk]))
    if party == Party.PLATFORM:
        org = case.platform.organisation
        return Recipient(party, org, org.contact_email, reverse("platforms:case_detail", args=[case.pk]))
    if party == Party.OFFICE:
        if case.office is None:
            return None
        org = case.office.organisation
        return Recipient(party, org, org.contact_email, reverse("enforcement:case_detail", args=[case.pk]))
    if party == Party.RESPONDENT:
        return Recipient(party, None, case.store.contact_email, respondent_url(case))
    if party == Party.DISPUTE_BODY:
        # The body of the case's accepted referral (disputes.models.DisputeReferral; one per case).
        body = Organisation.objects.filter(
            dispute_body__referrals__case=case, dispute_body__referrals__accepted_at__isnull=False
        ).first()
        if body is None:
            return None
        return Recipient(party, body, body.contact_email, reverse("disputes:case_detail", args=[case.pk]))
    # The other side of a transfer or an assistance request: the newest such request on the case.
    requests = case.transfers if action.name.startswith("TRANSFER") else case.assistance_requests
    request = (
        requests.select_related("from_office__organisation", "to_office__organisation")
        .order_by("-pk")
        .first()
    )
    if request is None:
        return None
    office = request.to_office if party == Party.OFFICE_ASKED else request.from_office
    # The office asked cannot open a case it does not handle yet: its dashboard lists the request.
    path = (
        reverse("enforcement:case_detail", args=[case.pk])
        if case.office_id == office.pk and request.status != RequestStatus.PENDING
        else reverse("enforcement:dashboard")
    )
    return Recipient(party, office.organisation, office.organisation.contact_email, path)


# The steps that ask the respondent to answer (or tell it the answer) even on a case whose notice never
# reached it: a complainant contesting a rejection proposes a dispute-resolution body to the store.
RESPONDENT_ASKED = (CaseAction.REFERRAL_PROPOSED, CaseAction.REFERRAL_REFUSED, CaseAction.REFERRAL_ACCEPTED)


def _respondent_knows(case: Case, action: CaseAction) -> bool:
    """The respondent hears of a case once the notice reached it, or its consent was asked, or it is asked
    about a dispute-resolution body."""
    return (
        case.notice_forwarded_at is not None
        or case.mode == HandlingMode.ADMINISTRATIVE
        or action in RESPONDENT_ASKED
        or case.status in (CaseStatus.AT_DISPUTE_BODY, CaseStatus.AWAITING_AWARD_EXECUTION)
    )


def recipients_of(case: Case, action: CaseAction, *, actor: Actor) -> list[tuple[Recipient, bool]]:
    """(recipient, acts next) for an action just carried out on the case; the actor's organisation is left
    out, and each organisation is told once."""
    spec = ACTIONS[action]
    # A confidential step concerns only those it names: whoever acts next on the case has nothing to do.
    acting = [] if spec.confidential else next_actors(case)
    parties = list(dict.fromkeys([*spec.tell, *acting]))
    actor_org = actor.organisation if isinstance(actor, User) else None
    actor_org_id = actor_org.pk if actor_org is not None else None
    chosen: list[tuple[Recipient, bool]] = []
    seen: set[int] = set()
    for party in parties:
        if party == Party.RESPONDENT and party not in acting and not _respondent_knows(case, action):
            continue
        recipient = _recipient(case, party, action)
        if recipient is None:
            continue
        if recipient.organisation is not None:
            if recipient.organisation.pk == actor_org_id or recipient.organisation.pk in seen:
                continue
            seen.add(recipient.organisation.pk)
        chosen.append((recipient, party in acting))
    return chosen


def site_url(path: str) -> str:
    return f"{settings.IPRGOV_SITE_URL.rstrip('/')}{path}"


def _day(value: date | None) -> str:
    return date_format(value, "DATE_FORMAT") if value else "-"


def case_message(
    case_id: int,
    action: CaseAction,
    status: str,
    deadline: date | None,
    note: str,
    link: str,
    acts_next: bool,
) -> tuple[str, str]:
    """(subject, body) of the message about one action, in the language active when it is built."""
    subject = _("Case %(number)s: %(action)s") % {"number": case_id, "action": action.label}
    lines = [_("%(action)s.") % {"action": action.label}]
    if note:
        lines.append(note)
    instruction = instruction_text(status, deadline)
    if acts_next and instruction:
        lines.append(instruction)
    lines.append(link)
    return subject, "\n\n".join(str(line) for line in lines)


def parties_tell(
    *,
    case_id: int,
    action: CaseAction,
    case: Case | None = None,
    actor: Actor,
    note: str = "",
    **_kwargs: Any,
) -> int:
    """Tell everyone the action concerns; returns how many were told. Runs in the action's transaction.

    Uses the case the action saved when it comes with the event (an action that tells no one then costs
    no query), else reads it.
    """
    if case is None:
        case = Case.objects.select_related(
            "complaint__filed_by_org", "platform__organisation", "office__organisation", "store"
        ).get(pk=case_id)
    messages, told = _messages(case, action, actor=actor, note=note)
    notify_organisations(messages)
    return told


def parties_tell_many(
    *, cases: list[Case], action: CaseAction, actor: Actor, notes: dict[int, str], **_kwargs: Any
) -> int:
    """parties_tell for one action carried out on many cases (each holding the parties' organisations and
    its store), with one insert of every in-app notification; returns how many were told."""
    messages: list[OrganisationMessage] = []
    told = 0
    for case in cases:
        own, case_told = _messages(case, action, actor=actor, note=notes.get(case.pk, ""))
        messages += own
        told += case_told
    notify_organisations(messages)
    return told


def _messages(
    case: Case, action: CaseAction, *, actor: Actor, note: str
) -> tuple[list[OrganisationMessage], int]:
    """The in-app notifications the action on the case gives (to be written by the caller) and how many
    parties are told; the respondent's email is queued for after commit here."""
    messages: list[OrganisationMessage] = []
    told = 0
    for recipient, acts_next in recipients_of(case, action, actor=actor):
        build = partial(
            case_message,
            case.pk,
            action,
            case.status,
            case.deadline,
            note,
            site_url(recipient.path),
            acts_next,
        )
        if recipient.organisation is not None:
            messages.append(
                OrganisationMessage(
                    organisation=recipient.organisation, case_id=case.pk, url=recipient.path, build=build
                )
            )
            told += 1
        elif recipient.address:
            notify_address(address=recipient.address, build=build, language=case.store.language)
            told += 1
        elif case.status in RESPONDENT_INVOLVED:
            # Only while the respondent has something to read or do: a withdrawn or closed case it never
            # heard of needs no contact.
            messages.append(_contact_needed(case, action))
    return messages, told


def _contact_needed(case: Case, action: CaseAction) -> OrganisationMessage:
    """The respondent should have been told but its store has no contact: ask the platform for one (its
    queue lists such cases too), so that the case does not lapse with the respondent never knowing."""
    store_page = reverse("platforms:store_detail", args=[case.store_id])
    return OrganisationMessage(
        organisation=case.platform.organisation,
        case_id=case.pk,
        url=store_page,
        build=partial(_contact_needed_message, case.pk, str(case.store), action, site_url(store_page)),
    )


def _contact_needed_message(case_id: int, store: str, action: CaseAction, link: str) -> tuple[str, str]:
    return (
        _("Case %(number)s: the respondent cannot be reached") % {"number": case_id},
        _(
            "Store %(store)s has no contact email, so the respondent was not told: %(action)s. Add the "
            "store's contact email on its page, then send the respondent its link from the case page."
        )
        % {"store": store, "action": action.label}
        + f"\n\n{link}",
    )
