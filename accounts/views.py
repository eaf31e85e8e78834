from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.i18n import set_language as django_set_language

from accounts.models import OrgKind
from accounts.preferences import supported_language
from accounts.selectors import organisation_of

HOME_OF_KIND = {
    OrgKind.RIGHTSHOLDER: "complaints:home",
    OrgKind.PLATFORM: "platforms:queue",
    OrgKind.OFFICE: "enforcement:docket",
    OrgKind.SUPERVISOR: "supervision:dashboard",
    OrgKind.DISPUTE_BODY: "disputes:console",
    OrgKind.LAW_ENFORCEMENT: "law_enforcement:console",
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each user to the home of their organisation's kind; an operator without one to the admin."""
    org = organisation_of(request.user)
    if org is None and request.user.is_staff:
        return redirect("admin:index")
    if org is None:
        return render(request, "accounts/no_organisation.html", status=403)
    return redirect(HOME_OF_KIND[OrgKind(org.kind)])


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language (cookie, redirect to `next`), and for a signed-in user the profile too,
    so that the choice follows them to other devices and into their emails."""
    response = django_set_language(request)
    language = supported_language(request.POST.get("language"))
    if language and request.user.is_authenticated and request.user.language != language:
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response
