"""A referral to law enforcement in a real chromium: a platform refers the two cases of one store from a case
page, the authority downloads the clue package, acknowledges receipt and reports goods seized, and the
platform sees the outcome on its case page."""

import hashlib

import pytest
from playwright.sync_api import expect

from cases.models import CaseStatus, HandlingMode
from documents.case_file_check import case_file_problems
from law_enforcement.models import Referral, ReferralStatus
from tests.browser.test_journeys import _screenshot
from tests.factories import CaseFactory, LawEnforcementAuthorityFactory, StoreFactory, UserFactory


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_platform_refers_two_cases_of_one_store_and_sees_the_authoritys_outcome(
    page, log_in, platform, platform_user
):
    store = StoreFactory(platform=platform, region=platform.region, name="Counterfeit Corner")
    cases = [
        CaseFactory(
            complaint__platform=platform,
            store=store,
            status=CaseStatus.NOTICE_FORWARDED,
            mode=HandlingMode.PLATFORM,
        )
        for _ in range(2)
    ]
    authority = LawEnforcementAuthorityFactory(
        regions=[platform.region], organisation__name="City Market Regulation"
    )
    officer = UserFactory(organisation=authority.organisation)

    log_in(platform_user)
    page.goto(f"/platform/cases/{cases[0].pk}/")
    page.locator("#law-enforcement").get_by_role("link", name="Refer every case of this store").click()
    form = page.locator("#refer")
    for case in cases:
        expect(form.get_by_label(f"Case {case.pk}", exact=False)).to_be_checked()
    form.get_by_label("Law-enforcement authority").select_option(label="City Market Regulation")
    form.get_by_label("Reason for the referral").fill(
        "Two complaints of counterfeit trainers from one store."
    )
    form.get_by_role("button", name="Refer").click()
    expect(page.locator("ul.messages")).to_contain_text("The cases were referred")
    referral = Referral.objects.get()
    assert set(referral.cases.values_list("pk", flat=True)) == {case.pk for case in cases}

    log_in(officer)
    page.goto("/law-enforcement/")
    page.get_by_role("link", name=f"Referral {referral.pk}").click()
    with page.expect_download() as download:
        page.locator("#clue-package").click()
    package = download.value.path()
    assert hashlib.sha256(package.read_bytes()).hexdigest() == referral.package_sha256
    assert case_file_problems(str(package)) == []
    page.get_by_role("button", name="Acknowledge receipt").click()
    expect(page.locator("ul.messages")).to_contain_text("Receipt acknowledged")
    outcome = page.locator("#outcome-form")
    outcome.get_by_label("Outcome").select_option(label="Goods seized")
    outcome.get_by_label("Note").fill("412 pairs of counterfeit trainers seized at the store's warehouse.")
    outcome.get_by_label("File").set_input_files(
        files=[{"name": "seizure.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 seizure record"}]
    )
    outcome.get_by_role("button", name="Report the outcome").click()
    expect(page.locator("ul.messages")).to_contain_text("The outcome was recorded")
    expect(page.locator("#outcomes")).to_contain_text("412 pairs")

    log_in(platform_user)
    page.goto(f"/platform/cases/{cases[1].pk}/")
    panel = page.locator("#law-enforcement")
    expect(panel).to_contain_text("Goods seized")
    expect(panel).to_contain_text("412 pairs")
    expect(page.locator("ol.history")).to_contain_text("Law enforcement: goods seized")
    _screenshot(page, "platform-sees-law-enforcement-outcome")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACKNOWLEDGED and referral.goods_seized
