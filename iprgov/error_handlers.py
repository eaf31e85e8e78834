"""Django's error hooks (handler400/403/404/500 and CSRF_FAILURE_VIEW): under /api/ the API's JSON errors,
elsewhere Django's own pages."""

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.views import csrf, defaults

from iprgov.api_errors import api_error_response, is_api_request, request_refusal


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if not is_api_request(request):
        return defaults.bad_request(request, exception)
    if isinstance(exception, SuspiciousOperation):
        status, code, message = request_refusal(exception)
        return api_error_response(status, code=code, message=message)
    return api_error_response(400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if not is_api_request(request):
        return defaults.permission_denied(request, exception)
    return api_error_response(403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if not is_api_request(request):
        return defaults.page_not_found(request, exception)
    return api_error_response(404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django has logged the exception already; the client learns only that it happened."""
    if not is_api_request(request):
        return defaults.server_error(request)
    return api_error_response(500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    if not is_api_request(request):
        return csrf.csrf_failure(request, reason)
    # Worded as the API's session authentication words it (rest_framework.authentication).
    return api_error_response(403, message=f"CSRF Failed: {reason}")
