"""A test that needs a service the machine lacks (PostgreSQL, Redis) is skipped on a developer's machine
and fails under CI (CI set): there a skip would hide that the service was never tested."""

import os
from typing import NoReturn

import pytest


def service_unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: a missing service fails the run)")
    pytest.skip(reason)
