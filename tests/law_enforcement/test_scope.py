"""Referrals are scoped like every other record: the authority sees those made to it, a platform or an
office those it made; anything else is a 404 on the pages, the package and the cases."""

import pytest
from django.http import HttpRequest

from cases.selectors import cases_visible_to
from law_enforcement.services.referrals import referral_make
from tests.factories import PASSWORD, PlatformFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(platform_user, authority, two_cases):
    return referral_make(
        actor=platform_user, authority_id=authority.pk, reason="r", case_ids=[case.pk for case in two_cases]
    )


def _client(client, user):
    assert client.login(request=HttpRequest(), username=user.username, password=PASSWORD)
    return client


@pytest.mark.parametrize("page", ["", "clue-package/"])
def test_the_referrer_and_the_authority_open_the_referral(
    client, referral, platform_user, authority_user, page
):
    for user in (platform_user, authority_user):
        client.logout()
        assert (
            _client(client, user).get(f"/law-enforcement/referrals/{referral.pk}/{page}").status_code == 200
        )


@pytest.mark.parametrize("page", ["", "clue-package/"])
def test_another_authority_or_platform_gets_a_404(client, referral, other_authority_user, page):
    other_platform_user = UserFactory(organisation=PlatformFactory().organisation)
    for user in (other_authority_user, other_platform_user):
        client.logout()
        assert (
            _client(client, user).get(f"/law-enforcement/referrals/{referral.pk}/{page}").status_code == 404
        )


def test_another_authority_cannot_acknowledge(client, referral, other_authority_user):
    answer = _client(client, other_authority_user).post(
        f"/law-enforcement/referrals/{referral.pk}/acknowledge/"
    )

    assert answer.status_code == 404
    referral.refresh_from_db()
    assert referral.acknowledged_at is None


def test_the_authority_reads_the_referred_cases_in_the_referral_not_on_the_case_pages(
    client, referral, two_cases, authority_user
):
    page = _client(client, authority_user).get(f"/law-enforcement/referrals/{referral.pk}/").content.decode()

    for case in two_cases:
        assert f"Case {case.pk}" in page
        assert client.get(f"/api/v1/cases/{case.pk}/").status_code in (401, 403, 404)
        assert client.get(f"/platform/cases/{case.pk}/").status_code == 404
    assert not cases_visible_to(authority_user).exists()


def test_the_console_lists_only_the_authoritys_referrals(
    client, referral, authority_user, other_authority_user
):
    mine = _client(client, authority_user).get("/law-enforcement/")
    client.logout()
    theirs = _client(client, other_authority_user).get("/law-enforcement/")

    assert f"/law-enforcement/referrals/{referral.pk}/" in mine.content.decode()
    assert f"/law-enforcement/referrals/{referral.pk}/" not in theirs.content.decode()


def test_the_referral_pages_are_404_to_a_rightsholder(client, referral, rightsholder_user):
    _client(client, rightsholder_user)

    assert client.get(f"/law-enforcement/referrals/{referral.pk}/").status_code == 404
    assert client.get("/law-enforcement/referrals/new/").status_code == 404
