from complaints.models import Complaint
from tests.api.conftest import complaint_body, submittable


def test_a_retried_post_with_the_same_key_creates_one_complaint(holder, right, platform):
    body = complaint_body(right, platform)

    first = holder.post("/api/v1/complaints/", body, format="json", HTTP_IDEMPOTENCY_KEY="key-1")
    retry = holder.post("/api/v1/complaints/", body, format="json", HTTP_IDEMPOTENCY_KEY="key-1")

    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert retry["Idempotent-Replayed"] == "true"
    assert Complaint.objects.count() == 1


def test_the_same_key_with_another_body_is_refused(holder, right, platform):
    holder.post(
        "/api/v1/complaints/", complaint_body(right, platform), format="json", HTTP_IDEMPOTENCY_KEY="key-2"
    )

    response = holder.post(
        "/api/v1/complaints/",
        complaint_body(right, platform, description="Another"),
        format="json",
        HTTP_IDEMPOTENCY_KEY="key-2",
    )

    assert response.status_code == 422
    assert response.json()["errors"][0] == {
        "field": "Idempotency-Key",
        "code": "idempotency_key_reused",
        "message": "This Idempotency-Key was used for a different request; use a new key.",
    }
    assert Complaint.objects.count() == 1


def test_keys_belong_to_one_user(holder, other_holder, right, platform, rightsholder_user):
    holder.post(
        "/api/v1/complaints/", complaint_body(right, platform), format="json", HTTP_IDEMPOTENCY_KEY="shared"
    )

    response = other_holder.post(
        "/api/v1/complaints/", complaint_body(right, platform), format="json", HTTP_IDEMPOTENCY_KEY="shared"
    )

    # The other organisation cannot see the right: its own validation answers, not the first user's stored reply.
    assert response.status_code == 404


def test_a_failed_request_leaves_no_key_so_the_fixed_request_goes_through(holder, right, platform):
    bad = holder.post(
        "/api/v1/complaints/",
        complaint_body(right, platform, description=""),
        format="json",
        HTTP_IDEMPOTENCY_KEY="k3",
    )
    good = holder.post(
        "/api/v1/complaints/", complaint_body(right, platform), format="json", HTTP_IDEMPOTENCY_KEY="k3"
    )

    assert bad.status_code == 400
    assert good.status_code == 201


def test_a_retried_submit_is_replayed_not_refused(holder, right, platform):
    complaint = submittable(holder, complaint_body(right, platform))
    url = f"/api/v1/complaints/{complaint['id']}/submit/"

    first = holder.post(url, HTTP_IDEMPOTENCY_KEY="submit-1")
    retry = holder.post(url, HTTP_IDEMPOTENCY_KEY="submit-1")

    assert first.status_code == retry.status_code == 200
    assert retry["Idempotent-Replayed"] == "true"


def test_an_unusable_key_is_a_400(holder, right, platform):
    response = holder.post(
        "/api/v1/complaints/", complaint_body(right, platform), format="json", HTTP_IDEMPOTENCY_KEY="x" * 300
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"
