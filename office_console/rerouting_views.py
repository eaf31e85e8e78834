"""An office manager re-routes a case of its jurisdiction: a thin wrapper around cases.services.rerouting."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import office_required
from cases.forms import RerouteForm
from cases.services.rerouting import case_reroute
from enforcement.models import Office
from iprgov.http import acting_user
from iprgov.once import once_per_form
from office_console.views import case_action


@office_required
@require_POST
@once_per_form
def case_reroute_view(request: HttpRequest, pk: int) -> HttpResponse:
    return case_action(
        request,
        pk,
        "reroute_form",
        RerouteForm(request.POST, offices=list(Office.objects.select_related("organisation"))),
        lambda data: case_reroute(
            case_id=pk,
            actor=acting_user(request),
            mode=data["mode"],
            office_id=data["office"],
            reason=data["reason"],
        ),
        _("Case re-routed; the parties are told."),
    )
