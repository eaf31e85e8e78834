from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import Case, CaseStatus
from complaints.models import Complaint, ComplaintStatus, Listing
from tests.api.conftest import complaint_body, submittable
from tests.factories import ComplaintFactory, IPRightFactory


def test_a_draft_is_created_with_its_listings(holder, right, platform):
    response = holder.post("/api/v1/complaints/", complaint_body(right, platform), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft"
    assert body["listing_count"] == 2
    assert Complaint.objects.get(pk=body["id"]).filed_by_org == right.owner_org


def test_invalid_input_names_each_field_and_problem(holder, right, platform):
    body = complaint_body(
        right, platform, infringement_type="piracy", listings=[{"url": "not a url", "store_ref": ""}]
    )
    del body["description"]

    response = holder.post("/api/v1/complaints/", body, format="json")

    assert response.status_code == 400
    errors = {(e["field"], e["code"]) for e in response.json()["errors"]}
    assert ("description", "required") in errors
    assert ("infringement_type", "invalid_choice") in errors
    assert ("listings.0.url", "invalid") in errors
    assert ("listings.0.store_ref", "blank") in errors


def test_a_right_of_another_organisation_cannot_be_relied_on(holder, platform):
    foreign = IPRightFactory()

    response = holder.post("/api/v1/complaints/", complaint_body(foreign, platform), format="json")

    # As for an id in the URL: what is outside the organisation does not exist for it.
    assert response.status_code == 404
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [("right", "does_not_exist")]


def test_listings_added_twice_are_stored_once(holder, right, platform):
    complaint = holder.post("/api/v1/complaints/", complaint_body(right, platform), format="json").json()
    more = {
        "listings": [
            {"url": "https://shop.example.test/item/1", "store_ref": "store-a"},
            {"listing_ref": "item-3", "store_ref": "store-a"},
            {"listing_ref": "item-3", "store_ref": "store-a"},
        ]
    }

    response = holder.post(f"/api/v1/complaints/{complaint['id']}/listings/", more, format="json")

    assert response.status_code == 201
    assert response.json() == {"added": 1, "listing_count": 3}
    listed = holder.get(f"/api/v1/complaints/{complaint['id']}/listings/").json()
    assert [item["listing_ref"] for item in listed["results"]] == ["", "item-2", "item-3"]


def test_evidence_is_checked_and_attached(holder, right, platform):
    complaint = holder.post("/api/v1/complaints/", complaint_body(right, platform), format="json").json()
    url = f"/api/v1/complaints/{complaint['id']}/evidence/"

    good = holder.post(url, {"files": [SimpleUploadedFile("photo.pdf", b"%PDF-1.4 x")]}, format="multipart")
    bad = holder.post(url, {"files": [SimpleUploadedFile("virus.pdf", b"MZ\x90\x00")]}, format="multipart")

    assert good.status_code == 201
    assert good.json()[0]["original_name"] == "photo.pdf"
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "files"


def test_submit_routes_the_complaint_into_cases(holder, right, platform, django_capture_on_commit_callbacks):
    complaint = submittable(holder, complaint_body(right, platform))

    with django_capture_on_commit_callbacks(execute=True):
        response = holder.post(f"/api/v1/complaints/{complaint['id']}/submit/")

    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    assert Case.objects.filter(complaint_id=complaint["id"]).exclude(status=CaseStatus.NEW).count() == 2


def test_submitting_an_incomplete_draft_names_what_is_missing(holder, right, platform):
    complaint = holder.post(
        "/api/v1/complaints/",
        complaint_body(right, platform, listings=[], good_faith_declared=False),
        format="json",
    ).json()

    response = holder.post(f"/api/v1/complaints/{complaint['id']}/submit/")

    # Nothing in the request is wrong: the draft is not complete yet, so it is a conflict with its state.
    assert response.status_code == 409
    assert {(e["field"], e["code"]) for e in response.json()["errors"]} == {
        ("listings", "incomplete"),
        ("good_faith_declared", "incomplete"),
        ("evidence", "incomplete"),
    }


def test_submitting_twice_is_a_conflict(holder, right, platform):
    complaint = submittable(holder, complaint_body(right, platform))
    holder.post(f"/api/v1/complaints/{complaint['id']}/submit/")

    response = holder.post(f"/api/v1/complaints/{complaint['id']}/submit/")

    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "transition_not_allowed"


def test_withdrawing_a_complaint_withdraws_its_open_cases(
    holder, right, platform, django_capture_on_commit_callbacks
):
    complaint = submittable(holder, complaint_body(right, platform))
    with django_capture_on_commit_callbacks(execute=True):
        holder.post(f"/api/v1/complaints/{complaint['id']}/submit/")

    response = holder.post(
        f"/api/v1/complaints/{complaint['id']}/withdraw/", {"reason": "Settled"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    assert set(Case.objects.filter(complaint_id=complaint["id"]).values_list("status", flat=True)) == {
        CaseStatus.WITHDRAWN
    }
    again = holder.post(f"/api/v1/complaints/{complaint['id']}/withdraw/", {}, format="json")
    assert again.status_code == 409


def test_another_organisations_complaint_is_404_everywhere(holder, other_holder, right, platform):
    complaint = holder.post("/api/v1/complaints/", complaint_body(right, platform), format="json").json()
    base = f"/api/v1/complaints/{complaint['id']}"

    assert other_holder.get(f"{base}/").status_code == 404
    assert other_holder.get(f"{base}/listings/").status_code == 404
    assert (
        other_holder.post(
            f"{base}/listings/", {"listings": [{"listing_ref": "x", "store_ref": "y"}]}, format="json"
        ).status_code
        == 404
    )
    assert other_holder.post(f"{base}/submit/").status_code == 404
    assert other_holder.post(f"{base}/withdraw/", {}, format="json").status_code == 404
    assert other_holder.get("/api/v1/complaints/").json()["results"] == []
    assert Listing.objects.filter(complaint_id=complaint["id"]).count() == 2


def test_rightsholder_endpoints_do_not_exist_for_platforms_and_offices(platform_client, office_client):
    for client in (platform_client, office_client):
        assert client.get("/api/v1/complaints/").status_code == 404
        assert client.get("/api/v1/rights/").status_code == 404


def test_rights_are_listed_and_registered(holder, right):
    listed = holder.get("/api/v1/rights/").json()
    created = holder.post(
        "/api/v1/rights/",
        {
            "right_type": "trademark",
            "registration_number": "TM-NEW-1",
            "title": "New mark",
            "owner_name": "Owner",
            "jurisdiction": "CN",
            "valid_from": "2024-01-01",
            "valid_until": "2034-01-01",
            "certificate": SimpleUploadedFile("cert.pdf", b"%PDF-1.4 cert"),
        },
        format="multipart",
    )

    assert [r["id"] for r in listed["results"]] == [right.pk]
    assert created.status_code == 201, created.json()
    assert created.json()["verification_status"] == "pending"
    assert holder.get(f"/api/v1/rights/{created.json()['id']}/").status_code == 200


def test_complaint_list_is_cursor_paginated(holder, rightsholder_user):
    for _ in range(3):
        ComplaintFactory(
            filed_by_org=rightsholder_user.organisation, right__owner_org=rightsholder_user.organisation
        )

    first = holder.get("/api/v1/complaints/?page_size=2").json()
    second = holder.get(first["next"]).json()

    assert len(first["results"]) == 2
    assert "cursor=" in first["next"]
    assert len(second["results"]) == 1
    assert second["next"] is None
    assert {c["status"] for c in first["results"] + second["results"]} == {ComplaintStatus.DRAFT}
