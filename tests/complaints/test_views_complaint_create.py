import pytest
from django.urls import reverse

from cases.models import Case, CaseStatus
from complaints.models import Complaint, ComplaintStatus, EvidenceFile
from tests.complaints.helpers import PDF, PNG, WINDOWS_EXE, complaint_data, upload
from tests.factories import IPRightFactory

pytestmark = pytest.mark.django_db

CREATE_URL = reverse("complaints:complaint_create")


@pytest.fixture
def right(rightsholder_user):
    return IPRightFactory(owner_org=rightsholder_user.organisation)


def field_errors(response, field: str) -> list[str]:
    return list(response.context["form"].errors.get(field, []))


def test_submitting_three_listings_across_two_stores_opens_two_routed_cases_shown_on_home(
    rightsholder_user, right, platform, login, django_capture_on_commit_callbacks
):
    client = login(rightsholder_user)
    listings = (
        "https://shop.example.test/item/1, shop-a, Shop A\n"
        "item-2, shop-a\n"
        "\n"
        "https://shop.example.test/item/3\tshop-b\tShop B, Ltd.\n"
    )
    data = complaint_data(right=right, platform=platform, listings=listings)
    data["evidence"] = [upload("photo.png", PNG), upload("Test purchase receipt.pdf", PDF)]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CREATE_URL, data)

    complaint = Complaint.objects.get(filed_by_org=rightsholder_user.organisation)
    assert response.status_code == 302
    assert response["Location"] == reverse("complaints:complaint_detail", args=[complaint.pk])
    assert complaint.status == ComplaintStatus.SUBMITTED
    assert sorted(complaint.listings.values_list("store_ref", "store_name")) == [
        ("shop-a", ""),
        ("shop-a", "Shop A"),
        ("shop-b", "Shop B, Ltd."),
    ]
    cases = list(Case.objects.filter(complaint=complaint).order_by("store__external_id"))
    assert [case.store.external_id for case in cases] == ["shop-a", "shop-b"]
    assert all(case.status != CaseStatus.NEW and case.mode and case.routing_reason for case in cases)
    assert sorted(EvidenceFile.objects.values_list("original_name", flat=True)) == [
        "Test purchase receipt.pdf",
        "photo.png",
    ]

    assert "is submitted" in client.get(response["Location"]).content.decode()
    home = client.get(reverse("complaints:home"))

    page = home.content.decode()
    for case in cases:
        assert reverse("complaints:case_detail", args=[case.pk]) in page
        assert str(case.get_mode_display()) in page


def test_evidence_is_stored_under_a_random_name_with_the_extension_of_its_content(
    rightsholder_user, right, platform, login, django_capture_on_commit_callbacks
):
    client = login(rightsholder_user)
    data = complaint_data(right=right, platform=platform, evidence=upload("../../etc/passwd.pdf.jpg", PDF))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(CREATE_URL, data)

    evidence = EvidenceFile.objects.get()
    assert evidence.original_name == "passwd.pdf.jpg"
    stored = evidence.file.name
    assert stored is not None
    assert stored.startswith("evidence/")
    assert stored.endswith(".pdf")
    assert "passwd" not in stored


def test_save_draft_keeps_an_incomplete_complaint_without_routing_it(
    rightsholder_user, right, platform, login, django_capture_on_commit_callbacks
):
    client = login(rightsholder_user)
    data = complaint_data(right=right, platform=platform, good_faith_declared=None, action="draft")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(CREATE_URL, data)

    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert complaint.status == ComplaintStatus.DRAFT
    assert complaint.listings.count() == 2
    assert callbacks == []
    assert not Case.objects.exists()


def test_submit_without_good_faith_declaration_is_refused_next_to_the_checkbox_and_keeps_nothing(
    rightsholder_user, right, platform, login
):
    client = login(rightsholder_user)
    data = complaint_data(right=right, platform=platform, good_faith_declared=None, evidence=upload())

    response = client.post(CREATE_URL, data)

    assert response.status_code == 200
    assert field_errors(response, "good_faith_declared") == [
        "You must declare in good faith that the notice is accurate."
    ]
    assert 'id="id_good_faith_declared_errors"' in response.content.decode()
    assert not Complaint.objects.exists()
    assert not EvidenceFile.objects.exists()


def test_submit_without_listings_is_refused_next_to_the_listings(rightsholder_user, right, platform, login):
    client = login(rightsholder_user)

    response = client.post(CREATE_URL, complaint_data(right=right, platform=platform, listings="\n  \n"))

    assert response.status_code == 200
    assert field_errors(response, "listings") == ["Add at least one listing."]
    assert not Complaint.objects.exists()


def test_a_listing_line_without_a_store_id_is_reported_by_line_number(
    rightsholder_user, right, platform, login
):
    client = login(rightsholder_user)
    listings = (
        "item-1, shop-a\nitem-2, shop-a\nhttps://shop.example.test/item/3\nhttps://exa mple.test/x, shop-b\n"
    )

    response = client.post(CREATE_URL, complaint_data(right=right, platform=platform, listings=listings))

    assert response.status_code == 200
    errors = field_errors(response, "listings")
    assert errors[0] == "Line 3: Give the store id."
    assert errors[1] == "Line 4: “https://exa mple.test/x” is not a valid web address."
    assert len(errors) == 2
    assert 'id="id_listings_errors"' in response.content.decode()
    assert not Complaint.objects.exists()


def test_no_right_chosen_is_reported_next_to_the_right(rightsholder_user, right, platform, login):
    client = login(rightsholder_user)

    response = client.post(CREATE_URL, complaint_data(right=None, platform=platform))

    assert response.status_code == 200
    assert field_errors(response, "right") == ["Choose the right the complaint relies on."]
    assert not Complaint.objects.exists()


def test_a_right_of_another_organisation_cannot_be_chosen(rightsholder_user, platform, login):
    client = login(rightsholder_user)
    foreign_right = IPRightFactory()

    response = client.post(CREATE_URL, complaint_data(right=foreign_right, platform=platform))

    assert response.status_code == 200
    assert field_errors(response, "right")
    assert not Complaint.objects.exists()


def test_a_renamed_executable_is_refused_by_its_content_next_to_the_evidence_field(
    rightsholder_user, right, platform, login
):
    client = login(rightsholder_user)
    data = complaint_data(
        right=right, platform=platform, evidence=[upload(), upload("report.pdf", WINDOWS_EXE)]
    )

    response = client.post(CREATE_URL, data)

    assert response.status_code == 200
    assert field_errors(response, "evidence") == [
        "report.pdf: this kind of file is not accepted (PDF, images, Office documents)."
    ]
    assert 'id="id_evidence_errors"' in response.content.decode()
    assert not Complaint.objects.exists()


def test_an_oversized_evidence_file_is_refused_next_to_the_evidence_field(
    rightsholder_user, right, platform, login, settings
):
    settings.IPRGOV_MAX_UPLOAD_BYTES = 1024
    client = login(rightsholder_user)
    data = complaint_data(right=right, platform=platform, evidence=upload("scan.pdf", PDF + b"0" * 2048))

    response = client.post(CREATE_URL, data)

    assert response.status_code == 200
    errors = field_errors(response, "evidence")
    assert len(errors) == 1
    assert errors[0].startswith("scan.pdf is 2.0")
    assert errors[0].endswith("files may be at most 1.0\xa0KB.")
    assert not Complaint.objects.exists()


def test_the_form_offers_only_verified_rights_valid_today(rightsholder_user, right, login):
    client = login(rightsholder_user)
    pending = IPRightFactory(owner_org=rightsholder_user.organisation, verification_status="pending")

    response = client.get(CREATE_URL)

    choices = [value for value, _label in response.context["form"].fields["right"].choices if value]
    assert [int(str(value)) for value in choices] == [right.pk]
    assert pending.pk not in choices


def test_the_complainant_is_told_that_its_complaint_was_received(rightsholder_user, platform):
    from accounts.models import Notification
    from complaints.services import complaint_submit
    from tests.factories import ComplaintFactory, IPRightFactory, ListingFactory

    right = IPRightFactory(owner_org=rightsholder_user.organisation)
    complaint = ComplaintFactory(right=right, filed_by=rightsholder_user, platform=platform, evidence=1)
    ListingFactory(complaint=complaint)

    complaint_submit(complaint_id=complaint.pk, actor=rightsholder_user)

    (notice,) = Notification.objects.filter(organisation=rightsholder_user.organisation)
    assert notice.subject == f"Complaint {complaint.pk} received"
    assert notice.url == f"/portal/complaints/{complaint.pk}/"
