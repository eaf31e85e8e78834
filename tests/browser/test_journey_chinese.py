"""One journey with the whole interface in Simplified Chinese: a browser asking for zh-CN."""

import re

import pytest
from playwright.sync_api import expect

from cases.models import CaseStatus, HandlingMode, OpinionOutcome
from tests.browser.test_journeys import _screenshot
from tests.factories import PASSWORD, CaseFactory, OfficeFactory, UserFactory


@pytest.fixture
def page_zh(chromium, live_server, settings):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    context = chromium.new_context(base_url=live_server.url, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_official_issues_a_determination_opinion_in_chinese(page_zh):
    page = page_zh
    office = OfficeFactory()
    official = UserFactory(organisation=office.organisation)
    case = CaseFactory(status=CaseStatus.AWAITING_OPINION, mode=HandlingMode.ASSISTED, office=office)

    page.goto("/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    page.get_by_label("用户名").fill(official.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()

    expect(page.get_by_role("link", name="案件目录")).to_be_visible()
    page.get_by_role("link", name=re.compile(rf"\b{case.pk}\b")).first.click()
    expect(page.get_by_role("heading", name="出具侵权判定意见")).to_be_visible()
    page.get_by_label("构成侵权", exact=True).check()
    page.get_by_label("理由").fill("权利要求1至3的全部技术特征均体现在涉案产品中。")
    page.get_by_role("button", name="出具意见").click()

    opinion = page.locator("#opinion")
    expect(opinion).to_contain_text("侵权判定意见")
    expect(opinion).to_contain_text("构成侵权")
    expect(opinion).to_contain_text("存档原文")
    expect(opinion).to_contain_text("权利要求1至3")
    expect(page.locator("ul.messages")).to_contain_text("侵权判定意见已出具")
    _screenshot(page, "office-opinion-issued-zh")
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_PLATFORM
    assert case.opinion.outcome == OpinionOutcome.INFRINGING

    # Switching language on the page keeps the official on it, now in English, and saves the choice.
    page.get_by_label("语言").select_option("en")
    expect(page.locator("#opinion")).to_contain_text("Determination opinion")
    official.refresh_from_db()
    assert official.language == "en"
