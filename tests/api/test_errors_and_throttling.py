from rest_framework.throttling import UserRateThrottle


def test_malformed_json_is_a_400_parse_error(holder):
    response = holder.post("/api/v1/complaints/", data="{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "parse_error"


def test_unknown_object_is_404_with_a_body(holder):
    response = holder.get("/api/v1/complaints/999999999999/")

    assert response.status_code == 404
    assert response.json() == {"errors": [{"field": None, "code": "not_found", "message": "Not found."}]}


def test_wrong_method_is_405_with_a_body(holder):
    response = holder.delete("/api/v1/complaints/")

    assert response.status_code == 405
    assert response.json()["errors"][0]["code"] == "method_not_allowed"


def test_calls_beyond_the_rate_are_429_per_token(holder, other_holder, monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "3/minute", "anon": "3/minute"})

    answers = [holder.get("/api/v1/complaints/").status_code for _ in range(4)]
    other = other_holder.get("/api/v1/complaints/")

    assert answers == [200, 200, 200, 429]
    assert other.status_code == 200
    throttled = holder.get("/api/v1/complaints/")
    assert throttled.json()["errors"][0]["code"] == "throttled"
    assert int(throttled["Retry-After"]) > 0


def test_schema_and_docs_are_served_by_the_app_without_a_cdn(client, db):
    schema = client.get("/api/schema/")
    docs = client.get("/api/docs/")
    script = client.get("/api/docs/?script=")

    assert schema.status_code == 200
    assert b"/api/v1/complaints/{id}/bulk-uploads/" in schema.content
    assert docs.status_code == 200
    assert b"drf_spectacular_sidecar/swagger-ui-dist" in docs.content
    assert b"cdn" not in docs.content.lower() and b"cdn" not in script.content.lower()
    assert b"<script>" not in docs.content  # no inline script: the initialiser is its own URL (CSP)
