"""A draft can be edited, emptied, refilled and deleted; files chosen before a validation error are kept."""

import pytest
from django.urls import reverse

from accounts.models import OrgKind
from audit.models import AuditEntry
from complaints.models import Complaint, ComplaintStatus, EvidenceFile, StagedEvidence
from tests.complaints.helpers import PDF, PNG, WINDOWS_EXE, complaint_data, upload
from tests.factories import IPRightFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

CREATE_URL = reverse("complaints:complaint_create")


@pytest.fixture
def right(rightsholder_user):
    return IPRightFactory(owner_org=rightsholder_user.organisation)


@pytest.fixture
def draft(rightsholder_user, right, platform, login) -> Complaint:
    """A draft saved without the good-faith declaration, with three listings on two stores and one file."""
    data = complaint_data(
        right=right,
        platform=platform,
        good_faith_declared=None,
        action="draft",
        listings="https://shop.example.test/item/1, shop-a\nitem-2, shop-a\nitem-3, shop-b\n",
    )
    data["evidence"] = [upload("receipt.pdf", PDF)]
    login(rightsholder_user).post(CREATE_URL, data)
    return Complaint.objects.get(filed_by_org=rightsholder_user.organisation)


def test_a_draft_is_edited_emptied_refilled_and_submitted(
    draft, rightsholder_user, right, platform, login, django_capture_on_commit_callbacks
):
    client = login(rightsholder_user)
    detail = reverse("complaints:complaint_detail", args=[draft.pk])
    # the declaration was forgotten: submission is refused and says why
    client.post(reverse("complaints:complaint_submit", args=[draft.pk]))
    assert "declare in good faith" in client.get(detail).content.decode()

    # one listing removed, then every listing of shop-a, then the file
    listing = draft.listings.get(listing_ref="item-3")
    client.post(reverse("complaints:complaint_listing_remove", args=[draft.pk, listing.pk]))
    client.post(reverse("complaints:complaint_store_remove", args=[draft.pk]), {"store_ref": "shop-a"})
    evidence = draft.evidence.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("complaints:complaint_evidence_remove", args=[draft.pk, evidence.pk]))
    assert not draft.listings.exists() and not draft.evidence.exists()
    assert not evidence.file.storage.exists(evidence.file.name)

    # refilled and corrected on the edit form, then submitted from it
    edit = reverse("complaints:complaint_edit", args=[draft.pk])
    form = client.get(edit)
    assert form.context["form"].initial["description"] == draft.description
    data = complaint_data(
        right=right,
        platform=platform,
        description="Fake bags, see the test purchase.",
        listings="item-9, shop-c\n",
    )
    data["evidence"] = [upload("test purchase.png", PNG)]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit, data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == ComplaintStatus.SUBMITTED
    assert draft.description == "Fake bags, see the test purchase." and draft.good_faith_declared
    assert list(draft.listings.values_list("listing_ref", "store_ref")) == [("item-9", "shop-c")]
    assert list(draft.evidence.values_list("original_name", flat=True)) == ["test purchase.png"]
    actions = set(AuditEntry.objects.filter(subject_type="complaint").values_list("action", flat=True))
    assert {"listings_removed", "evidence_removed", "complaint_edited", "complaint_submitted"} <= actions

    # and once submitted nothing can be changed any more
    assert client.get(edit)["Location"] == detail
    client.post(reverse("complaints:complaint_store_remove", args=[draft.pk]), {"store_ref": "shop-c"})
    assert draft.listings.count() == 1


def test_a_draft_is_deleted_only_when_confirmed(
    draft, rightsholder_user, login, django_capture_on_commit_callbacks
):
    client = login(rightsholder_user)
    url = reverse("complaints:complaint_delete", args=[draft.pk])
    stored = draft.evidence.get().file

    client.post(url)
    assert Complaint.objects.filter(pk=draft.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"confirm": "yes"})

    assert response["Location"] == reverse("complaints:home")
    assert not Complaint.objects.filter(pk=draft.pk).exists()
    assert not stored.storage.exists(stored.name)


def test_another_organisations_draft_and_its_listings_are_404(draft, login):
    stranger = login(UserFactory(organisation=OrganisationFactory(kind=OrgKind.RIGHTSHOLDER)))
    listing = draft.listings.first()

    assert stranger.get(reverse("complaints:complaint_edit", args=[draft.pk])).status_code == 404
    assert (
        stranger.post(reverse("complaints:complaint_delete", args=[draft.pk]), {"confirm": "yes"}).status_code
        == 404
    )
    assert (
        stranger.post(reverse("complaints:complaint_listing_remove", args=[draft.pk, listing.pk])).status_code
        == 404
    )
    assert draft.listings.count() == 3


def test_a_file_of_another_draft_cannot_be_removed_through_this_one(
    draft, rightsholder_user, right, platform, login
):
    client = login(rightsholder_user)
    other = complaint_data(right=right, platform=platform, action="draft")
    other["evidence"] = [upload("other.pdf", PDF)]
    client.post(CREATE_URL, other)
    foreign = EvidenceFile.objects.get(original_name="other.pdf")

    response = client.post(reverse("complaints:complaint_evidence_remove", args=[draft.pk, foreign.pk]))

    assert response.status_code == 404
    assert EvidenceFile.objects.filter(pk=foreign.pk).exists()


def test_files_chosen_before_a_validation_error_are_kept_and_attached(
    rightsholder_user, right, platform, login, django_capture_on_commit_callbacks
):
    client = login(rightsholder_user)
    data = complaint_data(right=right, platform=platform, description="")
    data["evidence"] = [
        upload("receipt.pdf", PDF),
        upload("photo.png", PNG),
        upload("virus.pdf", WINDOWS_EXE),
    ]

    first = client.post(CREATE_URL, data)

    # the form comes back with its errors and lists the two acceptable files as kept
    assert first.status_code == 200
    page = first.content.decode()
    assert "Describe the infringement." in page and "virus.pdf" in page  # the refused file is named
    staged = {item.original_name: item for item in StagedEvidence.objects.all()}
    assert set(staged) == {"receipt.pdf", "photo.png"}
    assert 'name="keep_files"' in page and "receipt.pdf" in page
    token = first.context["form_token"]

    # the second attempt fixes the description and unticks the photo
    second = complaint_data(right=right, platform=platform, form_token=str(token), evidence=None)
    second["keep_files"] = [str(staged["receipt.pdf"].pk)]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CREATE_URL, second)

    assert response.status_code == 302
    complaint = Complaint.objects.get(filed_by_org=rightsholder_user.organisation)
    assert list(complaint.evidence.values_list("original_name", flat=True)) == ["receipt.pdf"]
    assert not StagedEvidence.objects.exists()
    photo = staged["photo.png"].file
    assert photo.name and not photo.storage.exists(photo.name)


def test_staged_files_are_the_stagers_own(rightsholder_user, right, platform, login):
    client = login(rightsholder_user)
    data = complaint_data(right=right, platform=platform, description="")
    data["evidence"] = [upload("receipt.pdf", PDF)]
    token = client.post(CREATE_URL, data).context["form_token"]
    staged = StagedEvidence.objects.get()

    colleague = UserFactory(organisation=rightsholder_user.organisation)
    stolen = complaint_data(
        right=right, platform=platform, form_token=str(token), keep_files=[str(staged.pk)]
    )
    login(colleague).post(CREATE_URL, stolen)

    # the colleague's complaint has the colleague's own file only; the other's staged file stays the other's
    complaint = Complaint.objects.get()
    assert list(complaint.evidence.values_list("original_name", flat=True)) == ["test purchase.pdf"]
    assert StagedEvidence.objects.filter(pk=staged.pk).exists()
