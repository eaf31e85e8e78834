"""API token writes (rest_framework.authtoken: one token per user)."""

from django.db import transaction
from rest_framework.authtoken.models import Token

from accounts.models import User
from audit.services import audit_record


def token_for(*, user: User) -> Token:
    token, _ = Token.objects.get_or_create(user=user)
    return token


@transaction.atomic
def token_rotate(*, user: User) -> Token:
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    audit_record(actor=user, subject=user, action="api_token_rotated")
    return token
