import pytest
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


@pytest.mark.parametrize("path", ["/api/v1/auth/token/", "/api/v1/complaints/"])
def test_a_body_nested_thousands_of_levels_deep_is_a_400_not_a_500(holder, path):
    body = "[" * 50_000 + "]" * 50_000

    response = holder.post(path, body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "parse_error"


def test_a_body_just_deeper_than_the_limit_is_refused_and_one_within_it_is_read(holder):
    from iprgov.api import MAX_JSON_DEPTH

    def nested(depth: int) -> dict:
        value: dict = {"username": "u", "password": "p"}
        for _ in range(depth - 1):
            value = {"username": value}
        return value

    too_deep = holder.post("/api/v1/auth/token/", nested(MAX_JSON_DEPTH + 1), format="json")
    within = holder.post("/api/v1/auth/token/", nested(MAX_JSON_DEPTH), format="json")

    assert too_deep.status_code == 400 and too_deep.json()["errors"][0]["code"] == "parse_error"
    assert within.status_code == 400 and within.json()["errors"][0]["code"] != "parse_error"


@pytest.mark.parametrize("cursor", ["not-base64!", "cD1hYmM="])  # the second decodes to "p=abc"
def test_a_cursor_not_made_by_the_api_is_a_400_naming_the_parameter(holder, cursor):
    response = holder.get("/api/v1/complaints/", {"cursor": cursor})

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "field": "cursor",
            "code": "invalid_cursor",
            "message": "This cursor is not valid: use the next or previous link.",
        }
    ]
