"""A user's language and time zone: what they chose, else what their organisation's kind implies."""

import zoneinfo
from collections import Counter
from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import check_for_language, get_supported_language_variant

from accounts.models import Organisation, OrgKind, User

# Chinese platforms and IPR offices work in Chinese and on Beijing time unless a user says otherwise.
CHINESE_ORG_KINDS = (OrgKind.PLATFORM, OrgKind.OFFICE)
CHINESE_ORG_LANGUAGE = "zh-hans"
CHINESE_ORG_TIME_ZONE = "Asia/Shanghai"


def supported_language(code: str | None) -> str | None:
    """`code` as one of settings.LANGUAGES (e.g. "zh-cn" -> "zh-hans"), or None when it is not offered."""
    if not code:
        return None
    try:
        language = get_supported_language_variant(code)
    except LookupError:
        return None
    return language if check_for_language(language) else None


def valid_time_zone(name: str | None) -> zoneinfo.ZoneInfo | None:
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def organisation_language(org: Organisation | None) -> str:
    """The language to write to an organisation's contact address in.

    The language most of its members chose; failing that Chinese for platforms and offices, and the
    site's default language for rightsholders (who may be anywhere in the world).
    """
    if org is None:
        return settings.LANGUAGE_CODE
    return organisation_languages([org])[org.pk]


def organisation_languages(orgs: Iterable[Organisation]) -> dict[int, str]:
    """organisation_language of each organisation, by its id, with one query for all of them."""
    by_pk = {org.pk: org for org in orgs}
    chosen: dict[int, Counter[str]] = {pk: Counter() for pk in by_pk}
    for org_pk, code in (
        User.objects.filter(membership__organisation__in=list(by_pk), is_active=True)
        .exclude(language="")
        .values_list("membership__organisation_id", "language")
    ):
        if language := supported_language(code):
            chosen[org_pk][language] += 1
    return {
        pk: chosen[pk].most_common(1)[0][0]
        if chosen[pk]
        else (CHINESE_ORG_LANGUAGE if org.kind in CHINESE_ORG_KINDS else settings.LANGUAGE_CODE)
        for pk, org in by_pk.items()
    }


def user_language(user: User) -> str:
    """The language to write to a user in: their own choice, else their organisation's."""
    return supported_language(user.language) or organisation_language(user.organisation)


def user_time_zone(user: User) -> zoneinfo.ZoneInfo:
    """The zone to show times in: the user's own, else Beijing time for platforms and offices, else the site's."""
    own = valid_time_zone(user.time_zone)
    if own is not None:
        return own
    if user.org_kind in CHINESE_ORG_KINDS:
        return zoneinfo.ZoneInfo(CHINESE_ORG_TIME_ZONE)
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)
