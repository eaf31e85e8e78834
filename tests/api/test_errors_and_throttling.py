"""Every refusal under /api/ is JSON in the documented shape, whoever refuses: the API's views, Django
(unknown URLs, bodies too large, CSRF, disallowed hosts, unhandled exceptions) or a middleware; pages
outside /api/ keep Django's own error pages."""

import logging

import pytest
from django.test import Client
from rest_framework.test import APIClient
from rest_framework.throttling import UserRateThrottle

from complaints.models import Complaint
from iprgov.api import MAX_JSON_DEPTH
from portal import selectors
from tests.api.conftest import complaint_body


def assert_api_error(response, status: int, code: str | None = None) -> dict:
    """The response is `status` with the API's error body; returns its first error."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"errors"} and body["errors"], body
    for item in body["errors"]:
        assert set(item) == {"field", "code", "message"} and item["code"] and item["message"], item
    if code is not None:
        assert body["errors"][0]["code"] == code, body
    return body["errors"][0]


def test_malformed_json_is_a_400_parse_error(holder):
    response = holder.post("/api/v1/complaints/", data="{not json", content_type="application/json")

    assert_api_error(response, 400, "parse_error")


def test_unknown_object_is_404_with_a_body(holder):
    response = holder.get("/api/v1/complaints/999999999999/")

    assert response.status_code == 404
    assert response.json() == {"errors": [{"field": None, "code": "not_found", "message": "Not found."}]}


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/complaints/abc/",
        "/api/v1/complaints/1.5/",
        "/api/v1/complaints/-1/",
        "/api/v1/rights/1/nothing/",
        "/api/v1/nothing/",
        "/api/v2/",
        "/api/",
    ],
)
def test_an_address_under_api_that_matches_nothing_is_a_json_404(holder, path):
    assert_api_error(holder.get(path), 404, "not_found")


def test_an_id_beyond_the_database_range_is_a_404(holder):
    assert_api_error(holder.get(f"/api/v1/complaints/{2**70}/"), 404, "not_found")


def test_pages_outside_the_api_keep_their_html_error_pages(client, db):
    response = client.get("/portal/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_with_debug_on_the_api_still_answers_json_not_the_debug_page(holder, settings):
    settings.DEBUG = True

    response = holder.get("/api/v1/complaints/abc/")

    assert_api_error(response, 404, "not_found")
    assert b"Django tried these URL patterns" not in response.content


def test_wrong_method_is_405_with_a_body_and_the_allowed_methods(holder):
    response = holder.delete("/api/v1/complaints/")

    assert_api_error(response, 405, "method_not_allowed")
    assert response["Allow"] == "GET, POST, HEAD, OPTIONS"


def test_a_method_an_endpoint_lacks_is_405_even_for_another_kind_of_organisation(platform_client):
    response = platform_client.delete("/api/v1/complaints/")

    assert_api_error(response, 405, "method_not_allowed")
    assert_api_error(platform_client.get("/api/v1/complaints/"), 404, "not_found")


def test_a_page_under_api_refusing_a_method_answers_json(login, rightsholder_user):
    client = login(rightsholder_user)

    response = client.put("/api/token/")

    assert_api_error(response, 405, "method_not_allowed")
    assert response["Allow"] == "GET, POST"


def test_an_accept_header_without_json_is_406(holder):
    response = holder.get("/api/v1/complaints/", HTTP_ACCEPT="text/html")

    assert_api_error(response, 406, "not_acceptable")


def test_the_error_report_in_csv_is_served_to_a_client_asking_for_csv_and_its_errors_are_json(holder):
    response = holder.get("/api/v1/bulk-uploads/999999/errors.csv", HTTP_ACCEPT="text/csv")

    assert_api_error(response, 404, "not_found")


def test_a_body_in_a_media_type_the_endpoint_does_not_take_is_415(holder, right, platform):
    form = holder.post("/api/v1/complaints/", complaint_body(right, platform), format="multipart")
    text = holder.post("/api/v1/complaints/", "right=1", content_type="text/plain")
    json_to_upload = holder.post("/api/v1/rights/", {"title": "x"}, format="json")

    for response in (form, text, json_to_upload):
        assert_api_error(response, 415, "unsupported_media_type")
    assert not Complaint.objects.exists()


def test_a_json_body_over_the_size_limit_is_413_before_it_is_read(holder, right, platform, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = complaint_body(right, platform, description="x" * 10_000)

    response = holder.post("/api/v1/complaints/", body, format="json")

    assert_api_error(response, 413, "too_large")
    assert not Complaint.objects.exists()


def test_a_form_field_over_the_size_limit_is_413(holder, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000

    response = holder.post("/api/v1/rights/", {"title": "x" * 20_000}, format="multipart")

    assert_api_error(response, 413, "too_large")


def test_a_page_under_api_refusing_a_body_too_large_answers_json(rightsholder_user, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client = Client(enforce_csrf_checks=True)  # the CSRF check reads the form, which is too large
    client.force_login(rightsholder_user)
    client.get("/api/token/")  # the CSRF cookie

    response = client.post("/api/token/", {"note": "x" * 20_000})

    assert_api_error(response, 413, "too_large")


def test_outside_the_api_a_body_too_large_keeps_djangos_page(rightsholder_user, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client = Client(enforce_csrf_checks=True)
    client.force_login(rightsholder_user)
    client.get("/portal/complaints/new/")  # the CSRF cookie

    response = client.post("/portal/complaints/new/", {"description": "x" * 20_000})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_no_token_is_401_and_a_wrong_one_too(db):
    anonymous = APIClient().get("/api/v1/complaints/")
    forged = APIClient(HTTP_AUTHORIZATION="Token 0123456789abcdef").get("/api/v1/complaints/")

    assert_api_error(anonymous, 401, "not_authenticated")
    assert_api_error(forged, 401, "token_invalid")
    assert anonymous["WWW-Authenticate"] == "Token"


def test_a_session_call_without_its_csrf_token_is_403_json(rightsholder_user, right, platform):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(rightsholder_user)

    response = client.post("/api/v1/complaints/", complaint_body(right, platform), format="json")

    error = assert_api_error(response, 403, "permission_denied")
    assert error["message"].startswith("CSRF Failed")
    assert not Complaint.objects.exists()


def test_a_page_under_api_refused_by_the_csrf_check_answers_json(rightsholder_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(rightsholder_user)

    response = client.post("/api/token/")

    error = assert_api_error(response, 403, "permission_denied")
    assert error["message"].startswith("CSRF Failed")


def test_outside_the_api_a_csrf_failure_keeps_djangos_page(rightsholder_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(rightsholder_user)

    response = client.post("/accounts/logout/")

    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")


def test_a_host_the_site_does_not_serve_is_a_400_json_under_the_api(db):
    response = Client(HTTP_HOST="attacker.example").get("/api/v1/complaints/")

    assert_api_error(response, 400, "bad_request")


def test_a_middleware_refusal_is_json_in_the_same_shape(client, settings, office_user):
    settings.IPRGOV_REQUIRE_2FA_FOR_OFFICIALS = True
    client.force_login(office_user)

    response = client.get("/api/v1/cases/")

    assert_api_error(response, 403, "two_factor_required")


@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
def test_an_unhandled_exception_is_a_500_in_json_without_a_traceback_and_is_logged(
    rightsholder_user, monkeypatch, settings, caplog, debug
):
    settings.DEBUG = debug

    def broken(**kwargs):
        raise RuntimeError("the selector broke: secret detail")

    monkeypatch.setattr(selectors, "complaint_list_for_holder", broken)
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(rightsholder_user)

    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/api/v1/complaints/")

    assert_api_error(response, 500, "server_error")
    assert b"secret detail" not in response.content and b"Traceback" not in response.content
    logged = [record for record in caplog.records if record.name == "django.request"]
    assert logged and logged[0].exc_info is not None and "secret detail" in str(logged[0].exc_info[1])


def test_calls_beyond_the_rate_are_429_per_token(holder, other_holder, monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "3/minute", "anon": "3/minute"})

    answers = [holder.get("/api/v1/complaints/").status_code for _ in range(4)]
    other = other_holder.get("/api/v1/complaints/")

    assert answers == [200, 200, 200, 429]
    assert other.status_code == 200
    throttled = holder.get("/api/v1/complaints/")
    assert_api_error(throttled, 429, "throttled")
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

    assert_api_error(response, 400, "parse_error")


def test_a_body_just_deeper_than_the_limit_is_refused_and_one_within_it_is_read(holder):
    def nested(depth: int) -> dict:
        value: dict = {"username": "u", "password": "p"}
        for _ in range(depth - 1):
            value = {"username": value}
        return value

    too_deep = holder.post("/api/v1/auth/token/", nested(MAX_JSON_DEPTH + 1), format="json")
    within = holder.post("/api/v1/auth/token/", nested(MAX_JSON_DEPTH), format="json")

    assert too_deep.status_code == 400 and too_deep.json()["errors"][0]["code"] == "parse_error"
    assert within.status_code == 400 and within.json()["errors"][0]["code"] != "parse_error"


@pytest.mark.parametrize("cursor", ["not-base64!", "cD1hYmM=", "n12x", "x12", "n-5"])
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
