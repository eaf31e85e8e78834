"""Which official documents a case has, and what each states, read from the records of the case.

A document exists once its record is final: the notice when it was forwarded, the statement of reasons when
every listing was decided, the opinion and the decision when issued, the consent record when no party's
answer is awaited, the mediation agreement when it closed the case.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Prefetch
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from accounts.models import Organisation
from cases.models import (
    AdministrativeDecision,
    Case,
    CaseClosure,
    CaseSession,
    ConsentRequest,
    ConsentStatus,
    CounterNotice,
    DeterminationOpinion,
    ListingDecision,
    MediationResult,
)
from complaints.models import Listing
from documents.models import DocumentKind
from iprgov.file_integrity import sha256_hex


class DocumentNotAvailable(Exception):
    """The record a document states is not final yet (or the case has no issuer for it)."""


@dataclass(frozen=True)
class EvidenceHash:
    name: str
    sha256: str


@dataclass(frozen=True)
class DocumentSource:
    """What a document states: who issues it, its date, and the records printed in it."""

    kind: DocumentKind | None  # None: the case summary of a case file
    case: Case
    issuer: Organisation | None
    issued_on: date
    listings: Sequence[Listing]
    evidence: Sequence[EvidenceHash]
    records: dict[str, object] = field(default_factory=dict)


def kinds_available(
    case: Case,
    *,
    opinion: DeterminationOpinion | None,
    decision: AdministrativeDecision | None,
    consents: Iterable[ConsentRequest],
) -> list[DocumentKind]:
    """The documents of a case whose records are final, from what a case page has already read."""
    consents = list(consents)
    available = {
        DocumentKind.NOTICE: case.notice_forwarded_at is not None,
        DocumentKind.STATEMENT_OF_REASONS: case.decided_at is not None,
        DocumentKind.OPINION: opinion is not None,
        DocumentKind.CONSENT_RECORD: case.office_id is not None
        and bool(consents)
        and all(consent.status != ConsentStatus.PENDING for consent in consents),
        DocumentKind.MEDIATION_AGREEMENT: case.office_id is not None and case.closure == CaseClosure.MEDIATED,
        DocumentKind.ADMINISTRATIVE_DECISION: decision is not None,
    }
    return [kind for kind, final in available.items() if final]


def kinds_available_now(case: Case) -> list[DocumentKind]:
    """kinds_available, read from the database."""
    return kinds_available(
        case,
        opinion=DeterminationOpinion.objects.filter(case=case).first(),
        decision=AdministrativeDecision.objects.filter(case=case).first(),
        consents=case.consents.all(),
    )


def _stored_sha256(stored: FieldFile) -> str:
    """The SHA-256 of a stored file's content as it is now (the file is opened and closed again)."""
    with stored.open("rb") as handle:
        return sha256_hex(handle)


def _evidence_of(case: Case, *, as_of: datetime) -> list[EvidenceHash]:
    """The complaint's evidence and the counter-notice's filed by `as_of`: what the record was made on."""
    hashes = [
        EvidenceHash(f.original_name, _stored_sha256(f.file)) for f in case.complaint.evidence.order_by("pk")
    ]
    counter_notice = CounterNotice.objects.filter(case=case, submitted_at__lte=as_of).first()
    if counter_notice is not None:
        hashes += [
            EvidenceHash(f.original_name, _stored_sha256(f.file)) for f in counter_notice.evidence.all()
        ]
    return hashes


def _case_with_parties(case_id: int) -> Case:
    return Case.objects.select_related(
        "complaint__right",
        "complaint__authorisation",
        "complaint__filed_by_org",
        "platform__organisation",
        "office__organisation",
        "store",
    ).get(pk=case_id)


def _listings_with_decisions(case: Case) -> list[Listing]:
    return list(
        Listing.objects.filter(case=case)
        .prefetch_related(
            Prefetch("decisions", queryset=ListingDecision.objects.order_by("created_at", "pk"))
        )
        .order_by("pk")
    )


def document_source(*, case_id: int, kind: DocumentKind) -> DocumentSource:
    """What the document of this kind states; DocumentNotAvailable while its record is not final."""
    case = _case_with_parties(case_id)
    if kind not in kinds_available_now(case):
        raise DocumentNotAvailable(kind)
    issuer, made_at, records = _issuer_time_and_records(case, kind)
    made_at = made_at or timezone.now()
    return DocumentSource(
        kind=kind,
        case=case,
        issuer=issuer,
        issued_on=timezone.localdate(made_at),
        listings=_listings_with_decisions(case),
        evidence=_evidence_of(case, as_of=made_at),
        records=records,
    )


def case_summary_source(*, case_id: int) -> DocumentSource:
    """What a case file's summary states, as of today; it is issued by nobody and carries no number."""
    case = _case_with_parties(case_id)
    return DocumentSource(
        kind=None,
        case=case,
        issuer=None,
        issued_on=timezone.localdate(),
        listings=_listings_with_decisions(case),
        evidence=_evidence_of(case, as_of=timezone.now()),
    )


def _issuer_time_and_records(
    case: Case, kind: DocumentKind
) -> tuple[Organisation, datetime | None, dict[str, object]]:
    """Who issues the document, when its record was made (None: not recorded), and the record itself."""
    platform_org = case.platform.organisation
    if kind == DocumentKind.NOTICE:
        return platform_org, case.notice_forwarded_at, {}
    if kind == DocumentKind.STATEMENT_OF_REASONS:
        return platform_org, case.decided_at, {}
    if kind == DocumentKind.OPINION:
        opinion = DeterminationOpinion.objects.select_related("office__organisation").get(case=case)
        return opinion.office.organisation, opinion.issued_at, {"opinion": opinion}
    if kind == DocumentKind.ADMINISTRATIVE_DECISION:
        decision = AdministrativeDecision.objects.select_related("office__organisation").get(case=case)
        return decision.office.organisation, decision.issued_at, {"decision": decision}
    assert case.office is not None  # kinds_available: these need the case's office
    if kind == DocumentKind.CONSENT_RECORD:
        consents = list(case.consents.order_by("party"))
        answered = [c.answered_at for c in consents if c.answered_at]
        return case.office.organisation, max(answered, default=None), {"consents": consents}
    session = (
        CaseSession.objects.filter(case=case, result=MediationResult.AGREEMENT)
        .order_by("-result_recorded_at")
        .first()
    )
    made_at = session.result_recorded_at if session else case.closed_at
    return case.office.organisation, made_at, {"session": session}
