"""Calls to the API of real server processes (tests/web_servers.py), as a client makes them: JSON over HTTP
with a token from the token endpoint, each timed. Used by the fault tests (hung broker, cut database
connections), where what matters is what a client sees."""

import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import PBKDF2PasswordHasher

from accounts.models import User
from tests.factories import PASSWORD
from tests.web_servers import WebServer


@dataclass(frozen=True)
class Answer:
    status: int
    body: Any  # the parsed JSON, or the text when the server did not answer JSON (an HTML error page)
    seconds: float


def api_call(url: str, *, token: str | None = None, body: Any = None, method: str = "POST") -> Answer:
    headers = {"Accept": "application/json", "Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Token {token}"
    data = None
    if method != "GET":
        data = b"" if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=headers)  # noqa: S310 — our server
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=90) as response:  # noqa: S310 — our own server
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    seconds = time.monotonic() - started
    try:
        parsed = json.loads(raw)
    except ValueError:
        parsed = raw.decode(errors="replace")
    return Answer(status=status, body=parsed, seconds=seconds)


def api_token(server: WebServer, user: User) -> str:
    """The user's token from the token endpoint. The servers run the production password hashers, which do
    not know the fast one the tests hash with, so the user's password is hashed for them first."""
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt())
    user.save(update_fields=["password"])
    answer = api_call(
        server.url("/api/v1/auth/token/"), body={"username": user.username, "password": PASSWORD}
    )
    assert answer.status == 200, answer
    return str(answer.body["token"])
