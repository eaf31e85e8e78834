"""A one-shot form acts once: three clicks on "Submit", or Back and submit again, make one complaint; the
repeated POSTs are sent to the complaint the first one made."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import OrgKind
from complaints.models import Complaint, ComplaintStatus
from tests.complaints.helpers import PDF, complaint_data, upload
from tests.factories import IPRightFactory, OrganisationFactory, UserFactory
from tests.reliability.concurrency import run_concurrently

CREATE_URL = reverse("complaints:complaint_create")
TOKEN = "6f1c7a52-3a8b-4d2e-9f60-0c5b8f0a1d11"


def _filing(right, platform) -> dict:
    data = complaint_data(right=right, platform=platform, form_token=TOKEN)
    data["evidence"] = [upload("receipt.pdf", PDF)]
    return data


@pytest.mark.django_db
def test_the_same_form_sent_three_times_makes_one_complaint(
    rightsholder_user, platform, login, django_capture_on_commit_callbacks
):
    right = IPRightFactory(owner_org=rightsholder_user.organisation)
    client = login(rightsholder_user)

    with django_capture_on_commit_callbacks(execute=True):
        answers = [client.post(CREATE_URL, _filing(right, platform)) for _ in range(3)]

    (complaint,) = Complaint.objects.all()
    detail = reverse("complaints:complaint_detail", args=[complaint.pk])
    assert [a.status_code for a in answers] == [302, 302, 302]
    assert {a["Location"] for a in answers} == {detail}
    assert complaint.status == ComplaintStatus.SUBMITTED
    assert "already sent" in client.get(detail).content.decode()


@pytest.mark.django_db
def test_a_form_that_came_back_with_errors_can_be_sent_again_with_its_token(
    rightsholder_user, platform, login
):
    right = IPRightFactory(owner_org=rightsholder_user.organisation)
    client = login(rightsholder_user)

    refused = client.post(CREATE_URL, {**_filing(right, platform), "description": ""})
    fixed = client.post(CREATE_URL, _filing(right, platform))

    assert refused.status_code == 200
    assert fixed.status_code == 302 and Complaint.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_three_clicks_at_the_same_moment_make_one_complaint(platform, default_routing_rules):
    user = UserFactory(organisation=OrganisationFactory(kind=OrgKind.RIGHTSHOLDER))
    right = IPRightFactory(owner_org=user.organisation)
    clients = [Client() for _ in range(3)]
    for client in clients:
        client.force_login(user)

    outcomes = run_concurrently(*[lambda c=c: c.post(CREATE_URL, _filing(right, platform)) for c in clients])

    assert not outcomes.errors
    assert Complaint.objects.count() == 1
    assert {r["Location"] for r in outcomes.results} == {
        reverse("complaints:complaint_detail", args=[Complaint.objects.get().pk])
    }


@pytest.mark.django_db
def test_a_draft_submitted_twice_is_submitted_once(rightsholder_user, platform, login):
    right = IPRightFactory(owner_org=rightsholder_user.organisation)
    client = login(rightsholder_user)
    client.post(CREATE_URL, {**_filing(right, platform), "action": "draft", "form_token": ""})
    draft = Complaint.objects.get()
    submit = reverse("complaints:complaint_submit", args=[draft.pk])

    first = client.post(submit, {"form_token": TOKEN})
    second = client.post(submit, {"form_token": TOKEN})

    assert first["Location"] == second["Location"]
    page = client.get(first["Location"]).content.decode()
    assert "Only a draft can be submitted" not in page and "already sent" in page


@pytest.mark.django_db
def test_listings_already_in_an_open_complaint_of_the_same_right_are_pointed_out(
    rightsholder_user, platform, login, django_capture_on_commit_callbacks
):
    right = IPRightFactory(owner_org=rightsholder_user.organisation)
    client = login(rightsholder_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CREATE_URL, _filing(right, platform))
    first = Complaint.objects.get()
    again = {**_filing(right, platform), "action": "draft", "form_token": "", "listings": "item-2, shop-a\n"}
    client.post(CREATE_URL, again)
    other = complaint_data(right=right, platform=platform, action="draft", listings="item-99, shop-z\n")
    client.post(CREATE_URL, other)
    repeat, fresh = Complaint.objects.exclude(pk=first.pk).order_by("pk")

    repeated_page = client.get(reverse("complaints:complaint_detail", args=[repeat.pk])).content.decode()
    fresh_page = client.get(reverse("complaints:complaint_detail", args=[fresh.pk])).content.decode()

    assert 'id="overlapping"' in repeated_page
    assert reverse("complaints:complaint_detail", args=[first.pk]) in repeated_page
    assert 'id="overlapping"' not in fresh_page


@pytest.mark.django_db
def test_back_and_submit_again_on_a_reloaded_form_leads_to_the_complaint_already_made(
    rightsholder_user, platform, login
):
    right = IPRightFactory(owner_org=rightsholder_user.organisation)
    client = login(rightsholder_user)
    first = client.post(CREATE_URL, _filing(right, platform))
    # a reloaded form has a new token; the same complaint sent again is recognised by what it says
    again = client.post(
        CREATE_URL, {**_filing(right, platform), "form_token": "0d3f5c7e-1111-4a2b-9c3d-5e6f7a8b9c0d"}
    )
    different = client.post(
        CREATE_URL,
        {
            **_filing(right, platform),
            "form_token": "0d3f5c7e-2222-4a2b-9c3d-5e6f7a8b9c0d",
            "listings": "item-7, shop-q\n",
        },
    )

    assert again["Location"] == first["Location"]
    assert different["Location"] != first["Location"]
    assert Complaint.objects.count() == 2
