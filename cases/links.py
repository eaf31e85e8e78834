"""The respondent's signed, expiring link to one case: it needs no account."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from cases.models import Case

RESPONDENT_LINK_SALT = "iprgov.respondents.case-link"


class LinkExpired(Exception):
    """The respondent's link was genuine but is older than IPRGOV_RESPONDENT_LINK_DAYS."""


class LinkInvalid(Exception):
    """The respondent's link was altered, or made for a case that no longer exists."""


# Respondent links ------------------------------------------------------------------------------------


def respondent_token(case: Case) -> str:
    """A signed token naming one case and its store; the signature carries its time of issue."""
    return signing.TimestampSigner(salt=RESPONDENT_LINK_SALT).sign_object(
        {"case": case.pk, "store": case.store_id}
    )


def respondent_url(case: Case) -> str:
    return reverse("respondents:case", args=[respondent_token(case)])


def respondent_case_id(token: str) -> int:
    """The case a respondent's token names. LinkExpired or LinkInvalid otherwise."""
    max_age = settings.IPRGOV_RESPONDENT_LINK_DAYS * 24 * 3600
    try:
        value = signing.TimestampSigner(salt=RESPONDENT_LINK_SALT).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise LinkInvalid from exc
    if (
        not isinstance(value, dict)
        or not isinstance(value.get("case"), int)
        or not isinstance(value.get("store"), int)
    ):
        raise LinkInvalid
    if not Case.objects.filter(pk=value["case"], store_id=value["store"]).exists():
        raise LinkInvalid
    return int(value["case"])
