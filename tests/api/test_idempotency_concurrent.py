"""One Idempotency-Key sent twice at the same instant (a client that retries before the first answer
arrives, or two of its processes) gets one answer: the second request waits for the first and replays it.

Each request runs in its own thread with its own database connection and commits for real
(tests/reliability/concurrency.py), so the requests meet on the key's unique index as in production."""

import pytest

from cases.models import Case
from complaints.models import Complaint
from tests.api.conftest import complaint_body, submittable, token_client
from tests.reliability.concurrency import run_concurrently

pytestmark = pytest.mark.django_db(transaction=True)

# Races per test: a pair of requests that happen not to overlap proves nothing, several pairs make it
# all but certain that some do.
RACES = 5


def sent_twice_at_once(user, url: str, key: str, body: dict | None = None) -> list[tuple[int, object, bool]]:
    """Status, JSON body and whether it was replayed, for two identical requests started together."""
    clients = [token_client(user), token_client(user)]
    outcomes = run_concurrently(
        *(lambda c=client: c.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY=key) for client in clients)
    )
    assert outcomes.errors == []
    return [(r.status_code, r.json(), r.get("Idempotent-Replayed") == "true") for r in outcomes.results]


def test_a_submit_sent_twice_at_once_with_one_key_gets_one_answer(
    rightsholder_user, right, platform, default_routing_rules
):
    # Given drafts ready to submit
    drafts = [
        submittable(token_client(rightsholder_user), complaint_body(right, platform)) for _ in range(RACES)
    ]

    # When each is submitted twice at the same instant with one key
    answers = [
        sent_twice_at_once(rightsholder_user, f"/api/v1/complaints/{d['id']}/submit/", f"submit-{n}")
        for n, d in enumerate(drafts)
    ]

    # Then both requests of each pair get the 200 of the one submission, one of them replayed
    for pair in answers:
        (first_status, first_body, _), (second_status, second_body, _) = pair
        assert first_status == second_status == 200, pair
        assert first_body == second_body
        assert sorted(replayed for *_, replayed in pair) == [False, True]
    assert Case.objects.filter(complaint__filed_by=rightsholder_user).count() == 2 * RACES  # two stores each


def test_a_create_sent_twice_at_once_with_one_key_creates_once(rightsholder_user, right, platform):
    body = complaint_body(right, platform)

    answers = [
        sent_twice_at_once(rightsholder_user, "/api/v1/complaints/", f"create-{n}", body)
        for n in range(RACES)
    ]

    for pair in answers:
        (first_status, first_body, _), (second_status, second_body, _) = pair
        assert first_status == second_status == 201, pair
        assert first_body == second_body
    assert Complaint.objects.filter(filed_by=rightsholder_user).count() == RACES
