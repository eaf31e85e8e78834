"""Under /api/ an error answer is always the API's JSON, whoever gave it.

Django's error hooks (iprgov.error_handlers) and the REST framework's exception handler already answer in
JSON; this catches the rest: Django's debug pages (DEBUG on, where the hooks are not called), a plain
view or a middleware that answers with a page or an empty body (a 405 from `require_http_methods`).
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase

from iprgov.api_errors import api_error_response, is_api_request


class ApiErrorsAsJsonMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if response.status_code < 400 or not is_api_request(request) or _is_json(response):
            return response
        return _as_api_error(response)


def _is_json(response: HttpResponseBase) -> bool:
    return response.get("Content-Type", "").startswith("application/json")


def _as_api_error(response: HttpResponseBase) -> HttpResponse:
    """The same status and headers (Allow, Retry-After, the security headers), the API's body."""
    replacement = api_error_response(response.status_code)
    for name, value in response.items():
        if name.lower() not in ("content-type", "content-length"):
            replacement[name] = value
    replacement.cookies = response.cookies
    return replacement
