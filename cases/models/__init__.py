"""The case and every record that exists only as a step of it (tables keep the names they were created with)."""

from cases.models.case import (
    OPEN_STATUSES,
    PLATFORM_ACTION_STATUSES,
    STATUS_AFTER_ROUTING,
    Case,
    CaseClosure,
    CaseOutcome,
    CaseStatus,
)
from cases.models.corrections import CorrectedRecord, RecordCorrection
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
from cases.models.routing import HandlingMode, Jurisdiction, RoutingRule

__all__ = [
    "OPEN_STATUSES",
    "PLATFORM_ACTION_STATUSES",
    "STATUS_AFTER_ROUTING",
    "AdministrativeDecision",
    "AssistanceRequest",
    "CorrectedRecord",
    "RecordCorrection",
    "Assignment",
    "Case",
    "CaseClosure",
    "CaseOutcome",
    "CaseSession",
    "CaseStatus",
    "ConsentParty",
    "ConsentRequest",
    "ConsentStatus",
    "CounterNotice",
    "CounterNoticeEvidence",
    "DeterminationOpinion",
    "HandlingMode",
    "InformationRequest",
    "Jurisdiction",
    "ListingDecision",
    "MediationResult",
    "OpinionOutcome",
    "RequestStatus",
    "RoutingRule",
    "SessionKind",
    "Transfer",
]
