"""The catalogue of everything that can happen to a case: one entry per action.

An action's value is its audit action and its webhook event (`case.<value>`); its label is what a person
reads in the case history, in their language. `ACTIONS` says which state-machine transition, if any,
the action performs. `case_transition` (cases.transition) is the one function that carries an action out.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import OPEN_STATUSES, REFERABLE_STATUSES, CaseStatus


class Party(StrEnum):
    """Who can be told of an action. The office asked / asking are the other side of a transfer or an
    assistance request; the respondent is reached through its signed link; the dispute body is the one
    both parties agreed to refer the case to."""

    COMPLAINANT = "complainant"
    PLATFORM = "platform"
    OFFICE = "office"
    RESPONDENT = "respondent"
    OFFICE_ASKED = "office_asked"
    OFFICE_ASKING = "office_asking"
    DISPUTE_BODY = "dispute_body"
    # The law-enforcement authority a case was referred to: it acts on its referral (law_enforcement app),
    # is told by that app, and plays no part in the case's own pages.
    AUTHORITY = "authority"


class CaseAction(models.TextChoices):
    OPENED = "case_opened", _("Case opened")
    ROUTED = "routed", _("Routed to a handling mode")
    REROUTED = "rerouted", _("Re-routed by hand, with a reason")
    INFORMATION_REQUESTED = "information_requested", _("Information requested from the complainant")
    INFORMATION_SUPPLIED = "information_supplied", _("Information supplied by the complainant")
    INFORMATION_LAPSED = "information_lapsed", _("Closed: the information was not supplied in time")
    LISTINGS_DECIDED = "listings_decided", _("Listings decided")
    DECIDED = "case_decided", _("Case decided")
    NOTICE_FORWARDED = "notice_forwarded", _("Notice forwarded to the respondent")
    CLOSED_REJECTED = "closed_rejected", _("Closed: the notice was rejected")
    COUNTER_NOTICE_RECEIVED = "counter_notice_received", _("Counter-notice received")
    COUNTER_NOTICE_FORWARDED = "counter_notice_forwarded", _("Counter-notice forwarded to the complainant")
    CLOSED_WITHOUT_COUNTER_NOTICE = "closed_without_counter_notice", _("Closed: no counter-notice in time")
    FOLLOW_UP_FILED = "follow_up_filed", _("Complaint to an office or court shown: the measures stand")
    MEASURES_LIFTED = "measures_lifted", _("Window expired: measures lifted and listings restored")
    WITHDRAWN = "case_withdrawn", _("Withdrawn by the complainant")
    OPINION_ISSUED = "opinion_issued", _("Determination opinion issued")
    OPINION_ESCALATED = "opinion_escalated", _("Overdue opinion escalated to the office's managers")
    CONSENT_GIVEN = "consent_given", _("Consent to administrative handling given")
    CONSENT_REFUSED = "consent_refused", _("Consent to administrative handling refused")
    CONSENT_COMPLETE = "consent_complete", _("Both parties consented to administrative handling")
    FALLBACK = "administrative_fallback", _("Administrative handling fell back to another mode")
    ACCEPTED = "case_accepted", _("Accepted by the office")
    OFFICIALS_ASSIGNED = "officials_assigned", _("Officials assigned")
    HEARING_SCHEDULED = "hearing_scheduled", _("Hearing scheduled")
    MEDIATION_SCHEDULED = "mediation_scheduled", _("Mediation session scheduled")
    MEDIATION_AGREEMENT = "mediation_agreement", _("Closed by a mediation agreement")
    MEDIATION_FAILED = "mediation_failed", _("Mediation failed")
    DECISION_ISSUED = "decision_issued", _("Administrative decision issued")
    EXECUTION_CONFIRMED = "execution_confirmed", _("Execution of the office's decision confirmed")
    TRANSFER_REQUESTED = "transfer_requested", _("Transfer to another office requested")
    TRANSFER_ACCEPTED = "transfer_accepted", _("Transfer accepted")
    TRANSFER_DECLINED = "transfer_declined", _("Transfer declined")
    ASSISTANCE_REQUESTED = "assistance_requested", _("Assistance requested from another office")
    ASSISTANCE_ANSWERED = "assistance_answered", _("Assistance request answered")
    ASSISTANCE_DECLINED = "assistance_declined", _("Assistance request declined")
    RESPONDENT_LINK_SENT = "respondent_link_sent", _("Respondent's link sent to the store")
    REMINDER_SENT = "reminder_sent", _("Reminder sent: the deadline is near")
    MARKED_OVERDUE = "marked_overdue", _("Marked overdue")
    REVIEW_REQUESTED = "review_requested", _("Review of the platform's decision requested")
    REVIEW_CONFIRMED = "review_confirmed", _("Review: the platform's decision is confirmed")
    REVIEW_REVERSED = "review_reversed", _("Review: the platform's decision is reversed")
    REFERRAL_PROPOSED = "referral_proposed", _("Referral to a dispute-resolution body proposed")
    REFERRAL_REFUSED = "referral_refused", _("Referral to a dispute-resolution body refused")
    REFERRAL_ACCEPTED = (
        "referral_accepted",
        _("Referral accepted: the case is at the dispute-resolution body"),
    )
    BODY_SESSION_RECORDED = "body_session_recorded", _("Session at the dispute-resolution body recorded")
    SETTLEMENT_RECORDED = "settlement_recorded", _("Closed by a settlement at the dispute-resolution body")
    AWARD_ISSUED = "award_issued", _("Arbitral award issued")
    AWARD_EXECUTED = "award_executed", _("Arbitral award executed by the platform")
    REFERRED_TO_LAW_ENFORCEMENT = "law_enforcement_referred", _("Referred to a law-enforcement authority")
    REFERRAL_ACKNOWLEDGED = (
        "law_enforcement_acknowledged",
        _("Receipt of the referral acknowledged by the law-enforcement authority"),
    )
    INVESTIGATION_OPENED = "law_enforcement_investigation_opened", _("Law enforcement: investigation opened")
    GOODS_SEIZED = "law_enforcement_goods_seized", _("Law enforcement: goods seized")
    ENFORCEMENT_CLOSED = "law_enforcement_case_closed", _("Law enforcement: case closed")

    @property
    def event(self) -> str:
        """The webhook event type sent for this action (docs/api.md lists them)."""
        return f"case.{self.value}"


@dataclass(frozen=True)
class ActionSpec:
    """What carrying out an action does and who may do it.

    transition: the FSM transition it calls (None: the status stays; `allowed_in` then lists the
    statuses it can be done in). tell: who is told besides whoever must act next
    (cases.parties.next_actors). by: the party that does it by hand (None: the system does, or it
    follows from another action); managers: only the office's managers may. confidential: told only to
    the parties in `tell`, never to whoever acts next, and kept from the respondent (its link, its case
    file), so that a store under investigation is not warned.
    """

    transition: str | None = None
    tell: tuple[Party, ...] = ()
    by: Party | tuple[Party, ...] | None = None
    managers: bool = False
    allowed_in: tuple[str, ...] = ()
    confidential: bool = False

    def done_by(self, party: Party) -> bool:
        return party == self.by or (isinstance(self.by, tuple) and party in self.by)


# The statuses in which the respondent has a notice, a consent or a decision to read or act on through its
# link: from the notice (or the request for its consent) until the case is closed.
RESPONDENT_INVOLVED = (
    CaseStatus.NOTICE_FORWARDED,
    CaseStatus.COUNTER_NOTICE_RECEIVED,
    CaseStatus.WINDOW_OPEN,
    CaseStatus.AWAITING_CONSENT,
    CaseStatus.AWAITING_ACCEPTANCE,
    CaseStatus.AWAITING_OFFICE_DECISION,
    CaseStatus.DECIDED,
    CaseStatus.AWAITING_EXECUTION,
    CaseStatus.AT_DISPUTE_BODY,
    CaseStatus.AWAITING_AWARD_EXECUTION,
)


# The statuses in which the platform's decision on a notice-and-takedown case stands and can be reviewed
# (DSA art. 20): from the notice (or the rejection) on, the case closed included.
REVIEWABLE = (
    CaseStatus.NOTICE_FORWARDED,
    CaseStatus.COUNTER_NOTICE_RECEIVED,
    CaseStatus.WINDOW_OPEN,
    CaseStatus.CLOSED,
)


# A case can be referred to law enforcement once it was routed, whatever happened since (a withdrawn or
# closed case still shows what was sold); the authority's answers follow the referral, not the status.
REFERABLE = tuple(status for status in CaseStatus.values if status != CaseStatus.NEW)


ACTIONS: dict[CaseAction, ActionSpec] = {
    CaseAction.OPENED: ActionSpec(allowed_in=(CaseStatus.NEW,)),
    CaseAction.ROUTED: ActionSpec(transition="mark_routed", tell=(Party.COMPLAINANT,)),
    # An office's manager for a case of its jurisdiction, or an operator from the admin.
    CaseAction.REROUTED: ActionSpec(
        transition="reroute",
        tell=(Party.COMPLAINANT, Party.PLATFORM, Party.OFFICE, Party.RESPONDENT),
        by=Party.OFFICE,
        managers=True,
    ),
    CaseAction.INFORMATION_REQUESTED: ActionSpec(transition="request_information", by=Party.PLATFORM),
    CaseAction.INFORMATION_SUPPLIED: ActionSpec(transition="supply_information", by=Party.COMPLAINANT),
    CaseAction.INFORMATION_LAPSED: ActionSpec(
        transition="lapse_information", tell=(Party.COMPLAINANT, Party.PLATFORM)
    ),
    CaseAction.LISTINGS_DECIDED: ActionSpec(
        by=Party.PLATFORM, allowed_in=(CaseStatus.AWAITING_PLATFORM, CaseStatus.AWAITING_EXECUTION)
    ),
    CaseAction.DECIDED: ActionSpec(transition="mark_decided", tell=(Party.OFFICE,), by=Party.PLATFORM),
    CaseAction.NOTICE_FORWARDED: ActionSpec(transition="forward_notice", tell=(Party.COMPLAINANT,)),
    CaseAction.CLOSED_REJECTED: ActionSpec(transition="close_rejected", tell=(Party.COMPLAINANT,)),
    CaseAction.COUNTER_NOTICE_RECEIVED: ActionSpec(transition="receive_counter_notice", by=Party.RESPONDENT),
    CaseAction.COUNTER_NOTICE_FORWARDED: ActionSpec(
        transition="forward_counter_notice", tell=(Party.RESPONDENT,), by=Party.PLATFORM
    ),
    CaseAction.CLOSED_WITHOUT_COUNTER_NOTICE: ActionSpec(
        transition="close_without_counter_notice", tell=(Party.COMPLAINANT, Party.PLATFORM, Party.RESPONDENT)
    ),
    CaseAction.FOLLOW_UP_FILED: ActionSpec(
        transition="record_follow_up", tell=(Party.PLATFORM, Party.RESPONDENT), by=Party.COMPLAINANT
    ),
    CaseAction.MEASURES_LIFTED: ActionSpec(
        transition="lift_measures", tell=(Party.COMPLAINANT, Party.PLATFORM, Party.RESPONDENT)
    ),
    CaseAction.WITHDRAWN: ActionSpec(
        transition="withdraw", tell=(Party.PLATFORM, Party.OFFICE, Party.RESPONDENT), by=Party.COMPLAINANT
    ),
    CaseAction.OPINION_ISSUED: ActionSpec(
        transition="receive_opinion", tell=(Party.COMPLAINANT,), by=Party.OFFICE
    ),
    CaseAction.OPINION_ESCALATED: ActionSpec(tell=(Party.OFFICE,), allowed_in=(CaseStatus.AWAITING_OPINION,)),
    CaseAction.CONSENT_GIVEN: ActionSpec(tell=(Party.OFFICE,), allowed_in=(CaseStatus.AWAITING_CONSENT,)),
    CaseAction.CONSENT_REFUSED: ActionSpec(tell=(Party.OFFICE,), allowed_in=(CaseStatus.AWAITING_CONSENT,)),
    CaseAction.CONSENT_COMPLETE: ActionSpec(
        transition="complete_consent", tell=(Party.COMPLAINANT, Party.RESPONDENT)
    ),
    CaseAction.FALLBACK: ActionSpec(
        transition="fall_back",
        tell=(Party.COMPLAINANT, Party.RESPONDENT, Party.OFFICE),
        by=Party.OFFICE,
        managers=True,
    ),
    CaseAction.ACCEPTED: ActionSpec(
        transition="accept",
        tell=(Party.COMPLAINANT, Party.RESPONDENT, Party.PLATFORM),
        by=Party.OFFICE,
        managers=True,
    ),
    CaseAction.OFFICIALS_ASSIGNED: ActionSpec(
        by=Party.OFFICE,
        managers=True,
        allowed_in=(CaseStatus.AWAITING_ACCEPTANCE, CaseStatus.AWAITING_OFFICE_DECISION),
    ),
    CaseAction.HEARING_SCHEDULED: ActionSpec(
        tell=(Party.COMPLAINANT, Party.RESPONDENT),
        by=Party.OFFICE,
        allowed_in=(CaseStatus.AWAITING_OFFICE_DECISION,),
    ),
    CaseAction.MEDIATION_SCHEDULED: ActionSpec(
        tell=(Party.COMPLAINANT, Party.RESPONDENT),
        by=Party.OFFICE,
        allowed_in=(CaseStatus.AWAITING_OFFICE_DECISION,),
    ),
    CaseAction.MEDIATION_AGREEMENT: ActionSpec(
        transition="close_mediated",
        tell=(Party.COMPLAINANT, Party.RESPONDENT, Party.PLATFORM),
        by=Party.OFFICE,
    ),
    CaseAction.MEDIATION_FAILED: ActionSpec(
        tell=(Party.COMPLAINANT, Party.RESPONDENT),
        by=Party.OFFICE,
        allowed_in=(CaseStatus.AWAITING_OFFICE_DECISION,),
    ),
    CaseAction.DECISION_ISSUED: ActionSpec(
        transition="receive_office_decision", tell=(Party.COMPLAINANT, Party.RESPONDENT), by=Party.OFFICE
    ),
    CaseAction.EXECUTION_CONFIRMED: ActionSpec(
        transition="confirm_execution",
        tell=(Party.COMPLAINANT, Party.OFFICE, Party.RESPONDENT),
        by=Party.PLATFORM,
    ),
    CaseAction.TRANSFER_REQUESTED: ActionSpec(
        tell=(Party.OFFICE_ASKED,), by=Party.OFFICE, allowed_in=OPEN_STATUSES
    ),
    CaseAction.TRANSFER_ACCEPTED: ActionSpec(
        tell=(Party.OFFICE_ASKING, Party.COMPLAINANT, Party.PLATFORM),
        by=Party.OFFICE_ASKED,
        allowed_in=OPEN_STATUSES,
    ),
    CaseAction.TRANSFER_DECLINED: ActionSpec(
        tell=(Party.OFFICE_ASKING,), by=Party.OFFICE_ASKED, allowed_in=OPEN_STATUSES
    ),
    CaseAction.ASSISTANCE_REQUESTED: ActionSpec(
        tell=(Party.OFFICE_ASKED,), by=Party.OFFICE, allowed_in=OPEN_STATUSES
    ),
    CaseAction.ASSISTANCE_ANSWERED: ActionSpec(
        tell=(Party.OFFICE_ASKING,), by=Party.OFFICE_ASKED, allowed_in=OPEN_STATUSES
    ),
    CaseAction.ASSISTANCE_DECLINED: ActionSpec(
        tell=(Party.OFFICE_ASKING,), by=Party.OFFICE_ASKED, allowed_in=OPEN_STATUSES
    ),
    CaseAction.RESPONDENT_LINK_SENT: ActionSpec(
        tell=(Party.RESPONDENT,), by=(Party.PLATFORM, Party.OFFICE), allowed_in=RESPONDENT_INVOLVED
    ),
    CaseAction.REMINDER_SENT: ActionSpec(allowed_in=OPEN_STATUSES),
    CaseAction.MARKED_OVERDUE: ActionSpec(allowed_in=OPEN_STATUSES),
    CaseAction.REVIEW_REQUESTED: ActionSpec(
        tell=(Party.PLATFORM,), by=(Party.COMPLAINANT, Party.RESPONDENT), allowed_in=REVIEWABLE
    ),
    CaseAction.REVIEW_CONFIRMED: ActionSpec(
        tell=(Party.COMPLAINANT, Party.RESPONDENT), by=Party.PLATFORM, allowed_in=REVIEWABLE
    ),
    CaseAction.REVIEW_REVERSED: ActionSpec(
        transition="reverse_on_review", tell=(Party.COMPLAINANT, Party.RESPONDENT), by=Party.PLATFORM
    ),
    # The parties of the dispute propose, accept or refuse a dispute-resolution body; the platform, which
    # executes what is agreed or awarded, is told once the case goes there.
    CaseAction.REFERRAL_PROPOSED: ActionSpec(
        tell=(Party.COMPLAINANT, Party.RESPONDENT),
        by=(Party.COMPLAINANT, Party.RESPONDENT),
        allowed_in=REFERABLE_STATUSES,
    ),
    CaseAction.REFERRAL_REFUSED: ActionSpec(
        tell=(Party.COMPLAINANT, Party.RESPONDENT),
        by=(Party.COMPLAINANT, Party.RESPONDENT),
        allowed_in=REFERABLE_STATUSES,
    ),
    CaseAction.REFERRAL_ACCEPTED: ActionSpec(
        transition="refer_to_body",
        tell=(Party.COMPLAINANT, Party.RESPONDENT, Party.PLATFORM),
        by=(Party.COMPLAINANT, Party.RESPONDENT),
    ),
    CaseAction.BODY_SESSION_RECORDED: ActionSpec(
        tell=(Party.COMPLAINANT, Party.RESPONDENT),
        by=Party.DISPUTE_BODY,
        allowed_in=(CaseStatus.AT_DISPUTE_BODY,),
    ),
    CaseAction.SETTLEMENT_RECORDED: ActionSpec(
        transition="settle",
        tell=(Party.COMPLAINANT, Party.RESPONDENT, Party.PLATFORM),
        by=Party.DISPUTE_BODY,
    ),
    CaseAction.AWARD_ISSUED: ActionSpec(
        transition="receive_award", tell=(Party.COMPLAINANT, Party.RESPONDENT), by=Party.DISPUTE_BODY
    ),
    CaseAction.AWARD_EXECUTED: ActionSpec(
        transition="execute_award",
        tell=(Party.COMPLAINANT, Party.RESPONDENT, Party.DISPUTE_BODY),
        by=Party.PLATFORM,
    ),
    CaseAction.REFERRED_TO_LAW_ENFORCEMENT: ActionSpec(
        tell=(Party.PLATFORM, Party.OFFICE),
        by=(Party.PLATFORM, Party.OFFICE),
        allowed_in=REFERABLE,
        confidential=True,
    ),
    **{
        action: ActionSpec(
            tell=(Party.PLATFORM, Party.OFFICE), by=Party.AUTHORITY, allowed_in=REFERABLE, confidential=True
        )
        for action in (
            CaseAction.REFERRAL_ACKNOWLEDGED,
            CaseAction.INVESTIGATION_OPENED,
            CaseAction.GOODS_SEIZED,
            CaseAction.ENFORCEMENT_CLOSED,
        )
    },
}

# What the respondent never reads of its case (history, case file): the confidential steps.
HIDDEN_FROM_RESPONDENT = frozenset(action.value for action, spec in ACTIONS.items() if spec.confidential)
