"""Respondents who can always be reached, in a real chromium: the demo's links survive a server restart, a
store known only from a listing row is given a contact and consents, and the respondent reads the notice
with the complaint's description, the complainant's evidence and the office's decision."""

import os
import re
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from accounts.models import Role
from cases.links import respondent_url
from cases.models import Case, CaseStatus, ConsentStatus, HandlingMode
from cases.services.administrative import case_accept
from cases.services.consent import consent_answer_respondent
from cases.services.office_records import administrative_decision_issue
from complaints.services import ListingInput, complaint_file
from complaints.uploads import checked_upload
from tests.browser.filing import fill_complaint, pdf
from tests.browser.test_journeys import _screenshot
from tests.factories import UserFactory
from tests.web_servers import web_servers
from tests.workers import ROOT, worker_database_url

DEMO_BASE_URL = "http://127.0.0.1:8000"  # what `make run` serves by default
DEMO_LINK = re.compile(r"^\s+case (\d+) \(.+\): (\S+/respond/\S+/)$", re.M)
STORE_ROW = "https://shop.example.test/item/77, lotus-7, Lotus Store"


@pytest.fixture
def administrative_office(office, platform):
    """An office serving the platform's region, so that administrative handling can reach it."""
    office.regions.add(platform.region)
    return office


def give_consent(page) -> None:
    page.get_by_label("Your name or your store's name").fill("Li Wei, owner of the store")
    page.get_by_label("I consent").check()
    page.get_by_role("button", name="Send answer").click()
    expect(page.locator("#consent-answer")).to_contain_text("Consent given")


def seed_demo_links(tmp_path) -> dict[int, str]:
    """Run `manage.py seed_demo` in its own process on the test database; the respondent links it printed,
    by case number."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env |= {
        "DATABASE_URL": worker_database_url(),
        "DJANGO_DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "iprgov.settings",
        "IPRGOV_MEDIA_ROOT": str(tmp_path / "media"),
    }
    result = subprocess.run(  # noqa: S603 — fixed argv, our own interpreter
        [sys.executable, "manage.py", "seed_demo", "--base-url", DEMO_BASE_URL],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return {int(number): link for number, link in DEMO_LINK.findall(result.stdout)}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_demos_respondent_links_open_after_a_server_restart(
    chromium, default_routing_rules, tmp_path, monkeypatch
):
    # As `make run` does it: no secret key set (each process reads the checkout's development key) and
    # tasks run in-process; seeding and serving are separate processes.
    for name in ("DJANGO_SECRET_KEY", "DJANGO_SECRET_KEY_FILE", "CELERY_BROKER_URL"):
        monkeypatch.delenv(name, raising=False)
    links = seed_demo_links(tmp_path)
    administrative = sorted(
        Case.objects.filter(mode=HandlingMode.ADMINISTRATIVE, status=CaseStatus.AWAITING_CONSENT).values_list(
            "pk", flat=True
        )
    )
    assert links and administrative and set(administrative) <= set(links)
    assert all(link.startswith(f"{DEMO_BASE_URL}/respond/") for link in links.values())
    assert (ROOT / ".dev-secret-key").exists()

    with web_servers(1, tmp_path=tmp_path) as (server,):
        server.stop()
        server.start()
        # The test server's port is chosen when it starts: each printed link is opened on it, path as printed.
        context = chromium.new_context(base_url=server.url(), locale="en-GB")
        try:
            page = context.new_page()
            for number, link in links.items():
                page.goto(urlsplit(link).path)
                expect(page.locator("h1")).to_have_text(f"Notice on case {number}")
                expect(page.locator("#link-refused")).to_have_count(0)

            # The demo's administrative case still waiting for consent can now get the respondent's.
            page.goto(urlsplit(links[administrative[0]]).path)
            give_consent(page)
            _screenshot(page, "respondent-demo-link-after-restart")
        finally:
            context.close()

    case = Case.objects.get(pk=administrative[0])
    assert case.consents.get(party="respondent").status == ConsentStatus.GIVEN


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_store_known_from_a_listing_row_is_given_a_contact_and_consents_to_administrative_handling(
    page,
    log_in,
    live_server,
    settings,
    platform,
    platform_user,
    administrative_office,
    rightsholder_user,
    right,
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.IPRGOV_SITE_URL = live_server.url  # emailed links name the host served

    # The complainant asks for administrative handling; the store exists only as the listing row names it.
    log_in(rightsholder_user)
    page.get_by_role("link", name="File a complaint").first.click()
    fill_complaint(
        page,
        right=right,
        platform=platform,
        description="Counterfeit RiverMark bags sold as genuine.",
        listings=STORE_ROW,
        files=(pdf("test-buy.pdf"),),
        administrative=True,
    )
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.locator("ul.messages")).to_contain_text("is submitted")
    case = Case.objects.select_related("store").get()
    assert (case.mode, case.status) == (HandlingMode.ADMINISTRATIVE, CaseStatus.AWAITING_CONSENT)
    assert case.store.contact_email == ""

    # Nobody can be emailed the consent request: the platform's queue asks for the store's contact.
    page.context.clear_cookies()
    log_in(platform_user)
    page.goto("/platform/")
    to_reach = page.locator("#respondents-to-reach")
    expect(to_reach).to_contain_text("Lotus Store")
    _screenshot(page, "platform-respondents-to-reach")
    to_reach.get_by_role("link", name="Lotus Store").click()
    contact = page.locator("#store-contact")
    contact.get_by_label("Contact email").fill("owner@lotus.example.test")
    contact.get_by_label("Language").select_option("zh-hans")
    contact.get_by_role("button", name="Save contact").click()
    expect(page.locator("ul.messages")).to_contain_text("The store's contact is saved")

    # The platform sends the link from the case page.
    page.locator("#store-cases").get_by_role("link", name=str(case.pk), exact=True).click()
    expect(page.locator("#respondent-link")).to_contain_text("owner@lotus.example.test")
    mail.outbox.clear()
    page.get_by_role("button", name="Send the link to the store again").click()
    expect(page.locator("ul.messages")).to_contain_text("The link was sent to owner@lotus.example.test")
    (email,) = mail.outbox
    assert email.to == ["owner@lotus.example.test"]
    body = str(email.body)
    link = re.search(rf"{re.escape(live_server.url)}/respond/\S+/", body)
    assert link is not None, body

    # The respondent opens the emailed link, without an account, and consents.
    page.context.clear_cookies()
    page.goto(link.group(0))
    expect(page.locator("#consent")).to_contain_text("Consent to administrative handling")
    give_consent(page)
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_ACCEPTANCE
    assert set(case.consents.values_list("status", flat=True)) == {ConsentStatus.GIVEN}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_respondent_reads_the_description_downloads_the_evidence_and_sees_the_offices_decision(
    page, platform, administrative_office, rightsholder_user, right
):
    manager = UserFactory(organisation=administrative_office.organisation, organisation__role=Role.MANAGER)
    description = "Counterfeit RiverMark bags sold as genuine; the test purchase shows a forged label."
    evidence = b"%PDF-1.4 test purchase of 3 December"
    measures = "Remove the listing within 3 working days and keep it down."
    reasoning = "The bags bear a mark identical to the registered mark, without licence."
    complaint = complaint_file(
        actor=rightsholder_user,
        right=right,
        platform=platform,
        infringement_type="counterfeit",
        description=description,
        good_faith_declared=True,
        requested_administrative=True,
        listings=[ListingInput(url="https://shop.example.test/item/77", listing_ref="", store_ref="lotus-7")],
        evidence=[checked_upload(SimpleUploadedFile("test-buy.pdf", evidence))],
    )
    case = Case.objects.get(complaint=complaint)
    consent_answer_respondent(case_id=case.pk, consent=True, name="Lotus Store")
    case_accept(case_id=case.pk, actor=manager)
    administrative_decision_issue(
        case_id=case.pk,
        actor=manager,
        infringement_established=True,
        measures_ordered=measures,
        reasoning=reasoning,
    )

    page.goto(respondent_url(case))

    expect(page.locator("#description")).to_contain_text(description)
    with page.expect_download() as download:
        page.locator("#evidence").get_by_role("link", name="test-buy.pdf").click()
    assert download.value.suggested_filename == "test-buy.pdf"
    assert download.value.path().read_bytes() == evidence
    decision = page.locator("#decision")
    expect(decision).to_contain_text("Administrative decision")
    expect(decision).to_contain_text(measures)
    expect(decision).to_contain_text(reasoning)
    expect(page.locator("#notice")).to_contain_text("Awaiting platform execution")
    _screenshot(page, "respondent-reads-the-offices-decision")
