"""What every page behind a respondent's signed link does first: read the case the link names."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cases.links import LinkExpired, LinkInvalid, respondent_case_id


def case_id_or_refusal(request: HttpRequest, token: str) -> int | HttpResponse:
    """The case the link names, or the page telling the respondent why the link cannot be used."""
    try:
        return respondent_case_id(token)
    except LinkExpired:
        return render(request, "respondents/link_refused.html", {"expired": True}, status=410)
    except LinkInvalid:
        return render(request, "respondents/link_refused.html", {"expired": False}, status=404)
