"""Filing and routing side by side, on real PostgreSQL connections: rightsholders creating and submitting
complaints on one platform while the routing splits and routes the complaints submitted just before.

What deadlocked: a new complaint's foreign key to its platform is checked at COMMIT (Django's constraints
are deferred), after the audit entry took the chain's lock; the split of another complaint held the
platform's row FOR UPDATE and waited for the chain's lock. With six filers of six complaints each the
test saw four such deadlocks before the fix (audit.chain checks the deferred constraints before the
lock; the split locks the complaint only)."""

from functools import partial

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from accounts.models import OrgKind
from cases.models import Case, CaseStatus
from complaints.models import Complaint
from complaints.services import ListingInput, complaint_create, complaint_submit
from tests.factories import IPRightFactory, OrganisationFactory, UserFactory
from tests.reliability.concurrency import run_concurrently
from tests.unavailable import service_unavailable

pytestmark = pytest.mark.django_db(transaction=True)
FILERS = 6
FILINGS_EACH = 6


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        service_unavailable("lock order between transactions is what is tested: needs PostgreSQL")


def _file(user, right, platform, rounds: int) -> int:
    for number in range(rounds):
        complaint = complaint_create(
            actor=user,
            right=right,
            platform=platform,
            infringement_type="counterfeit",
            description="Counterfeit goods bearing the registered mark.",
            good_faith_declared=True,
            listings=[
                ListingInput(
                    url=f"https://shop.example.test/{user.pk}/{number}",
                    listing_ref="",
                    store_ref=f"store-{number % 2}",
                )
            ],
            evidence=[SimpleUploadedFile("purchase.pdf", b"%PDF-1.4 test purchase")],
        )
        # Routing runs in-process after the submission commits (tasks eager), as a worker would.
        complaint_submit(complaint_id=complaint.pk, actor=user)
    return rounds


def test_concurrent_filing_and_routing_never_deadlock(platform, default_routing_rules):
    # given six rightsholders filing on the same platform, against two stores
    filers = []
    for _ in range(FILERS):
        user = UserFactory(organisation=OrganisationFactory(kind=OrgKind.RIGHTSHOLDER))
        filers.append((user, IPRightFactory(owner_org=user.organisation)))

    # when each creates and submits complaints while the others' complaints are split and routed
    outcomes = run_concurrently(
        *(partial(_file, user, right, platform, FILINGS_EACH) for user, right in filers), timeout=120
    )

    # then nothing failed, and every complaint was routed and acknowledged
    assert outcomes.errors == []
    assert Complaint.objects.filter(acknowledged_at__isnull=False).count() == FILERS * FILINGS_EACH
    assert not Case.objects.filter(status=CaseStatus.NEW).exists()
