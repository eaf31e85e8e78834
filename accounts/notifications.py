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
from accounts.preferences import organisation_language

MessageBuilder = Callable[[], tuple[str, str]]


@dataclass(frozen=True)
class Notice:
    """One notification to write: to whom, what (built in each language), about which case, where to go."""

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
    notice = Notice(organisation=organisation, build=build, case_id=case_id, url=url)
    notification = _notification(notice, organisation_language(organisation))
    notification.save()
    if email:
        transaction.on_commit(partial(mail_organisation, organisation, build))
    return notification


def notify_organisations_many(notices: list[Notice]) -> list[Notification]:
    """notify_organisation for many notices, in one insert: each organisation's language read once."""
    languages: dict[int, str] = {}
    notifications = []
    for notice in notices:
        org = notice.organisation
        if org.pk not in languages:
            languages[org.pk] = organisation_language(org)
        notifications.append(_notification(notice, languages[org.pk]))
    written = Notification.objects.bulk_create(notifications)
    # Mailed after commit in the language read above, not read again for each mail.
    mails = [
        (notice.organisation.contact_email, languages[notice.organisation.pk], notice.build)
        for notice in notices
    ]
    transaction.on_commit(partial(_mail_each, mails))
    return written


def _mail_each(mails: list[tuple[str, str, MessageBuilder]]) -> None:
    for address, language, build in mails:
        send_localised_mail(to=[address], language=language, build=build)


def _notification(notice: Notice, language: str) -> Notification:
    """The unsaved notification, in every language, shown in `language` (the recipient's)."""
    translations = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            subject, body = notice.build()
        translations[code] = {"subject": str(subject)[:200], "body": str(body)}
    written = translations.get(language) or next(iter(translations.values()))
    return Notification(
        organisation=notice.organisation,
        case_id=notice.case_id,
        subject=written["subject"],
        body=written["body"],
        url=notice.url,
        translations=translations,
    )


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
