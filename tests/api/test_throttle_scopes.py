"""API throttles per scope: every call of a token, its writes apart, sized for integrations."""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from iprgov.throttling import UserRateThrottle, WriteRateThrottle
from tests.api.conftest import complaint_body


def calls_and_window(scope: str) -> tuple[int, int]:
    rate = str(api_settings.DEFAULT_THROTTLE_RATES[scope])
    calls, seconds = SimpleRateThrottle.parse_rate(SimpleRateThrottle.__new__(SimpleRateThrottle), rate)
    assert calls is not None and seconds is not None
    return calls, seconds


def test_default_rates_let_an_integration_work_several_calls_a_second():
    for scope, at_least_per_second in (("user", 10), ("write", 5)):
        calls, seconds = calls_and_window(scope)

        assert calls / seconds >= at_least_per_second, scope
        # A window of a minute at most: a counter holds one entry per call in its window.
        assert seconds <= 60, scope


def test_writes_are_counted_apart_and_reads_go_on(holder, right, platform, monkeypatch):
    rates = {"user": "100/minute", "write": "2/minute", "anon": "10/minute"}
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(WriteRateThrottle, "THROTTLE_RATES", rates)

    writes = [
        holder.post("/api/v1/complaints/", complaint_body(right, platform), format="json").status_code
        for _ in range(3)
    ]
    read = holder.get("/api/v1/complaints/")

    assert writes == [201, 201, 429]
    assert read.status_code == 200
    assert len(read.json()["results"]) == 2  # the refused write stored nothing
