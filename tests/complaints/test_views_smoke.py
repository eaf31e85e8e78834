import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import CaseFactory, ComplaintFactory, EvidenceFileFactory, IPRightFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_portal_page_renders_in_both_languages(rightsholder_user, login, language):
    client = login(rightsholder_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    right = IPRightFactory(owner_org=rightsholder_user.organisation)
    case = CaseFactory(
        complaint=ComplaintFactory(right=right, filed_by=rightsholder_user, status="submitted")
    )
    EvidenceFileFactory(complaint=case.complaint)
    draft = ComplaintFactory(right=right, filed_by=rightsholder_user)
    urls = [
        reverse("complaints:home"),
        reverse("complaints:right_list"),
        reverse("complaints:right_create"),
        reverse("complaints:complaint_create"),
        reverse("complaints:complaint_detail", args=[case.complaint_id]),
        reverse("complaints:complaint_detail", args=[draft.pk]),
        reverse("complaints:case_detail", args=[case.pk]),
    ]

    responses = {url: client.get(url) for url in urls}

    assert {url: response.status_code for url, response in responses.items()} == dict.fromkeys(urls, 200)
    assert all(f'<html lang="{language}">' in response.content.decode() for response in responses.values())
