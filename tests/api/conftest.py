import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.models import OrgKind
from accounts.services_tokens import api_token_create
from tests.factories import IPRightFactory, OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():
    """Throttle counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(user=user, name='tests').key}")
    return client


@pytest.fixture
def holder(rightsholder_user):
    return token_client(rightsholder_user)


@pytest.fixture
def right(rightsholder_user):
    return IPRightFactory(owner_org=rightsholder_user.organisation)


@pytest.fixture
def other_holder(db):
    return token_client(UserFactory(organisation=OrganisationFactory(kind=OrgKind.RIGHTSHOLDER)))


@pytest.fixture
def platform_client(platform_user):
    return token_client(platform_user)


@pytest.fixture
def office_client(office_user):
    return token_client(office_user)


def complaint_body(right, platform, **overrides):
    body = {
        "right": right.pk,
        "platform": platform.pk,
        "infringement_type": "counterfeit",
        "description": "Counterfeit goods bearing the registered mark.",
        "good_faith_declared": True,
        "listings": [
            {"url": "https://shop.example.test/item/1", "store_ref": "store-a", "store_name": "Store A"},
            {"listing_ref": "item-2", "store_ref": "store-b"},
        ],
    }
    body.update(overrides)
    return body


def attach_evidence(client: APIClient, complaint_id: int) -> None:
    """One evidence file on a draft through the API, as submission requires."""
    evidence = SimpleUploadedFile("test purchase.pdf", b"%PDF-1.4 test purchase")
    attached = client.post(
        f"/api/v1/complaints/{complaint_id}/evidence/", {"files": [evidence]}, format="multipart"
    )
    assert attached.status_code == 201, attached.content


def submittable(client: APIClient, body: dict) -> dict:
    """A draft made through the API with one evidence file attached; its JSON."""
    complaint = client.post("/api/v1/complaints/", body, format="json").json()
    attach_evidence(client, complaint["id"])
    return complaint
