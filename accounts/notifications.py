"""In-app notifications, each also emailed: "someone in your organisation must act on this".

The row is written in the caller's transaction (it exists exactly when the change committed); the email
goes after commit, so a mail failure never undoes the change. Both are written in the recipient's
language.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation

from accounts.mail import mail_organisation, send_localised_mail
from accounts.models import Notification, Organisation, User
from accounts.preferences import organisation_languages

MessageBuilder = Callable[[], tuple[str, str]]


@dataclass(frozen=True)
class OrganisationMessage:
    """One message for notify_organisations: to whom, how it is written, what it is about."""

    organisation: Organisation
    build: MessageBuilder
    case_id: int | None = None
    url: str = ""


def notify_organisation(
    *,
    organisation: Organisation,
    build: MessageBuilder,
    case_id: int | None = None,
    url: str = "",
    email: bool = True,
) -> Notification:
    """Record an in-app notification for `organisation` and email its contact address after commit."""
    message = OrganisationMessage(organisation=organisation, build=build, case_id=case_id, url=url)
    return notify_organisations([message], email=email)[0]


def notify_organisations(messages: list[OrganisationMessage], *, email: bool = True) -> list[Notification]:
    """notify_organisation for many messages: their organisations' languages read once, one insert."""
    if not messages:
        return []
    languages = organisation_languages({m.organisation.pk: m.organisation for m in messages}.values())
    notifications = []
    for message in messages:
        translations = {}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                subject, body = message.build()
            translations[language] = {"subject": str(subject)[:200], "body": str(body)}
        written = translations.get(languages[message.organisation.pk]) or next(iter(translations.values()))
        notifications.append(
            Notification(
                organisation=message.organisation,
                case_id=message.case_id,
                subject=written["subject"],
                body=written["body"],
                url=message.url,
                translations=translations,
            )
        )
    created = Notification.objects.bulk_create(notifications)
    if email:
        for message in messages:
            transaction.on_commit(partial(mail_organisation, message.organisation, message.build))
    return created


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
