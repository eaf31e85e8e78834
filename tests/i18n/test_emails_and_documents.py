"""Emails go out in the recipient's language; case documents render in the reader's language."""

import pytest
from django.core import mail
from django.http import HttpRequest
from django.utils import translation

from accounts.models import OrgKind
from cases.models import CaseStatus, HandlingMode, RoutingRule
from cases.services.office_records import opinion_issue
from cases.services.routing import case_route
from tests.factories import CaseFactory, OfficeFactory, OrganisationFactory, PlatformFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mail_in_memory(settings):
    settings.MAILERS = {
        "default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend", "OPTIONS": {}}
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []


@pytest.fixture
def catch_all_rule(db):
    RoutingRule.objects.all().delete()
    return RoutingRule.objects.create(
        position=99, name="Default", mode=HandlingMode.PLATFORM, deadline_working_days=2
    )


def _route_platform_case(django_capture_on_commit_callbacks, platform_org_language: str | None = ""):
    """Route a new case to the platform and return it with the email its platform was sent."""
    platform = PlatformFactory()
    if platform_org_language is not None:
        UserFactory(organisation=platform.organisation, language=platform_org_language)
    case = CaseFactory(platform=platform, complaint__platform=platform)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        # The language of the request or worker that routes the case does not matter.
        case_route(case_id=case.pk)
    case.refresh_from_db()
    (message,) = [m for m in mail.outbox if platform.organisation.contact_email in m.to]
    return case, message


def test_email_to_a_platform_whose_staff_chose_chinese_is_in_chinese(
    catch_all_rule, django_capture_on_commit_callbacks
) -> None:
    case, message = _route_platform_case(django_capture_on_commit_callbacks, "zh-hans")

    assert message.subject == f"案件 {case.pk}：已分配处理方式"
    assert "请在" in message.body  # what the platform must do next, and by when
    assert "年" in message.body  # the deadline is a Chinese date
    assert f"/platform/cases/{case.pk}/" in message.body


def test_email_to_a_platform_with_no_language_chosen_defaults_to_chinese(
    catch_all_rule, django_capture_on_commit_callbacks
) -> None:
    case, message = _route_platform_case(django_capture_on_commit_callbacks, None)

    assert message.subject.startswith("案件")


def test_email_follows_the_staff_choice_of_english(
    catch_all_rule, django_capture_on_commit_callbacks
) -> None:
    case, message = _route_platform_case(django_capture_on_commit_callbacks, "en")

    assert message.subject == f"Case {case.pk}: Routed to a handling mode"
    assert "Decide the case by" in message.body


def test_rightsholder_organisations_default_to_the_site_language() -> None:
    from accounts.preferences import organisation_language

    assert organisation_language(OrganisationFactory(kind=OrgKind.RIGHTSHOLDER)) == "en"
    assert organisation_language(OfficeFactory().organisation) == "zh-hans"


def test_routing_reason_of_record_is_written_in_the_site_language(catch_all_rule) -> None:
    platform = PlatformFactory()
    case = CaseFactory(platform=platform, complaint__platform=platform)

    with translation.override("zh-hans"):  # e.g. an eager task inside a Chinese request
        case_route(case_id=case.pk)

    case.refresh_from_db()
    assert case.routing_reason.startswith("Rule 99 “Default” matched")


def test_case_page_in_chinese_translates_labels_and_marks_the_text_of_record(catch_all_rule, login) -> None:
    office = OfficeFactory()
    official = UserFactory(organisation=office.organisation, language="zh-hans")
    case = CaseFactory(
        status=CaseStatus.AWAITING_OPINION,
        mode=HandlingMode.ASSISTED,
        office=office,
        routing_reason="Rule 1 “Patents” matched: the complaint alleges patent infringement.",
        routing_rule=catch_all_rule,
    )
    opinion_issue(
        case_id=case.pk, actor=official, outcome="infringing", reasoning="Claims 1-3 read on the product."
    )
    client = login(official)

    page = client.get(f"/office/cases/{case.pk}/").content.decode()

    assert "侵权判定意见" in page
    assert "构成侵权" in page
    assert "存档原文" in page
    # Free text stays as written; the routing decision is re-rendered in Chinese beside its record.
    assert "Claims 1-3 read on the product." in page
    assert "Rule 1 “Patents” matched" in page
    assert "依据分流规则 99“Default”" in page  # a rule number, not an article ("第 99 条")


def test_each_member_reads_an_in_app_notification_in_the_language_of_their_interface(
    catch_all_rule, client
) -> None:
    from tests.factories import PASSWORD

    platform = PlatformFactory()
    english = UserFactory(organisation=platform.organisation, language="en")
    chinese = UserFactory(organisation=platform.organisation, language="zh-hans")
    case = CaseFactory(platform=platform, complaint__platform=platform)
    case_route(case_id=case.pk)

    pages = {}
    for user in (english, chinese):
        client.login(request=HttpRequest(), username=user.username, password=PASSWORD)
        pages[user.language] = client.get("/accounts/notifications/").content.decode()
        client.logout()

    assert f"Case {case.pk}: Routed to a handling mode" in pages["en"]
    assert f"案件 {case.pk}：已分配处理方式" in pages["zh-hans"]
    assert "已分配处理方式" not in pages["en"]
