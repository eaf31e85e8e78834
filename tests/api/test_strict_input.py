"""The API takes JSON as it is typed and as the schema describes it: a wrong type is a 400 naming the
field, never coerced into another object; what names nothing is a 404; what the state refuses a 409."""

import pytest
from django.core.validators import URLValidator
from hypothesis import given, settings
from hypothesis import strategies as st

from cases.models import CaseStatus, HandlingMode, ListingDecision
from complaints.models import Complaint
from iprgov.api_fields import WEB_ADDRESS
from tests.api.conftest import complaint_body
from tests.factories import CaseFactory


def errors_of(response) -> set[tuple[str, str]]:
    return {(e["field"], e["code"]) for e in response.json()["errors"]}


# Each a value DRF would have read as the right's id (or, for true, as id 1).
NOT_INTEGERS = {
    "a fraction": lambda pk: pk + 0.5,
    "digits as text": str,
    "a fraction as text": lambda pk: f"{pk}.5",
    "true": lambda pk: True,
    "null": lambda pk: None,
    "a list": lambda pk: [pk],
}


@pytest.mark.parametrize("make", NOT_INTEGERS.values(), ids=NOT_INTEGERS.keys())
def test_an_id_that_is_not_a_json_integer_is_refused_not_rounded(holder, right, platform, make):
    body = {**complaint_body(right, platform), "right": make(right.pk)}

    response = holder.post("/api/v1/complaints/", body, format="json")

    assert response.status_code == 400
    assert {field for field, _ in errors_of(response)} == {"right"}
    assert not Complaint.objects.exists()


def test_an_integral_number_is_an_integer_as_json_schema_says(holder, right, platform):
    body = {**complaint_body(right, platform), "right": float(right.pk)}

    response = holder.post("/api/v1/complaints/", body, format="json")

    assert response.status_code == 201
    assert response.json()["right"] == right.pk


@pytest.mark.parametrize("flag", ["true", 1, "yes", None])
def test_a_flag_is_json_true_or_false(holder, right, platform, flag):
    response = holder.post(
        "/api/v1/complaints/", complaint_body(right, platform, good_faith_declared=flag), format="json"
    )

    assert response.status_code == 400
    assert ("good_faith_declared", "invalid") in errors_of(response) or (
        "good_faith_declared",
        "null",
    ) in errors_of(response)


@pytest.mark.parametrize("text", [123, 4.5, True, ["a"], {"a": 1}], ids=repr)
def test_text_is_a_json_string(holder, right, platform, text):
    response = holder.post(
        "/api/v1/complaints/", complaint_body(right, platform, description=text), format="json"
    )

    assert response.status_code == 400
    assert errors_of(response) == {("description", "invalid")}


@pytest.mark.parametrize("listing", [1.5, "2", True], ids=repr)
def test_listing_ids_in_a_decision_are_json_integers(platform_client, platform, listing):
    case = CaseFactory(
        complaint__platform=platform, status=CaseStatus.AWAITING_PLATFORM, mode=HandlingMode.PLATFORM
    )
    body = {
        "listings": [listing],
        "action": "reject",
        "reason_code": "insufficient_evidence",
        "statement": "x",
    }

    response = platform_client.post(f"/api/v1/cases/{case.pk}/listing-decisions/", body, format="json")

    assert response.status_code == 400
    assert errors_of(response) == {("listings.0", "invalid")}
    assert not ListingDecision.objects.exists()


def test_a_listing_or_a_reason_code_the_case_does_not_have_names_nothing_a_404(platform_client, platform):
    case = CaseFactory(
        complaint__platform=platform, status=CaseStatus.AWAITING_PLATFORM, mode=HandlingMode.PLATFORM
    )
    other = CaseFactory(
        complaint__platform=platform, status=CaseStatus.AWAITING_PLATFORM, mode=HandlingMode.PLATFORM
    )
    url = f"/api/v1/cases/{case.pk}/listing-decisions/"
    body = {
        "action": "reject",
        "reason_code": "insufficient_evidence",
        "statement": "The test purchase showed the goods are genuine and lawfully sold.",
    }

    foreign_listing = platform_client.post(
        url, {**body, "listings": [other.listings.get().pk]}, format="json"
    )
    unknown_reason = platform_client.post(
        url, {**body, "listings": [case.listings.get().pk], "reason_code": "no-such-code"}, format="json"
    )

    assert foreign_listing.status_code == 404 and errors_of(foreign_listing) == {
        ("listings", "does_not_exist")
    }
    assert unknown_reason.status_code == 404 and errors_of(unknown_reason) == {
        ("reason_code", "does_not_exist")
    }
    assert not ListingDecision.objects.exists()


def test_the_office_decision_flag_is_json_true_or_false(office_client, office):
    case = CaseFactory(
        status=CaseStatus.AWAITING_OFFICE_DECISION, mode=HandlingMode.ADMINISTRATIVE, office=office
    )

    response = office_client.post(
        f"/api/v1/cases/{case.pk}/administrative-decision/",
        {"infringement_established": "yes", "reasoning": "Established."},
        format="json",
    )

    assert response.status_code == 400
    assert errors_of(response) == {("infringement_established", "invalid")}


@pytest.mark.parametrize(
    "query",
    [
        "platform=1.5",
        "complaint=abc",
        "platform=0",
        f"complaint={2**63}",
        "mode=teleport",
        "deadline_after=12/31/2026",
    ],
)
def test_a_filter_value_outside_its_type_is_a_400(platform_client, query):
    response = platform_client.get(f"/api/v1/cases/?{query}")

    assert response.status_code == 400
    assert {field for field, _ in errors_of(response)} == {query.split("=")[0]}


def test_an_empty_filter_or_page_size_is_as_if_it_was_left_out(platform_client, platform):
    CaseFactory(complaint__platform=platform, status=CaseStatus.AWAITING_PLATFORM, mode=HandlingMode.PLATFORM)

    response = platform_client.get("/api/v1/cases/?mode=&platform=&deadline_before=&page_size=&cursor=")

    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


@pytest.mark.parametrize("page_size", ["0", "201", "1.5", "abc", "-1", "٣"])
def test_a_page_size_outside_1_to_200_is_a_400(holder, page_size):
    response = holder.get("/api/v1/complaints/", {"page_size": page_size})

    assert response.status_code == 400
    assert errors_of(response) == {("page_size", "invalid_page_size")}


def test_the_next_and_previous_links_carry_cursors_of_the_published_form(holder, right, platform):
    for _ in range(3):
        holder.post("/api/v1/complaints/", complaint_body(right, platform), format="json")

    first = holder.get("/api/v1/complaints/", {"page_size": 2}).json()
    second = holder.get(first["next"]).json()
    back = holder.get(second["previous"]).json()

    assert first["next"].split("cursor=")[1].startswith("n")
    assert len(second["results"]) == 1 and second["next"] is None
    assert [c["id"] for c in back["results"]] == [c["id"] for c in first["results"]]


@pytest.mark.parametrize(
    "url",
    [
        "ftp://shop.example.com/item/1",
        "https://localhost/item/1",
        "https://shop/item/1",
        "https://shop.example.com/item 1",
        " https://shop.example.com/item/1",
        "https://shop.example.com/%zz",
        "https://shop.example.com/商品",
        "https://user@shop.example.com/",
        "https://shop.example.com:70000/",
    ],
)
def test_a_listing_url_is_an_http_address_as_the_schema_spells_it(holder, right, platform, url):
    body = complaint_body(right, platform, listings=[{"url": url, "store_ref": "store-a"}])

    response = holder.post("/api/v1/complaints/", body, format="json")

    assert response.status_code == 400
    assert errors_of(response) == {("listings.0.url", "invalid")}


@settings(max_examples=300, deadline=None)
@given(st.from_regex(f"\\A{WEB_ADDRESS}\\Z"))
def test_every_address_the_published_pattern_admits_djangos_url_validator_admits(address):
    URLValidator(schemes=["http", "https"])(address)
