"""The case and every record that exists only as a step of it (tables keep the names they were created with)."""

from cases.models.case import (
    OPEN_STATUSES,
    PLATFORM_ACTION_STATUSES,
    REROUTABLE_STATUSES,
    STATUS_AFTER_ROUTING,
    Case,
    CaseClosure,
    CaseOutcome,
    CaseStatus,
)
from cases.models.corrections import CorrectedRecord, RecordCorrection
from cases.models.list_counts import CaseCount, CountScope
from cases.models.office_steps import (
    AdministrativeDecision,
    Assignment,
    AssistanceRequest,
    CaseSession,
    ConsentParty,
    ConsentRequest,
    ConsentStatus,
    DeterminationOpinion,
    MediationResult,
    OpinionOutcome,
    RequestStatus,
    SessionKind,
    Transfer,
)
from cases.models.platform_steps import (
    CounterNotice,
    CounterNoticeEvidence,
    InformationRequest,
    ListingDecision,
)
from cases.models.review_steps import DecisionReview, ReviewEvidence, ReviewOutcome, ReviewParty
from cases.models.routing import HandlingMode, Jurisdiction, RoutingKind, RoutingRecord, RoutingRule

__all__ = [
    "OPEN_STATUSES",
    "PLATFORM_ACTION_STATUSES",
    "REROUTABLE_STATUSES",
    "STATUS_AFTER_ROUTING",
    "AdministrativeDecision",
    "AssistanceRequest",
    "CorrectedRecord",
    "RecordCorrection",
    "Assignment",
    "Case",
    "CaseCount",
    "CaseClosure",
    "CaseOutcome",
    "CountScope",
    "CaseSession",
    "CaseStatus",
    "ConsentParty",
    "ConsentRequest",
    "ConsentStatus",
    "CounterNotice",
    "CounterNoticeEvidence",
    "DecisionReview",
    "DeterminationOpinion",
    "HandlingMode",
    "InformationRequest",
    "Jurisdiction",
    "ListingDecision",
    "MediationResult",
    "OpinionOutcome",
    "RequestStatus",
    "ReviewEvidence",
    "ReviewOutcome",
    "ReviewParty",
    "RoutingKind",
    "RoutingRecord",
    "RoutingRule",
    "SessionKind",
    "Transfer",
]
