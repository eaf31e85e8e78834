"""Requests to the test's gunicorn servers (tests/web_servers.py) as a browser or an API client makes them,
each answer kept with its status and time, for the tests of limits shared between processes."""

import http.cookiejar
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from tests.web_servers import WebServer

TIMEOUT_SECONDS = 30
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Answer:
    status: int  # 0: no HTTP answer at all (connection refused or cut)
    seconds: float
    body: bytes = b""

    def json(self) -> Any:
        return json.loads(self.body)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a redirect is the answer (a 302 after signing in), not something to follow


def _opener(cookies: http.cookiejar.CookieJar | None = None) -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_NoRedirects(), urllib.request.HTTPCookieProcessor(cookies))


def _send(opener: urllib.request.OpenerDirector, request: urllib.request.Request) -> Answer:
    started = time.monotonic()
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return Answer(response.status, time.monotonic() - started, response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, time.monotonic() - started, error.read())
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return Answer(0, time.monotonic() - started)


def call_api(server: WebServer, path: str, *, body: dict | None = None, token: str | None = None) -> Answer:
    """GET `path` on the server, or POST `body` as JSON; with `Authorization: Token ...` when given one."""
    headers = {"Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Token {token}"
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(server.url(path), data=data, headers=headers)  # noqa: S310 — our server
    return _send(_opener(), request)


def sign_in_for_token(server: WebServer, username: str, password: str) -> Answer:
    return call_api(server, "/api/v1/auth/token/", body={"username": username, "password": password})


def sign_in_on_page(server: WebServer, username: str, password: str) -> Answer:
    """The login page as a browser uses it: GET it for the CSRF cookie and field, POST the form. A 302 is a
    signed-in session; a 200 is the form again, with its error."""
    opener = _opener(http.cookiejar.CookieJar())
    page = _send(opener, urllib.request.Request(server.url("/accounts/login/")))  # noqa: S310 — our server
    found = CSRF_FIELD.search(page.body)
    if found is None:
        return page  # no form to fill in: the page's own answer tells what went wrong
    form = {"csrfmiddlewaretoken": found[1].decode(), "username": username, "password": password}
    request = urllib.request.Request(  # noqa: S310 — our server
        server.url("/accounts/login/"), data=urllib.parse.urlencode(form).encode()
    )
    answer = _send(opener, request)
    return Answer(answer.status, page.seconds + answer.seconds, answer.body)


@dataclass
class Tally:
    """Every answer of a run, by kind of request: status counts and the slowest, printed as figures."""

    answers: dict[str, list[Answer]] = field(default_factory=dict)

    def add(self, kind: str, answer: Answer) -> Answer:
        self.answers.setdefault(kind, []).append(answer)
        return answer

    def failed(self) -> list[tuple[str, int]]:
        """Answers that are no answer a client can use: server errors (5xx) and no HTTP answer at all."""
        return [
            (kind, a.status)
            for kind, run in self.answers.items()
            for a in run
            if a.status == 0 or a.status >= 500
        ]

    def figures(self) -> str:
        everything = [a for run in self.answers.values() for a in run]
        lines = [f"{len(everything)} requests, slowest {max(a.seconds for a in everything):.3f} s"]
        for kind, run in self.answers.items():
            statuses = ", ".join(
                f"{status}: {n}" for status, n in sorted(Counter(a.status for a in run).items())
            )
            lines.append(f"  {kind}: {len(run)} ({statuses}), slowest {max(a.seconds for a in run):.3f} s")
        return "\n".join(lines)
