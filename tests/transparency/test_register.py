from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import OrgKind
from cases.models import Case, CaseStatus
from platforms.models import DecisionAction, Store
from tests.aggregates.lifecycle import counter_notice, decide, routed_complaint
from tests.factories import CaseFactory, OrganisationFactory, PlatformFactory, UserFactory
from transparency.models import RegisterPolicy, WithholdingRequest, WithholdingStatus
from transparency.register import PAGE_SIZE

pytestmark = pytest.mark.django_db

REGISTER = reverse("transparency:register")
REGISTER_JSON = reverse("transparency:register_json")


def _closed(case: Case, days_ago: int = 40) -> Case:
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - timedelta(days=days_ago))
    case.refresh_from_db()
    return case


def _rejected_case(platform=None) -> Case:
    platform = platform or PlatformFactory()
    (case,) = routed_complaint(platform)
    decide(case, UserFactory(organisation=platform.organisation), DecisionAction.REJECT)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    return _closed(case)


def _counter_noticed_case() -> Case:
    platform = PlatformFactory(organisation__name="Counter Mall")
    (case,) = routed_complaint(platform)
    decide(case, UserFactory(organisation=platform.organisation))
    counter_notice(case)
    # Closed later (the measures lifted when the window expired); what the register shows is the record.
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closure="restored", outcome="restored")
    return _closed(case)


def test_a_closed_case_is_published_after_the_delay_redacted(client):
    case = _counter_noticed_case()

    body = client.get(REGISTER_JSON).json()

    (entry,) = body["results"]
    assert entry["entry"] == case.pk
    assert entry["right_number"] == case.complaint.right.registration_number
    assert entry["platform"] == "Counter Mall"
    assert entry["store"] == case.store.name
    assert entry["counter_notice_filed"] is True
    assert entry["outcome"] == "restored"
    assert entry["listings"][0]["measure"] == DecisionAction.TAKE_DOWN
    assert entry["listings"][0]["ground"]
    raw = client.get(REGISTER_JSON).content.decode() + client.get(REGISTER).content.decode()
    for personal in (
        case.complaint.filed_by.username,
        case.complaint.filed_by_org.name,
        case.complaint.right.owner_name,
        case.counter_notice.respondent_name,
        case.counter_notice.contact_email,
        case.counter_notice.statement,
        case.store.contact_email or "no-contact@never.example",
    ):
        assert personal not in raw


def test_a_case_closed_within_the_delay_is_not_published_yet(client):
    case = _rejected_case()
    RegisterPolicy.objects.create(delay_days=60)

    assert client.get(REGISTER_JSON).json()["results"] == []

    _closed(case, days_ago=61)
    assert [e["entry"] for e in client.get(REGISTER_JSON).json()["results"]] == [case.pk]


def test_the_register_is_searched_by_right_number_platform_store_and_date(client):
    first = _rejected_case()
    second = _rejected_case(PlatformFactory(organisation__name="Other Mall"))
    _closed(second, days_ago=100)
    Store.objects.filter(pk=second.store_id).update(name="Lucky Shop")

    def found(**params) -> list[int]:
        return [e["entry"] for e in client.get(REGISTER_JSON, params).json()["results"]]

    assert found(right_number=first.complaint.right.registration_number) == [first.pk]
    assert found(platform=second.platform_id) == [second.pk]
    assert found(store="lucky") == [second.pk]
    closed_to = (timezone.localdate() - timedelta(days=50)).isoformat()
    assert found(closed_to=closed_to) == [second.pk]
    assert client.get(REGISTER_JSON, {"closed_from": "not a date"}).status_code == 400


def test_the_json_register_is_paged_without_counting_it(client, django_assert_max_num_queries):
    CaseFactory.create_batch(
        PAGE_SIZE + 1,
        status=CaseStatus.CLOSED,
        closed_at=timezone.now() - timedelta(days=45),
        outcome="not_upheld",
    )

    # The policy, the page of cases (one row more than shown), its listings and their decisions.
    with django_assert_max_num_queries(4):
        first = client.get(REGISTER_JSON).json()
    second = client.get(first["next"]).json()

    assert len(first["results"]) == PAGE_SIZE and first["previous"] is None
    assert len(second["results"]) == 1 and second["next"] is None
    assert not {e["entry"] for e in first["results"]} & {e["entry"] for e in second["results"]}


def test_a_withheld_entry_leaves_the_register_and_a_refused_request_keeps_it(client, login, settings):
    settings.DEBUG = (
        True  # with DEBUG off an operator must give a second factor first (test_second_factor.py)
    )
    withheld, kept = _rejected_case(), _rejected_case()
    login(withheld.complaint.filed_by)
    response = client.post(
        reverse("transparency:withhold", args=[withheld.pk]), {"reason": "Trade secret in URL."}
    )
    assert response.status_code == 302
    client.logout()
    login(kept.complaint.filed_by)
    client.post(reverse("transparency:withhold", args=[kept.pk]), {"reason": "Please."})
    client.logout()
    login(UserFactory(is_staff=True, is_superuser=True))
    changelist = reverse("admin:transparency_withholdingrequest_changelist")
    for case, action in ((withheld, "approve"), (kept, "refuse")):
        chosen = WithholdingRequest.objects.get(case=case).pk
        assert client.post(changelist, {"action": action, "_selected_action": [chosen]}).status_code == 302
    client.logout()

    assert WithholdingRequest.objects.get(case=withheld).status == WithholdingStatus.APPROVED
    assert WithholdingRequest.objects.get(case=kept).status == WithholdingStatus.REFUSED
    entries = [e["entry"] for e in client.get(REGISTER_JSON).json()["results"]]
    assert entries == [kept.pk]
    assert f'id="entry-{withheld.pk}"' not in client.get(REGISTER).content.decode()


def test_only_the_complainant_may_ask_and_a_reason_is_needed(client, login):
    case = _rejected_case()
    url = reverse("transparency:withhold", args=[case.pk])
    login(UserFactory(organisation=OrganisationFactory(kind=OrgKind.RIGHTSHOLDER)))
    assert client.post(url, {"reason": "Mine."}).status_code == 404
    client.logout()

    login(case.complaint.filed_by)
    response = client.post(url, {"reason": "  "})

    assert response.status_code == 400
    assert 'id="id_reason_errors"' in response.content.decode()
    assert not WithholdingRequest.objects.exists()
