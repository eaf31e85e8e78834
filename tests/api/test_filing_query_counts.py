"""What filing one listing costs: queries of the API's create and submit, and of the routing task.

The counts include the SAVEPOINT / RELEASE pairs of the services' atomic blocks (the test runs inside a
transaction; in production the outermost block is a BEGIN / COMMIT that is not counted). They hold a
regression at bay: a query more fails here, with the list of queries.
"""

from cases import tasks
from cases.models import Case, CaseStatus
from complaints.models import Complaint
from tests.api.conftest import attach_evidence, complaint_body

ONE_LISTING = [{"url": "https://shop.example.test/item/1", "store_ref": "store-a", "store_name": "Store A"}]


def test_creating_a_one_listing_complaint_costs_twelve_queries(
    holder, right, platform, django_assert_num_queries
):
    body = complaint_body(right, platform, listings=ONE_LISTING)
    holder.get("/api/v1/complaints/")  # the token's first use is recorded once, not on every call

    # token with its user, membership and organisation; the right and the platform, scoped; savepoint;
    # filing suspension; complaint and listing inserted; the audit chain's lock and head (one round trip,
    # audit.chain), the audit entry inserted; release; the complaint and its evidence out.
    with django_assert_num_queries(12):
        response = holder.post("/api/v1/complaints/", body, format="json")

    assert response.status_code == 201, response.content
    assert Complaint.objects.get(pk=response.json()["id"]).listings.count() == 1


def test_submitting_it_costs_fifteen_queries_and_enqueues_the_routing(
    holder, right, platform, django_assert_num_queries, django_capture_on_commit_callbacks
):
    complaint = holder.post(
        "/api/v1/complaints/", complaint_body(right, platform, listings=ONE_LISTING), format="json"
    )
    attach_evidence(holder, complaint.json()["id"])

    # token with its user, membership and organisation; savepoint; the complaint scoped and locked, with
    # its right, letter and platform; suspension; evidence required and attached; the listings counted
    # (once, for the check and the message); update; the audit chain's lock and head, the audit entry;
    # the members' languages and the notification; release; the complaint and its evidence out.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with django_assert_num_queries(15):
            response = holder.post(f"/api/v1/complaints/{complaint.json()['id']}/submit/")

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "submitted"
    # The organisation's email, and complaint_submitted, which enqueues the routing.
    assert len(callbacks) == 2


def test_routing_a_one_store_complaint_costs_forty_three_queries(
    holder, right, platform, django_assert_num_queries, django_capture_on_commit_callbacks
):
    complaint = holder.post(
        "/api/v1/complaints/", complaint_body(right, platform, listings=ONE_LISTING), format="json"
    )
    complaint_id = complaint.json()["id"]
    attach_evidence(holder, complaint_id)
    with django_capture_on_commit_callbacks(execute=False):
        holder.post(f"/api/v1/complaints/{complaint_id}/submit/")

    # Split: complaint locked, the stores the listings give (2) and made (2), the
    # cases there, the cases inserted and opened together (the audit chain's lock and head in one round
    # trip, one audit insert; the feed's events, webhook endpoints), the listings put in them and counted.
    # Routing, the same for a chunk of any number of cases (tests/cases/test_routing_at_scale.py):
    # the cases locked with their complaint, right, platform, store and organisations; their facts
    # (upheld cases, penalty points: a grouped query each; the listing count is stored); rules, office, calendar; the routing
    # records; one update; the audit chain's lock and head, the audit entries; the parties' languages (one
    # query per organisation) and their notifications; the feed's events, webhook endpoints; the daily
    # figures (the complaints' first cases, the cases' last steps in the trail, one upsert); the filers'
    # good-faith memberships. Acknowledgement. No savepoints: the transitions run in the task's transaction.
    with django_assert_num_queries(43):
        tasks.route_complaint.delay(complaint_id)

    case = Case.objects.get(complaint_id=complaint_id)
    assert case.status == CaseStatus.AWAITING_PLATFORM
    assert Complaint.objects.get(pk=complaint_id).acknowledged_at is not None
