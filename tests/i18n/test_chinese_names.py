"""Offices, platforms and routing rules have a Chinese name, and Chinese pages use it: a page that shows
one of these names in English (outside a text of record, which is kept as written) fails here."""

import re

import pytest
from django.urls import reverse

from cases.models import Case, RoutingRule
from cases.services.routing import complaint_route
from complaints.models import RightType
from tests.factories import (
    ComplaintFactory,
    IPRightFactory,
    ListingFactory,
    OfficeFactory,
    OrganisationFactory,
    PlatformFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# Texts of record (routing reasons, history notes) keep the words they were written with.
TEXT_OF_RECORD = re.compile(
    r'<div class="(?:text-of-record|muted routing-reason|muted)"(?: title="[^"]*")?>.*?</div>', re.DOTALL
)


def _without_texts_of_record(html: str) -> str:
    return TEXT_OF_RECORD.sub("", html)


@pytest.fixture
def named_case() -> Case:
    office = OfficeFactory(
        organisation=OrganisationFactory(kind="office", name="Chengdu IPR Office", name_zh="成都市知识产权局")
    )
    platform = PlatformFactory(
        organisation=OrganisationFactory(kind="platform", name="Panda Market", name_zh="熊猫集市")
    )
    office.regions.add(platform.region)
    RoutingRule.objects.filter(position=30).update(
        name="Patents go to the office", name_zh="专利案件交知识产权局"
    )
    complaint = ComplaintFactory(
        status="submitted", platform=platform, right=IPRightFactory(right_type=RightType.INVENTION_PATENT)
    )
    ListingFactory(complaint=complaint)
    complaint_route(complaint_id=complaint.pk)
    return Case.objects.select_related("office__organisation", "platform__organisation").get(
        complaint=complaint
    )


ENGLISH_NAMES = ("Chengdu IPR Office", "Panda Market", "Patents go to the office")


def test_the_office_and_platform_pages_in_chinese_show_the_chinese_names(named_case, login):
    official = UserFactory(organisation=named_case.office.organisation, language="zh-hans")
    staff = UserFactory(organisation=named_case.platform.organisation, language="zh-hans")
    holder = UserFactory(organisation=named_case.complaint.filed_by_org, language="zh-hans")
    pages = [
        (official, reverse("enforcement:case_detail", args=[named_case.pk])),
        (official, reverse("enforcement:docket")),
        (official, reverse("enforcement:dashboard")),
        (staff, reverse("platforms:case_detail", args=[named_case.pk])),
        (holder, reverse("complaints:case_detail", args=[named_case.pk])),
        (holder, reverse("complaints:home")),
    ]

    for user, url in pages:
        response = login(user).get(url)
        assert response.status_code == 200, url
        html = _without_texts_of_record(response.content.decode())
        shown = [name for name in ENGLISH_NAMES if name in html]
        assert not shown, f"{url} shows {shown} in English on a Chinese page"
    case_page = login(official).get(pages[0][1]).content.decode()
    assert all(name in case_page for name in ("成都市知识产权局", "熊猫集市", "专利案件交知识产权局"))


def test_english_pages_keep_the_names_of_record(named_case, login):
    official = UserFactory(organisation=named_case.office.organisation, language="en")

    html = login(official).get(reverse("enforcement:case_detail", args=[named_case.pk])).content.decode()

    assert all(name in html for name in ENGLISH_NAMES)
    assert "成都市知识产权局" not in html
