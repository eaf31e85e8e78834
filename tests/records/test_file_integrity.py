"""Stored files carry the SHA-256 recorded at upload; a file whose content changed is refused, reported to
operators and found by verify_files."""

import hashlib
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from audit.models import AuditEntry
from complaints.models import EvidenceFile
from iprgov.file_integrity import record_existing_files
from tests.factories import ComplaintFactory, EvidenceFileFactory

pytestmark = pytest.mark.django_db

CONTENT = b"%PDF-1.4 evidence"


@pytest.fixture
def evidence(rightsholder_user) -> EvidenceFile:
    complaint = ComplaintFactory(right__owner_org=rightsholder_user.organisation, filed_by=rightsholder_user)
    return EvidenceFileFactory(complaint=complaint)


def _download(client, evidence: EvidenceFile):
    return client.get(reverse("complaints:evidence_download", args=[evidence.pk]))


def _verify_files(*args: str) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("verify_files", *args, stdout=out)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue()
    return 0, out.getvalue()


def _tamper(evidence: EvidenceFile) -> None:
    Path(evidence.file.path).write_bytes(b"%PDF-1.4 evidence, altered")


def test_an_upload_records_its_hash_size_and_content_type(evidence):
    evidence.refresh_from_db()

    assert evidence.file_sha256 == hashlib.sha256(CONTENT).hexdigest()
    assert evidence.file_size == len(CONTENT)
    assert evidence.file_content_type == "application/pdf"


def test_an_intact_file_is_served_and_its_hash_shown_where_it_is_listed(login, rightsholder_user, evidence):
    client = login(rightsholder_user)

    response = _download(client, evidence)
    page = client.get(reverse("complaints:complaint_detail", args=[evidence.complaint_id]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTENT
    assert hashlib.sha256(CONTENT).hexdigest() in page.content.decode()
    assert _verify_files() == (0, "ok: 2, changed: 0, missing: 0, unrecorded: 0\n")


def test_a_tampered_file_is_refused_reported_and_found_by_verify_files(
    settings, login, rightsholder_user, evidence
):
    settings.ADMINS = ["operator@iprgov.test"]
    _tamper(evidence)

    response = _download(login(rightsholder_user), evidence)

    assert response.status_code == 409
    assert b"%PDF" not in response.content
    assert "no longer matches" in response.content.decode()
    assert [m.to for m in mail.outbox] == [["operator@iprgov.test"]]
    assert f"EvidenceFile #{evidence.pk}" in mail.outbox[0].body
    entry = AuditEntry.objects.get(action="file_integrity_failed")
    assert (entry.subject_type, entry.subject_id) == ("evidencefile", evidence.pk)
    code, output = _verify_files()
    assert code == 1
    assert f"changed: complaints.EvidenceFile #{evidence.pk} file" in output
    assert output.endswith("ok: 1, changed: 1, missing: 0, unrecorded: 0\n")


def test_a_missing_file_is_a_404_and_reported_by_verify_files(login, rightsholder_user, evidence):
    Path(evidence.file.path).unlink()

    response = _download(login(rightsholder_user), evidence)

    assert response.status_code == 404
    code, output = _verify_files()
    assert code == 1
    assert f"missing: complaints.EvidenceFile #{evidence.pk} file" in output


def test_files_stored_before_records_existed_get_them_computed(evidence):
    # As the data migration finds them: stored, with nothing recorded.
    EvidenceFile.objects.filter(pk=evidence.pk).update(file_sha256="", file_size=None, file_content_type="")

    record_existing_files(EvidenceFile, ("file",))

    evidence.refresh_from_db()
    assert evidence.file_sha256 == hashlib.sha256(CONTENT).hexdigest()
    assert evidence.file_size == len(CONTENT)


def test_a_file_left_unrecorded_is_refused_until_an_operator_records_it(login, rightsholder_user, evidence):
    # As a row written during a deploy by code older than the records leaves it.
    EvidenceFile.objects.filter(pk=evidence.pk).update(file_sha256="", file_size=None, file_content_type="")
    client = login(rightsholder_user)

    refused = _download(client, evidence)
    code, output = _verify_files()
    recorded_code, _ = _verify_files("--record-unrecorded")

    assert refused.status_code == 409
    assert (code, f"unrecorded: complaints.EvidenceFile #{evidence.pk} file" in output) == (1, True)
    assert recorded_code == 0
    assert _download(client, evidence).status_code == 200
