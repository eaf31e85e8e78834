"""What every API endpoint behind a respondent's signed link shares: no account, the token in the URL is
the credential. A token that is not genuine is a 404; an expired one a 410."""

from rest_framework import exceptions
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from cases.links import LinkExpired, LinkInvalid, respondent_case_id


class LinkGone(exceptions.APIException):
    status_code = 410
    default_code = "expired"
    default_detail = "This link has expired: ask the platform for a new one."


def respondent_api_case_id(token: str) -> int:
    """The case the link names; a 404 or a 410 otherwise."""
    try:
        return respondent_case_id(token)
    except LinkExpired as exc:
        raise LinkGone() from exc
    except LinkInvalid as exc:
        raise exceptions.NotFound() from exc


class RespondentApi(APIView):
    # The token in the URL is the credential: no account, no session (and so no CSRF token to send).
    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
