"""In-app notifications, each also emailed: "someone in your organisation must act on this".

The row is written in the caller's transaction (it exists exactly when the change committed); the email
goes after commit, so a mail failure never undoes the change. Both are written in the recipient's
language.
"""

from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation

from accounts.mail import mail_organisation, send_localised_mail
from accounts.models import Notification, Organisation, User
from accounts.preferences import organisation_language

MessageBuilder = Callable[[], tuple[str, str]]


def notify_organisation(
    *,
    organisation: Organisation,
    build: MessageBuilder,
    case_id: int | None = None,
    url: str = "",
    email: bool = True,
) -> Notification:
    """Record an in-app notification for `organisation` and email its contact address after commit."""
    translations = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            subject, body = build()
        translations[language] = {"subject": str(subject)[:200], "body": str(body)}
    written = translations.get(organisation_language(organisation)) or next(iter(translations.values()))
    notification = Notification.objects.create(
        organisation=organisation,
        case_id=case_id,
        subject=written["subject"],
        body=written["body"],
        url=url,
        translations=translations,
    )
    if email:
        transaction.on_commit(partial(mail_organisation, organisation, build))
    return notification


def notify_address(*, address: str, build: MessageBuilder, language: str = "") -> None:
    """Email someone without an account (a respondent store) after commit: in `language` (the site's when
    not given), with the message in the site's other languages below, since nobody chose it for them."""
    if not address:
        return
    first = language or settings.LANGUAGE_CODE
    others = [code for code, _name in settings.LANGUAGES if code != first]
    transaction.on_commit(
        partial(send_localised_mail, to=[address], language=first, build=build, also_in=others)
    )


def notifications_for(*, user: User) -> QuerySet[Notification]:
    org = user.organisation
    if org is None:
        return Notification.objects.none()
    return Notification.objects.filter(organisation=org).order_by("-created_at", "-pk")


def notifications_mark_read(*, user: User) -> int:
    return notifications_for(user=user).filter(read_at=None).update(read_at=timezone.now())
