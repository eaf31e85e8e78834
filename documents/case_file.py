"""A party's case file: one ZIP that can be checked on its own.

It holds the case summary as PDF, the case's official documents (each language), the evidence the party
may see, the history as CSV and `manifest.json`, which lists every other file with its SHA-256 and size.
`SHA256SUMS` repeats the hashes in the format of `sha256sum -c`, so that the file can be checked with no
software of ours; `manage.py verify_case_file` checks the manifest.
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
from cases.models import Case, CounterNoticeEvidence
from complaints.uploads import display_name
from documents.records import case_summary_source, kinds_available_now
from documents.rendering import pdf_from_template
from documents.services import document_issue, pdf_context
from documents.wording import WORDING
from iprgov.csv_export import csv_stream
from iprgov.file_integrity import CHUNK_BYTES

MANIFEST = "manifest.json"
SHA256SUMS = "SHA256SUMS"
HISTORY_COLUMNS = ("time", "actor", "name_given", "action", "from_status", "to_status", "note")


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


def _history_lines(case: Case) -> Iterator[bytes]:
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
        for entry in audit_history_for_case(case_id=case.pk)
    )
    for line in csv_stream([HISTORY_COLUMNS, *rows]):
        yield line.encode()


def case_file_write(*, case: Case, language: str) -> IO[bytes]:
    """The case file as a ZIP in a temporary file, positioned at its start (the caller closes it).

    The caller has checked that the party may see the case; every document whose record is final is issued
    first, so that the file holds them all.
    """
    documents = [document_issue(case_id=case.pk, kind=kind) for kind in kinds_available_now(case)]
    output = tempfile.TemporaryFile()  # noqa: SIM115 — handed to the response, which closes it
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        writer = _Writer(archive)
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
        for document in documents:
            for stored in document.files.all():
                writer.add(
                    f"documents/{document.number}-{document.kind}-{stored.language}.pdf",
                    _stored_chunks(stored.file),
                )
        for evidence in case.complaint.evidence.order_by("pk"):
            writer.add(
                f"evidence/{evidence.pk}-{display_name(evidence.original_name)}",
                _stored_chunks(evidence.file),
            )
        for counter_evidence in CounterNoticeEvidence.objects.filter(counter_notice__case=case).order_by(
            "pk"
        ):
            writer.add(
                f"counter-notice-evidence/{counter_evidence.pk}-{display_name(counter_evidence.original_name)}",
                _stored_chunks(counter_evidence.file),
            )
        writer.add("history.csv", _history_lines(case))
        manifest = {
            "case": case.pk,
            "exported_at": timezone.now().isoformat(),
            "algorithm": "sha256",
            "files": writer.entries,
        }
        archive.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
        archive.writestr(SHA256SUMS, "".join(f"{e['sha256']}  {e['path']}\n" for e in writer.entries))
    output.seek(0)
    return output
