import pytest
from django.urls import reverse

from cases.models import Case
from complaints.models import ComplaintStatus
from tests.factories import ComplaintFactory, ListingFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(rightsholder_user, platform):
    complaint = ComplaintFactory(
        right__owner_org=rightsholder_user.organisation,
        filed_by=rightsholder_user,
        platform=platform,
        evidence=1,
    )
    ListingFactory(complaint=complaint, store_ref="shop-a")
    return complaint


def test_a_draft_shows_its_listings_and_a_submit_button(rightsholder_user, draft, login):
    client = login(rightsholder_user)

    response = client.get(reverse("complaints:complaint_detail", args=[draft.pk]))

    page = response.content.decode()
    assert reverse("complaints:complaint_submit", args=[draft.pk]) in page
    assert "shop-a" in page


def test_submitting_a_draft_routes_it_and_removes_the_submit_button(
    rightsholder_user, draft, login, django_capture_on_commit_callbacks
):
    client = login(rightsholder_user)

    # Routing runs once the request's transaction commits, so the page is fetched after the capture block.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("complaints:complaint_submit", args=[draft.pk]))

    draft.refresh_from_db()
    assert draft.status == ComplaintStatus.SUBMITTED
    case = Case.objects.get(complaint=draft)
    page = client.get(response["Location"]).content.decode()
    assert "is submitted" in page
    assert reverse("complaints:case_detail", args=[case.pk]) in page
    assert reverse("complaints:complaint_submit", args=[draft.pk]) not in page


def test_submitting_an_incomplete_draft_explains_why_and_keeps_the_draft(rightsholder_user, draft, login):
    draft.good_faith_declared = False
    draft.save()
    client = login(rightsholder_user)

    response = client.post(reverse("complaints:complaint_submit", args=[draft.pk]), follow=True)

    draft.refresh_from_db()
    assert draft.status == ComplaintStatus.DRAFT
    assert "You must declare in good faith that the notice is accurate." in response.content.decode()


def test_submitting_twice_says_only_a_draft_can_be_submitted(
    rightsholder_user, draft, login, django_capture_on_commit_callbacks
):
    client = login(rightsholder_user)
    url = reverse("complaints:complaint_submit", args=[draft.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)

    response = client.post(url, follow=True)

    assert "Only a draft can be submitted." in response.content.decode()


def test_another_rightsholder_cannot_submit_the_draft(draft, login):
    from accounts.models import OrgKind

    stranger = UserFactory(organisation=OrganisationFactory(kind=OrgKind.RIGHTSHOLDER))
    client = login(stranger)

    response = client.post(reverse("complaints:complaint_submit", args=[draft.pk]))

    draft.refresh_from_db()
    assert response.status_code == 404
    assert draft.status == ComplaintStatus.DRAFT
