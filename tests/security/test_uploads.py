"""Uploads: refused by content with a clear message, stored under random names outside the static tree,
served only as attachments of their real kind to users who may see the case."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from complaints.models import Complaint, EvidenceFile
from tests.complaints.helpers import PDF, WINDOWS_EXE, complaint_data, upload
from tests.factories import IPRightFactory

pytestmark = pytest.mark.django_db

HTML = b"<!doctype html><script>alert(document.cookie)</script>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.fixture
def right(rightsholder_user):
    return IPRightFactory(owner_org=rightsholder_user.organisation)


def file_with(client, right, platform, *files):
    data = complaint_data(right=right, platform=platform)
    data["evidence"] = list(files)
    return client.post(reverse("complaints:complaint_create"), data)


@pytest.mark.parametrize(
    ("name", "content"),
    [("receipt.pdf", HTML), ("photo.png", SVG), ("invoice.pdf", WINDOWS_EXE), ("page.html", HTML)],
)
def test_active_content_is_refused_whatever_its_name_with_a_message_naming_the_file(
    rightsholder_user, right, platform, login, name, content
):
    client = login(rightsholder_user)

    response = file_with(client, right, platform, upload(name, content))

    assert response.status_code == 200  # the form again, with its error
    errors = response.context["form"].errors["evidence"]
    assert any(name in error and "not accepted" in error for error in errors), errors
    assert not Complaint.objects.exists() and not EvidenceFile.objects.exists()


def test_a_certificate_of_the_wrong_kind_is_refused_on_the_right_form(rightsholder_user, login):
    client = login(rightsholder_user)

    response = client.post(
        reverse("complaints:right_create"),
        {
            "right_type": "trademark",
            "registration_number": "TM1",
            "title": "Mark",
            "certificate": upload("cert.pdf", HTML),
        },
    )

    assert response.status_code == 200
    assert "not accepted" in " ".join(response.context["form"].errors["certificate"])


def test_a_path_in_the_file_name_never_reaches_the_disk(rightsholder_user, right, platform, login):
    client = login(rightsholder_user)

    file_with(client, right, platform, upload("../../../../etc/cron.d/evil.pdf", PDF))

    evidence = EvidenceFile.objects.get()
    stored = Path(evidence.file.path).resolve()
    assert re.fullmatch(r"[0-9a-f]{32}\.pdf", stored.name)
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert evidence.original_name == "evil.pdf"


def test_uploaded_files_live_outside_every_static_directory_and_have_no_public_url(
    rightsholder_user, right, platform, login, client
):
    media = Path(settings.MEDIA_ROOT).resolve()
    for static in [Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS)]:
        assert not media.is_relative_to(static.resolve()) and not static.resolve().is_relative_to(media)
    logged_in = login(rightsholder_user)
    file_with(logged_in, right, platform, upload("evidence.pdf", PDF))
    stored = EvidenceFile.objects.get().file.name

    assert logged_in.get(f"{settings.MEDIA_URL}{stored}").status_code == 404
    assert logged_in.get(f"/static/{stored}").status_code == 404


def test_a_download_is_an_attachment_of_its_real_kind_that_browsers_will_not_sniff_or_cache(
    rightsholder_user, right, platform, login
):
    client = login(rightsholder_user)
    file_with(client, right, platform, upload("report.html", PDF))  # a PDF under an HTML name
    evidence = EvidenceFile.objects.get()

    response = client.get(reverse("complaints:evidence_download", args=[evidence.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="report.html.pdf"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
