"""A party's case file, and a clue package for law enforcement: one ZIP each that can be checked on its own.

A case file holds the case summary as PDF, the case's official documents (each language), the evidence the
party may see, the history as CSV and `manifest.json`, which lists every other file with its SHA-256 and
size. `SHA256SUMS` repeats the hashes in the format of `sha256sum -c`, so that the file can be checked with
no software of ours; `manage.py verify_case_file` checks the manifest (of either kind of file).

A clue package holds the same for a set of cases (each case's documents and history under `cases/<id>/`,
each complaint's evidence once), with the stores, listings, rights and listing decisions involved as CSV
and what the referral says in `referral.json`.
"""

import hashlib
import json
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from typing import IO

from django.db.models.fields.files import FieldFile
from django.utils import timezone

from audit.selectors import audit_history_for_case
from cases.actions import HIDDEN_FROM_RESPONDENT
from cases.models import Case, CounterNoticeEvidence, ListingDecision
from complaints.models import EvidenceFile, IPRight, Listing
from complaints.uploads import display_name
from documents.models import OfficialDocument
from documents.records import case_summary_source, kinds_available_now
from documents.rendering import pdf_from_template
from documents.services import document_issue, pdf_context
from documents.wording import WORDING
from iprgov.csv_export import csv_stream
from iprgov.file_integrity import CHUNK_BYTES

MANIFEST = "manifest.json"
SHA256SUMS = "SHA256SUMS"
HISTORY_COLUMNS = ("time", "actor", "name_given", "action", "from_status", "to_status", "note")
STORE_COLUMNS = ("store", "platform", "store_id_on_platform", "name", "region", "contact_email", "cases")
LISTING_COLUMNS = ("case", "listing", "url", "listing_id_on_platform", "store_id_on_platform", "status")
RIGHT_COLUMNS = (
    "right",
    "type",
    "registration_number",
    "title",
    "owner",
    "jurisdiction",
    "valid_from",
    "valid_until",
    "verification",
    "cases",
)
DECISION_COLUMNS = (
    "case",
    "listing",
    "decided_at",
    "decision",
    "reason_code",
    "reason",
    "measure_scope",
    "statement",
    "legal_ground",
    "office_record_cited",
)


class _Writer:
    """Adds files to the archive and remembers each one's SHA-256 and size."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.entries: list[dict[str, object]] = []

    def add(self, path: str, chunks: Iterable[bytes]) -> None:
        digest, size = hashlib.sha256(), 0
        with self.archive.open(path, "w") as member:
            for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
                member.write(chunk)
        self.entries.append({"path": path, "sha256": digest.hexdigest(), "size": size})


def _stored_chunks(stored: FieldFile) -> Iterator[bytes]:
    with stored.open("rb") as handle:
        yield from iter(lambda: handle.read(CHUNK_BYTES), b"")


def _csv_lines(header: Iterable[str], rows: Iterable[Iterable[object]]) -> Iterator[bytes]:
    for line in csv_stream([header, *rows]):
        yield line.encode()


def _history_lines(case: Case, *, for_respondent: bool = False) -> Iterator[bytes]:
    entries = audit_history_for_case(case_id=case.pk)
    if for_respondent:
        entries = entries.exclude(action__in=HIDDEN_FROM_RESPONDENT)
    rows: Iterator[Iterable[object]] = (
        (
            entry.created_at.isoformat(),
            entry.actor_shown,
            entry.name_given,
            entry.action,
            entry.from_status,
            entry.to_status,
            entry.note,
        )
        for entry in entries
    )
    return _csv_lines(HISTORY_COLUMNS, rows)


def _documents_issued(case: Case) -> list[OfficialDocument]:
    """Every document of the case whose record is final, issued now if it was not yet."""
    return [document_issue(case_id=case.pk, kind=kind) for kind in kinds_available_now(case)]


def _documents_add(writer: _Writer, documents: list[OfficialDocument], prefix: str) -> None:
    for document in documents:
        for stored in document.files.all():
            writer.add(
                f"{prefix}documents/{document.number}-{document.kind}-{stored.language}.pdf",
                _stored_chunks(stored.file),
            )


def _evidence_add(writer: _Writer, evidence: Iterable[EvidenceFile], prefix: str) -> None:
    for item in evidence:
        writer.add(
            f"{prefix}evidence/{item.pk}-{display_name(item.original_name)}", _stored_chunks(item.file)
        )


def _counter_evidence_add(writer: _Writer, case_ids: list[int], prefix: str) -> None:
    for item in CounterNoticeEvidence.objects.filter(counter_notice__case__in=case_ids).order_by("pk"):
        writer.add(
            f"{prefix}counter-notice-evidence/{item.pk}-{display_name(item.original_name)}",
            _stored_chunks(item.file),
        )


def _manifest_close(archive: zipfile.ZipFile, writer: _Writer, header: dict[str, object]) -> None:
    manifest = header | {
        "exported_at": timezone.now().isoformat(),
        "algorithm": "sha256",
        "files": writer.entries,
    }
    archive.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
    archive.writestr(SHA256SUMS, "".join(f"{e['sha256']}  {e['path']}\n" for e in writer.entries))


def case_file_write(*, case: Case, language: str, for_respondent: bool = False) -> IO[bytes]:
    """The case file as a ZIP in a temporary file, positioned at its start (the caller closes it).

    The caller has checked that the party may see the case; every document whose record is final is issued
    first, so that the file holds them all. The respondent's history leaves out the confidential steps.
    """
    output = tempfile.TemporaryFile()  # noqa: SIM115 — handed to the response, which closes it
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        writer = _Writer(archive)
        documents = _documents_issued(case)
        source = case_summary_source(case_id=case.pk)
        summary = pdf_context(source, None, language) | {
            "documents": [
                {"title": WORDING[language][document.kind], "number": document.number}
                for document in documents
            ]
        }
        writer.add(
            "case-summary.pdf",
            [pdf_from_template("documents/pdf/case_summary.html", summary, language=language)],
        )
        _documents_add(writer, documents, "")
        _evidence_add(writer, case.complaint.evidence.order_by("pk"), "")
        _counter_evidence_add(writer, [case.pk], "")
        writer.add("history.csv", _history_lines(case, for_respondent=for_respondent))
        _manifest_close(archive, writer, {"case": case.pk})
    output.seek(0)
    return output


def _store_rows(cases: list[Case]) -> Iterator[tuple[object, ...]]:
    by_store: dict[int, list[Case]] = {}
    for case in cases:
        by_store.setdefault(case.store_id, []).append(case)
    for store_cases in by_store.values():
        store = store_cases[0].store
        yield (
            store.pk,
            store.platform.organisation.name,
            store.external_id,
            store.name,
            store.region.code if store.region else "",
            store.contact_email,
            " ".join(str(case.pk) for case in store_cases),
        )


def _right_rows(cases: list[Case]) -> Iterator[tuple[object, ...]]:
    by_right: dict[int, list[int]] = {}
    for case in cases:
        by_right.setdefault(case.complaint.right_id, []).append(case.pk)
    for right in IPRight.objects.filter(pk__in=by_right).order_by("pk"):
        yield (
            right.pk,
            right.right_type,
            right.registration_number,
            right.title,
            right.owner_name,
            right.jurisdiction,
            right.valid_from or "",
            right.valid_until or "",
            right.verification_status,
            " ".join(str(pk) for pk in by_right[right.pk]),
        )


def clue_package_write(*, cases: list[Case], header: dict[str, object], language: str) -> IO[bytes]:
    """A clue package for `cases` (with store, platform and complaint loaded) as a ZIP in a temporary file,
    positioned at its start (the caller stores and closes it); `header` (what the referral says) opens
    `referral.json` and the manifest. Every document whose record is final is issued first, as for a case
    file; each complaint's evidence is added once however many of its cases are referred."""
    case_ids = [case.pk for case in cases]
    output = tempfile.TemporaryFile()  # noqa: SIM115 — stored by the caller, which closes it
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        writer = _Writer(archive)
        writer.add("referral.json", [json.dumps(header, indent=2, ensure_ascii=False, default=str).encode()])
        writer.add("stores.csv", _csv_lines(STORE_COLUMNS, _store_rows(cases)))
        listings = Listing.objects.filter(case__in=case_ids).order_by("case_id", "pk")
        writer.add(
            "listings.csv",
            _csv_lines(
                LISTING_COLUMNS,
                ((li.case_id, li.pk, li.url, li.listing_ref, li.store_ref, li.status) for li in listings),
            ),
        )
        writer.add("rights.csv", _csv_lines(RIGHT_COLUMNS, _right_rows(cases)))
        decisions = ListingDecision.objects.filter(case__in=case_ids).order_by("case_id", "pk")
        writer.add(
            "decisions.csv",
            _csv_lines(
                DECISION_COLUMNS,
                (
                    (
                        d.case_id,
                        d.listing_id,
                        d.created_at.isoformat(),
                        d.action,
                        d.reason_code,
                        d.reason_label,
                        d.measure_scope,
                        d.statement,
                        d.legal_ground,
                        d.cites_office_record,
                    )
                    for d in decisions
                ),
            ),
        )
        for case in cases:
            _documents_add(writer, _documents_issued(case), f"cases/{case.pk}/")
            writer.add(f"cases/{case.pk}/history.csv", _history_lines(case))
        complaint_ids = list(dict.fromkeys(case.complaint_id for case in cases))
        for complaint_id in complaint_ids:
            _evidence_add(
                writer,
                EvidenceFile.objects.filter(complaint_id=complaint_id).order_by("pk"),
                f"complaints/{complaint_id}/",
            )
        _counter_evidence_add(writer, case_ids, "")
        _manifest_close(archive, writer, header | {"cases": case_ids})
    output.seek(0)
    return output
