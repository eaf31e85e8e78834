"""Listing rows that carry the respondent store's contact email, language and region: typed in the complaint
form or given in a bulk file, kept with the listing, and given to the store when the complaint is split into
cases, so that a store the platform did not know can be reached."""

import pytest
from django.core import mail
from django.urls import reverse

from audit.models import AuditEntry
from cases.models import Case, CaseStatus, HandlingMode, Jurisdiction, RoutingRule
from complaints.models import Complaint, Listing
from platforms.models import Store
from tests.api.conftest import attach_evidence, complaint_body, submittable, token_client
from tests.bulk_files import draft, post_file
from tests.complaints.helpers import complaint_data
from tests.factories import IPRightFactory, OfficeFactory, PlatformFactory, RegionFactory, StoreFactory

pytestmark = pytest.mark.django_db

CREATE_URL = reverse("complaints:complaint_create")


@pytest.fixture
def right(rightsholder_user):
    return IPRightFactory(owner_org=rightsholder_user.organisation)


@pytest.fixture
def holder(rightsholder_user):
    return token_client(rightsholder_user)


@pytest.fixture
def chengdu(db):
    return RegionFactory(code="510100", name="Chengdu")


def _file(client, right, platform, listings: str, **fields: object):
    return client.post(
        CREATE_URL, complaint_data(right=right, platform=platform, listings=listings, **fields)
    )


def test_the_form_takes_the_store_contact_language_and_region_as_the_fourth_to_sixth_values(
    rightsholder_user, right, platform, chengdu, login, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client = login(rightsholder_user)
    listings = (
        "https://shop.example.test/item/1, shop-a, Shop A, owner@shop-a.example.test, zh-Hans, 510100\n"
        "item-2\tshop-a\tShop A, Ltd.\t\t\t\n"
        "item-3, shop-b\n"
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = _file(client, right, platform, listings)

    assert response.status_code == 302, response.context["form"].errors
    listing = Listing.objects.get(url="https://shop.example.test/item/1")
    assert (listing.store_email, listing.store_language, listing.store_region) == (
        "owner@shop-a.example.test",
        "zh-hans",
        chengdu,
    )
    # The store made from the listings is reachable: its contact, language and region are the rows'.
    shop_a = Store.objects.get(platform=platform, external_id="shop-a")
    assert (shop_a.name, shop_a.contact_email, shop_a.language, shop_a.region) == (
        "Shop A",
        "owner@shop-a.example.test",
        "zh-hans",
        chengdu,
    )
    shop_b = Store.objects.get(platform=platform, external_id="shop-b")
    assert (shop_b.contact_email, shop_b.language, shop_b.region) == ("", "", None)
    # The filer sees what the respondent will be reached at.
    page = client.get(response.url).content.decode()
    assert "owner@shop-a.example.test · Simplified Chinese · Chengdu" in page


def test_a_bad_email_language_or_region_in_the_form_is_reported_by_line_and_files_nothing(
    rightsholder_user, right, platform, chengdu, login
):
    client = login(rightsholder_user)
    listings = (
        "item-1, shop-a, Shop A, not-an-email\n"
        "item-2, shop-a, Shop A, a@shop.example.test, fr\n"
        "item-3, shop-a, Shop A, a@shop.example.test, en, 999999\n"
        "item-4, shop-a, Shop A, a@shop.example.test, en, 510100\n"
    )

    response = _file(client, right, platform, listings)

    assert response.status_code == 200
    assert list(response.context["form"].errors["listings"]) == [
        "Line 1: “not-an-email” is not an email address the store can be reached at.",
        "Line 2: “fr” is not a language of the site; give one of: en, zh-hans.",
        "Line 3: No region has the division code “999999”.",
    ]
    assert not Complaint.objects.exists()


def test_a_known_store_gets_only_what_it_lacks_and_what_the_platform_set_stays(
    holder, right, platform, chengdu, django_capture_on_commit_callbacks
):
    known = StoreFactory(platform=platform, external_id="shop-k", contact_email="set@platform.example.test")
    complaint_id = draft(holder, right, platform)
    content = (
        b"listing,store_ref,store_email,store_language,store_region\n"
        b"item-1,shop-k,other@rows.example.test,zh-hans,510100\n"
        b"item-2,shop-k,,en,\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        post_file(holder, complaint_id, content)

    attach_evidence(holder, complaint_id)
    with django_capture_on_commit_callbacks(execute=True):
        holder.post(f"/api/v1/complaints/{complaint_id}/submit/")

    known.refresh_from_db()
    # The first row that gives each value decides; the platform's email is never overwritten.
    assert (known.contact_email, known.language, known.region) == (
        "set@platform.example.test",
        "zh-hans",
        chengdu,
    )
    entry = AuditEntry.objects.get(action="store_contact_from_listings", subject_id=known.pk)
    assert entry.actor_kind == "system"
    assert entry.note == f"language, region from the listings of complaint {complaint_id}"
    assert Case.objects.get(complaint_id=complaint_id).store == known


def test_an_administrative_case_reaches_a_store_made_from_a_listing_row(
    rightsholder_user, right, chengdu, login, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    platform = PlatformFactory(region=chengdu)
    OfficeFactory(regions=[chengdu])
    client = login(rightsholder_user)
    listings = "https://shop.example.test/item/9, new-shop, New Shop, seller@new-shop.example.test, en\n"

    with django_capture_on_commit_callbacks(execute=True):
        _file(client, right, platform, listings, requested_administrative="on")

    case = Case.objects.get(complaint__filed_by_org=rightsholder_user.organisation)
    assert (case.mode, case.status) == (HandlingMode.ADMINISTRATIVE, CaseStatus.AWAITING_CONSENT)
    # The respondent is asked for its consent at the address its listing row gave.
    to_store = [message for message in mail.outbox if message.to == ["seller@new-shop.example.test"]]
    assert len(to_store) == 1
    assert "/respond/" in to_store[0].body


def test_the_region_a_listing_row_gives_decides_the_office_under_a_respondent_region_rule(
    holder, right, chengdu, django_capture_on_commit_callbacks
):
    platform = PlatformFactory()  # registered in another region
    chengdu_office = OfficeFactory(regions=[chengdu])
    OfficeFactory(regions=[platform.region])
    RoutingRule.objects.filter(position=40).update(
        mode=HandlingMode.ASSISTED, jurisdiction=Jurisdiction.RESPONDENT_REGION
    )
    complaint_id = draft(holder, right, platform)
    with django_capture_on_commit_callbacks(execute=True):
        post_file(holder, complaint_id, b"listing,store_ref,store_region\nitem-1,shop-r,510100\n")

    attach_evidence(holder, complaint_id)
    with django_capture_on_commit_callbacks(execute=True):
        holder.post(f"/api/v1/complaints/{complaint_id}/submit/")

    case = Case.objects.get(complaint_id=complaint_id)
    assert case.store.region == chengdu
    assert case.office == chengdu_office


def test_the_api_takes_the_store_contact_language_and_region_with_each_listing(
    rightsholder_user, platform, django_capture_on_commit_callbacks
):
    region = RegionFactory(code="440300")
    right = IPRightFactory(owner_org=rightsholder_user.organisation)
    holder = token_client(rightsholder_user)
    listing = {
        "url": "https://shop.example.test/item/9",
        "store_ref": "api-store",
        "store_email": "owner@api-store.example.test",
        "store_language": "zh-hans",
        "store_region": "440300",
    }
    bad = holder.post(
        "/api/v1/complaints/",
        complaint_body(right, platform, listings=[{**listing, "store_email": "not an address"}]),
        format="json",
    )
    unknown = holder.post(
        "/api/v1/complaints/",
        complaint_body(right, platform, listings=[{**listing, "store_region": "999999"}]),
        format="json",
    )
    complaint = submittable(holder, complaint_body(right, platform, listings=[listing]))
    with django_capture_on_commit_callbacks(execute=True):
        holder.post(f"/api/v1/complaints/{complaint['id']}/submit/")

    assert bad.status_code == 400 and unknown.status_code == 404
    store = Store.objects.get(external_id="api-store")
    assert (store.contact_email, store.language, store.region) == (
        "owner@api-store.example.test",
        "zh-hans",
        region,
    )
