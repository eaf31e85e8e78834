"""The case steps of the API call the same services as the pages, with the same scope, and answer in the
API's shapes: the state after the step, 404 outside the caller's organisation, 409 when the case's status
refuses the step."""

from datetime import timedelta

from django.core import signing
from django.utils import timezone

from accounts.models import Notification, Role
from cases.actions import ACTIONS, Party
from cases.links import RESPONDENT_LINK_SALT, respondent_token
from cases.models import Case, CaseStatus, CounterNotice, HandlingMode, Transfer
from office_console.api.views import ACTION_ENDPOINTS
from tests.api.conftest import token_client
from tests.factories import CaseFactory, OfficeFactory, PlatformFactory, UserFactory
from webhooks.models import CaseEvent


def _case(platform, **kwargs):
    kwargs.setdefault("status", CaseStatus.AWAITING_PLATFORM)
    kwargs.setdefault("mode", HandlingMode.PLATFORM)
    return CaseFactory(complaint__platform=platform, **kwargs)


def test_every_action_a_party_does_by_hand_has_an_endpoint():
    by_hand = {
        action
        for action, spec in ACTIONS.items()
        if any(spec.done_by(party) for party in (Party.COMPLAINANT, Party.PLATFORM, Party.OFFICE))
    }

    assert by_hand <= set(ACTION_ENDPOINTS), sorted(by_hand - set(ACTION_ENDPOINTS))


def test_a_step_the_status_refuses_is_a_409_and_changes_nothing(platform_client, platform):
    case = _case(platform)

    answer = platform_client.post(f"/api/v1/cases/{case.pk}/counter-notice/forward/", {}, format="json")

    assert answer.status_code == 409
    assert answer.json()["errors"][0]["code"] == "transition_not_allowed"
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_PLATFORM


def test_information_request_and_answer_go_through_the_services(
    platform_client, holder, platform, rightsholder_user
):
    case = _case(platform, complaint__filed_by_org=rightsholder_user.organisation)

    asked = platform_client.post(
        f"/api/v1/cases/{case.pk}/information-requests/",
        {"question": "Send the test purchase receipt."},
        format="json",
    )
    answered = holder.post(f"/api/v1/cases/{case.pk}/information/", {"answer": "Attached."}, format="json")

    assert asked.status_code == 201 and asked.json()["question"] == "Send the test purchase receipt."
    assert answered.status_code == 200 and answered.json()["status"] == CaseStatus.AWAITING_PLATFORM


def test_a_step_on_another_organisations_case_is_a_404_whatever_the_body(platform_client, holder):
    foreign = _case(PlatformFactory())

    assert (
        platform_client.post(
            f"/api/v1/cases/{foreign.pk}/information-requests/", {}, format="json"
        ).status_code
        == 404
    )
    assert holder.post(f"/api/v1/cases/{foreign.pk}/withdraw/", {}, format="json").status_code == 404


def test_counter_notices_are_forwarded_in_bulk_each_on_its_own(platform_client, platform):
    waiting = _case(platform, status=CaseStatus.COUNTER_NOTICE_RECEIVED)
    CounterNotice.objects.create(
        case=waiting,
        respondent_name="Seller",
        contact_email="s@example.test",
        statement="Genuine.",
        declaration=True,
    )
    not_yet = _case(platform)
    foreign = _case(PlatformFactory(), status=CaseStatus.COUNTER_NOTICE_RECEIVED)

    answer = platform_client.post(
        "/api/v1/cases/counter-notices/forward/",
        {"cases": [waiting.pk, not_yet.pk, foreign.pk]},
        format="json",
    )

    assert answer.status_code == 200
    assert answer.json()["done"] == [waiting.pk]
    assert {r["case"] for r in answer.json()["refused"]} == {not_yet.pk, foreign.pk}
    waiting.refresh_from_db()
    foreign.refresh_from_db()
    assert waiting.status == CaseStatus.WINDOW_OPEN
    assert foreign.status == CaseStatus.COUNTER_NOTICE_RECEIVED


def test_a_retried_step_with_its_key_is_done_once(platform_client, platform):
    case = _case(platform)
    body = {"question": "Which shop did you buy from?"}

    first = platform_client.post(
        f"/api/v1/cases/{case.pk}/information-requests/", body, format="json", HTTP_IDEMPOTENCY_KEY="ask-1"
    )
    again = platform_client.post(
        f"/api/v1/cases/{case.pk}/information-requests/", body, format="json", HTTP_IDEMPOTENCY_KEY="ask-1"
    )

    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert case.information_requests.count() == 1


def test_cases_changed_since_a_moment(platform_client, platform):
    before = _case(platform)
    Case.objects.filter(pk=before.pk).update(updated_at=timezone.now() - timedelta(days=2))
    changed = _case(platform)
    since = (timezone.now() - timedelta(days=1)).isoformat()

    listed = platform_client.get("/api/v1/cases/", {"updated_since": since}).json()["results"]
    bad = platform_client.get("/api/v1/cases/", {"updated_since": "yesterday"})

    assert [c["id"] for c in listed] == [changed.pk]
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "updated_since"


def test_a_transition_moves_updated_at(platform_client, platform):
    case = _case(platform)
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now() - timedelta(days=2))

    platform_client.post(
        f"/api/v1/cases/{case.pk}/information-requests/", {"question": "Receipt?"}, format="json"
    )

    case.refresh_from_db()
    assert case.updated_at > timezone.now() - timedelta(minutes=1)


def test_the_events_feed_is_the_organisations_own_and_reads_on_from_a_cursor(platform_client, platform):
    mine = _case(platform)
    other = _case(PlatformFactory())
    platform_client.post(
        f"/api/v1/cases/{mine.pk}/information-requests/", {"question": "Receipt?"}, format="json"
    )
    CaseEvent.objects.create(
        event_id="00000000-0000-0000-0000-000000000001",
        event_type="case.routed",
        case_id=other.pk,
        payload={},
    )

    first = platform_client.get("/api/v1/events/").json()
    later = platform_client.get(first["next"]).json()

    assert [e["type"] for e in first["results"]] == ["case.information_requested"]
    assert first["results"][0]["payload"]["data"]["case"]["id"] == mine.pk
    assert later["results"] == [] and later["next"] == first["next"]
    assert platform_client.get("/api/v1/events/", {"after": "x"}).status_code == 400


def test_the_respondent_reads_its_notice_by_token_and_an_expired_or_altered_one_is_refused(
    db, api_client, settings
):
    case = CaseFactory(status=CaseStatus.NOTICE_FORWARDED, mode=HandlingMode.PLATFORM)
    token = respondent_token(case)
    expired = signing.TimestampSigner(salt=RESPONDENT_LINK_SALT).sign_object(
        {"case": case.pk, "store": case.store_id}
    )

    notice = api_client.get(f"/api/v1/respondent/{token}/")
    settings.IPRGOV_RESPONDENT_LINK_DAYS = 0
    gone = api_client.get(f"/api/v1/respondent/{expired}/")

    assert notice.status_code == 200 and notice.json()["can_file_counter_notice"] is True
    assert gone.status_code == 410 and gone.json()["errors"][0]["code"] == "expired"
    assert api_client.get(f"/api/v1/respondent/{token[:-2]}xx/").status_code == 404


def test_the_receiving_office_answers_a_transfer_and_no_other(office_user):
    asking, receiving = OfficeFactory(), office_user.organisation.office
    case = CaseFactory(status=CaseStatus.AWAITING_OPINION, mode=HandlingMode.ASSISTED, office=asking)
    transfer = Transfer.objects.create(
        case=case,
        from_office=asking,
        to_office=receiving,
        reason="The store is in our region.",
        requested_by=UserFactory(organisation=asking.organisation),
    )
    stranger = token_client(UserFactory(organisation=OfficeFactory().organisation))

    assert stranger.post(f"/api/v1/transfers/{transfer.pk}/accept/", {}, format="json").status_code == 404
    listed = token_client(office_user).get("/api/v1/transfers/").json()["results"]
    accepted = token_client(office_user).post(f"/api/v1/transfers/{transfer.pk}/accept/", {}, format="json")

    assert [t["id"] for t in listed] == [transfer.pk]
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    case.refresh_from_db()
    assert case.office == receiving


def test_notifications_count_and_are_marked_read(holder, rightsholder_user):
    Notification.objects.create(organisation=rightsholder_user.organisation, subject="Case 1 routed")

    listed = holder.get("/api/v1/notifications/").json()["results"]
    unread = holder.get("/api/v1/notifications/unread-count/").json()
    marked = holder.post("/api/v1/notifications/read/", format="json").json()

    assert [n["subject"] for n in listed] == ["Case 1 routed"]
    assert unread == {"unread": 1} and marked == {"marked": 1}
    assert holder.get("/api/v1/notifications/unread-count/").json() == {"unread": 0}


def test_a_platform_sets_its_stores_contact(platform_client, platform):
    case = _case(platform)

    saved = platform_client.post(
        f"/api/v1/stores/{case.store_id}/contact/",
        {"contact_email": "shop@example.test", "language": "zh-hans"},
        format="json",
    )
    foreign = platform_client.get(f"/api/v1/stores/{_case(PlatformFactory()).store_id}/")

    assert saved.status_code == 200 and saved.json()["contact_email"] == "shop@example.test"
    assert foreign.status_code == 404


def test_only_an_office_manager_accepts(office_user, office):
    case = CaseFactory(status=CaseStatus.AWAITING_ACCEPTANCE, mode=HandlingMode.ADMINISTRATIVE, office=office)
    manager = token_client(UserFactory(organisation=office.organisation, organisation__role=Role.MANAGER))

    refused = token_client(office_user).post(f"/api/v1/cases/{case.pk}/accept/", format="json")
    accepted = manager.post(f"/api/v1/cases/{case.pk}/accept/", format="json")

    assert refused.status_code in (403, 409)
    assert accepted.status_code == 200 and accepted.json()["status"] == CaseStatus.AWAITING_OFFICE_DECISION
