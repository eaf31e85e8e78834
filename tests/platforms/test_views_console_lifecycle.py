"""The platform console's lifecycle pages: information requests, forwarding, bulk decisions, notifications."""

import pytest
from django.urls import reverse

from cases.actions import CaseAction
from cases.models import CaseStatus, ListingDecision
from complaints.models import ListingStatus
from platforms.models import DecisionAction, PlatformReasonCode, ReasonCode
from tests.platforms.helpers import case_on
from tests.platforms.lifecycle import counter_noticed_case, decided_case

pytestmark = pytest.mark.django_db


def test_staff_ask_for_information_from_the_case_page(platform, platform_user, login):
    case = case_on(platform)
    client = login(platform_user)
    assert (
        'id="request-information"'
        in client.get(reverse("platforms:case_detail", args=[case.pk])).content.decode()
    )

    response = client.post(
        reverse("platforms:case_request_information", args=[case.pk]), {"question": "Send the invoice."}
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.INFORMATION_REQUESTED
    complainant_page = login(case.complaint.filed_by).get(reverse("complaints:case_detail", args=[case.pk]))
    assert "Send the invoice." in complainant_page.content.decode()


def test_the_complainant_answers_from_the_case_page(platform, platform_user, login):
    from cases.services.decisions import information_request

    case = case_on(platform)
    information_request(case_id=case.pk, actor=platform_user, question="Invoice?")

    response = login(case.complaint.filed_by).post(
        reverse("complaints:case_supply_information", args=[case.pk]), {"answer": "Invoice 42."}, follow=True
    )

    assert "Information sent" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_PLATFORM


def test_a_refused_move_is_shown_as_a_message(platform, platform_user, login):
    case = decided_case(platform, platform_user)

    response = login(platform_user).post(
        reverse("platforms:case_forward_counter_notice", args=[case.pk]), follow=True
    )

    assert "no counter-notice to forward" in response.content.decode()


def test_staff_forward_the_counter_notice_and_the_complainant_sees_the_window(platform, platform_user, login):
    case = counter_noticed_case(platform, platform_user)
    client = login(platform_user)
    page = client.get(reverse("platforms:case_detail", args=[case.pk])).content.decode()
    assert 'id="forward-counter-notice"' in page and "genuine" in page

    client.post(reverse("platforms:case_forward_counter_notice", args=[case.pk]))

    case.refresh_from_db()
    assert case.status == CaseStatus.WINDOW_OPEN
    complainant_page = login(case.complaint.filed_by).get(reverse("complaints:case_detail", args=[case.pk]))
    assert 'id="follow-up"' in complainant_page.content.decode()


def test_bulk_decision_takes_down_every_pending_listing_of_the_chosen_cases(platform, platform_user, login):
    cases = [case_on(platform, listings=2), case_on(platform)]
    untouched = case_on(platform)
    client = login(platform_user)
    ids = [c.pk for c in cases]

    chosen = client.post(reverse("platforms:cases_decide_bulk"), {"cases": ids, "step": "choose"})
    assert chosen.status_code == 200 and chosen.context["form"].fields["cases"].initial == ids

    response = client.post(
        reverse("platforms:cases_decide_bulk"),
        {
            "cases": ids,
            "confirm": ",".join(str(pk) for pk in sorted(ids)),
            "action": DecisionAction.TAKE_DOWN,
            "reason_code": ReasonCode.COUNTERFEIT,
            "statement": "Test purchases showed counterfeits.",
        },
    )

    assert response.status_code == 302
    assert ListingDecision.objects.count() == 3
    for case in cases:
        case.refresh_from_db()
        assert case.status == CaseStatus.NOTICE_FORWARDED
    untouched.refresh_from_db()
    assert untouched.status == CaseStatus.AWAITING_PLATFORM


def test_bulk_forwarding_of_counter_notices(platform, platform_user, login):
    ready = counter_noticed_case(platform, platform_user)
    not_ready = decided_case(platform, platform_user)

    response = login(platform_user).post(
        reverse("platforms:counter_notices_forward_bulk"), {"cases": [ready.pk, not_ready.pk]}, follow=True
    )

    ready.refresh_from_db()
    assert ready.status == CaseStatus.WINDOW_OPEN
    assert "1 counter-notice forwarded" in response.content.decode()
    assert f"{not_ready.pk}: " in response.content.decode()


def test_the_platforms_own_reason_codes_replace_the_defaults(platform, platform_user, login):
    PlatformReasonCode.objects.create(
        platform=platform, code="tm-copy", label="Copy of a registered trademark"
    )
    case = case_on(platform)
    client = login(platform_user)
    page = client.get(reverse("platforms:case_detail", args=[case.pk])).content.decode()
    assert "Copy of a registered trademark" in page and "Evidence insufficient" not in page

    client.post(
        reverse("platforms:case_decide", args=[case.pk]),
        {
            "listings": [case.listings.get().pk],
            "action": DecisionAction.TAKE_DOWN,
            "reason_code": "tm-copy",
            "statement": "The listing's photos show a copy of the registered mark.",
        },
    )

    decision = ListingDecision.objects.get()
    assert (decision.reason_code, decision.reason_display) == ("tm-copy", "Copy of a registered trademark")
    assert case.listings.get().status == ListingStatus.TAKEN_DOWN


def test_notifications_page_lists_the_organisations_notifications(platform, platform_user, login):
    case = counter_noticed_case(platform, platform_user)
    client = login(platform_user)

    page = client.get(reverse("accounts:notifications")).content.decode()

    assert f"/platform/cases/{case.pk}/" in page
    client.post(reverse("accounts:notifications_read"))
    from accounts.models import Notification

    assert not Notification.objects.filter(organisation=platform.organisation, read_at=None).exists()


def test_the_case_page_history_shows_every_step(platform, platform_user, login):
    case = counter_noticed_case(platform, platform_user)

    page = login(platform_user).get(reverse("platforms:case_detail", args=[case.pk])).content.decode()

    # Each step by its label, never as the raw code it is stored under.
    for action in (CaseAction.DECIDED, CaseAction.NOTICE_FORWARDED, CaseAction.COUNTER_NOTICE_RECEIVED):
        assert str(action.label) in page
        assert action.value not in page


def test_the_respondent_link_on_the_case_page_names_the_host_that_served_it(
    platform, platform_user, login, settings
):
    settings.ALLOWED_HOSTS = ["iprgov.example.org"]
    case = decided_case(platform, platform_user)

    page = login(platform_user).get(
        reverse("platforms:case_detail", args=[case.pk]), HTTP_HOST="iprgov.example.org", secure=True
    )

    assert "https://iprgov.example.org/respond/" in page.content.decode()
