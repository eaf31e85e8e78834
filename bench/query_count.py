"""Counts the database queries of each request and reports them in the `X-Bench-Queries` response header.

Enabled only by the benchmark's settings (bench/product_settings.py, bench/floor/settings.py), first in the
middleware, so that the count covers every query a request makes: session, user, page and templates.
"""

from collections.abc import Callable

from django.db import connections
from django.http import HttpRequest, HttpResponse

HEADER = "X-Bench-Queries"


class QueryCountMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        count = [0]

        def counted(execute: Callable, sql: str, params: object, many: bool, context: dict) -> object:
            count[0] += 1
            return execute(sql, params, many, context)

        with connections["default"].execute_wrapper(counted):
            response = self.get_response(request)
        response[HEADER] = str(count[0])
        return response
