from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.models import OrgKind
from accounts.selectors import organisation_of

HOME_OF_KIND = {
    OrgKind.RIGHTSHOLDER: "complaints:home",
    OrgKind.PLATFORM: "platforms:queue",
    OrgKind.OFFICE: "enforcement:docket",
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each user to the home of their organisation's kind."""
    org = organisation_of(request.user)
    if org is None:
        return render(request, "accounts/no_organisation.html", status=403)
    return redirect(HOME_OF_KIND[OrgKind(org.kind)])
