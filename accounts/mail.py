"""Email in the recipient's language. Every sender goes through `send_localised_mail`.

The subject and body are built inside `translation.override(language)`, so gettext, lazy choice
labels and date formats all come out in the recipient's language, whatever language the request
or worker that sends the mail happens to be in.
"""

import logging
from collections.abc import Callable, Iterable

from django.core.mail import send_mail
from django.utils import translation

from accounts.models import Organisation, User
from accounts.preferences import organisation_language, user_language

log = logging.getLogger(__name__)

# Builds (subject, body) under the recipient's language.
MessageBuilder = Callable[[], tuple[str, str]]


def send_localised_mail(
    *, to: Iterable[str], language: str, build: MessageBuilder, also_in: Iterable[str] = ()
) -> bool:
    """Send one message to `to`, written in `language`, with the same body in each of `also_in` below it.
    False (and logged) when it could not be sent.

    A mail failure never undoes the change that caused it: callers send after commit.
    """
    recipients = [address for address in to if address]
    if not recipients:
        return False
    with translation.override(language):
        subject, body = build()
    for other in also_in:
        with translation.override(other):
            body = f"{body}\n\n{'-' * 40}\n\n{build()[1]}"
    try:
        send_mail(subject, body, None, recipients)
    except OSError:
        log.warning("Mail %r to %s not sent", subject, recipients, exc_info=True)
        return False
    return True


def mail_organisation(org: Organisation, build: MessageBuilder) -> bool:
    """Mail an organisation's contact address in the organisation's language (see organisation_language)."""
    return send_localised_mail(to=[org.contact_email], language=organisation_language(org), build=build)


def mail_user(user: User, build: MessageBuilder) -> bool:
    """Mail a user in the language of their profile, else their organisation's."""
    return send_localised_mail(to=[user.email], language=user_language(user), build=build)
