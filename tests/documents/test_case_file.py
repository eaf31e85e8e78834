"""A party's case file is a ZIP whose manifest lists every file with its SHA-256: it verifies on its own,
with `manage.py verify_case_file` or with `sha256sum -c SHA256SUMS`, and a changed file is found."""

import csv
import io
import json
import shutil
import subprocess
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from cases.links import respondent_token
from documents.case_file_check import case_file_problems
from documents.models import DocumentFile, OfficialDocument
from tests.documents import builders
from tests.documents.pdf_reading import pdf_text
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
# A document's file records its hash as every stored file does (iprgov.file_integrity): file_sha256, file_size.


def _download(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return b"".join(response.streaming_content)


@pytest.fixture
def decided_case():
    return builders.platform_case_with_notice()


def test_a_case_file_holds_summary_documents_evidence_and_history_and_verifies(
    client, login, decided_case, tmp_path
):
    # given a case whose notice was forwarded, with two evidence files
    case = decided_case
    login(UserFactory(organisation=case.complaint.filed_by_org))

    # when the complainant downloads its case file in English
    data = _download(client, reverse("documents:case_file", args=[case.pk]) + "?lang=en")

    # then the ZIP holds every part, each listed in the manifest with its SHA-256
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = set(archive.namelist())
    manifest = json.loads(archive.read("manifest.json"))
    listed = {entry["path"] for entry in manifest["files"]}
    assert names == listed | {"manifest.json", "SHA256SUMS"}
    assert "case-summary.pdf" in listed and "history.csv" in listed
    assert len([n for n in listed if n.startswith("evidence/")]) == 2
    stored = DocumentFile.objects.filter(document__case=case)
    assert stored.count() == 4  # notice and statement of reasons, each in two languages
    assert {e["sha256"] for e in manifest["files"] if e["path"].startswith("documents/")} == {
        f.file_sha256 for f in stored
    }
    summary = pdf_text(archive.read("case-summary.pdf"))
    assert "Case summary" in summary and all(
        d.number in summary for d in OfficialDocument.objects.filter(case=case)
    )
    history = list(csv.reader(io.StringIO(archive.read("history.csv").decode())))
    assert history[0][:4] == ["time", "actor", "name_given", "action"]
    assert "notice_forwarded" in [row[3] for row in history[1:]]

    # and it verifies on its own, by our command and by sha256sum
    path = tmp_path / "case.zip"
    path.write_bytes(data)
    assert case_file_problems(str(path)) == []
    call_command("verify_case_file", str(path))
    if shutil.which("sha256sum"):
        extracted = tmp_path / "extracted"
        archive.extractall(extracted)
        subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=extracted, check=True)  # noqa: S603, S607


def test_a_changed_or_added_file_is_found(client, login, decided_case, tmp_path):
    case = decided_case
    login(UserFactory(organisation=case.platform.organisation))
    data = _download(client, reverse("documents:case_file", args=[case.pk]))
    original = zipfile.ZipFile(io.BytesIO(data))
    evidence = next(n for n in original.namelist() if n.startswith("evidence/"))

    # when one evidence file is replaced and a file is slipped in
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(tampered, "w") as out:
        for name in original.namelist():
            out.writestr(name, b"%PDF-1.4 forged" if name == evidence else original.read(name))
        out.writestr("evidence/extra.pdf", b"%PDF-1.4 extra")

    # then both are reported, and the command fails
    problems = case_file_problems(str(tampered))
    assert any(p.startswith(f"{evidence}: SHA-256") for p in problems)
    assert "evidence/extra.pdf: not in the manifest" in problems
    with pytest.raises(CommandError, match="does not verify"):
        call_command("verify_case_file", str(tampered))


def test_the_respondent_downloads_its_case_file_through_its_link(client, decided_case, tmp_path):
    data = _download(client, reverse("documents:respondent_case_file", args=[respondent_token(decided_case)]))

    path = tmp_path / "case.zip"
    path.write_bytes(data)
    assert case_file_problems(str(path)) == []


def test_another_organisations_case_file_is_a_404(client, login, decided_case):
    login(UserFactory(organisation=OrganisationFactory()))

    assert client.get(reverse("documents:case_file", args=[decided_case.pk])).status_code == 404


def test_a_file_that_is_no_zip_does_not_verify(tmp_path):
    path = tmp_path / "not.zip"
    path.write_bytes(b"plain text")

    assert case_file_problems(str(path))[0].startswith("not a ZIP file")
