"""Emails go out in the recipient's language; case documents render in the reader's language."""

import pytest
from django.core import mail
from django.utils import translation

from accounts.models import OrgKind
from cases.models import CaseStatus, HandlingMode, RoutingRule
from cases.notifications import notify_case_routed
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


def _routed_platform_case(platform_org_language: str = ""):
    platform = PlatformFactory()
    if platform_org_language is not None:
        UserFactory(organisation=platform.organisation, language=platform_org_language)
    case = CaseFactory(platform=platform, complaint__platform=platform)
    with translation.override("en"):
        case_route(case_id=case.pk)
    case.refresh_from_db()
    return case


def test_email_to_a_platform_whose_staff_chose_chinese_is_in_chinese(catch_all_rule) -> None:
    case = _routed_platform_case("zh-hans")
    mail.outbox = []

    with translation.override("en"):  # the sender's own language does not matter
        notify_case_routed(case_id=case.pk)

    (message,) = mail.outbox
    assert message.subject == f"新案件 {case.pk}：平台处理"
    assert "需要您在" in message.body
    assert "截止日期" in message.body
    assert "年" in message.body  # the deadline is a Chinese date


def test_email_to_a_platform_with_no_language_chosen_defaults_to_chinese(catch_all_rule) -> None:
    case = _routed_platform_case(None)  # type: ignore[arg-type]  # no language chosen is what is tested
    mail.outbox = []

    notify_case_routed(case_id=case.pk)

    assert mail.outbox[0].subject.startswith("新案件")


def test_email_follows_the_staff_choice_of_english(catch_all_rule) -> None:
    case = _routed_platform_case("en")
    mail.outbox = []

    with translation.override("zh-hans"):
        notify_case_routed(case_id=case.pk)

    assert mail.outbox[0].subject == f"New case {case.pk}: Platform handling"


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
    assert "依据第 99 条分流规则“Default”" in page
