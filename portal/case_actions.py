"""The complainant's actions on one case: supply information, show an office or court complaint, withdraw."""

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.permissions import rightsholder_required
from cases.models import Case
from cases.selectors import cases_visible_to
from cases.services.decisions import information_supply
from cases.services.notice_and_takedown import case_withdraw as withdraw
from cases.services.notice_and_takedown import follow_up_record


def _case_or_404(request: HttpRequest, pk: int) -> User:
    user = cast(User, request.user)
    if not cases_visible_to(user).filter(pk=pk).exists():
        raise Http404
    return user


def _done(request: HttpRequest, pk: int, call, success: str) -> HttpResponse:
    try:
        call()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except Case.DoesNotExist as exc:
        raise Http404 from exc
    else:
        messages.success(request, success)
    return redirect("complaints:case_detail", pk=pk)


@rightsholder_required
@require_POST
def case_supply_information(request: HttpRequest, pk: int) -> HttpResponse:
    user = _case_or_404(request, pk)
    answer = request.POST.get("answer", "")
    return _done(
        request,
        pk,
        lambda: information_supply(case_id=pk, actor=user, answer=answer),
        _("Information sent to the platform."),
    )


@rightsholder_required
@require_POST
def case_record_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    user = _case_or_404(request, pk)
    reference = request.POST.get("reference", "")
    linked = request.POST.get("linked_case", "").strip()
    linked_id = int(linked) if linked.isdigit() else None
    return _done(
        request,
        pk,
        lambda: follow_up_record(case_id=pk, actor=user, reference=reference, linked_case_id=linked_id),
        _("Recorded: the measures stay in place."),
    )


@rightsholder_required
@require_POST
def case_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user = _case_or_404(request, pk)
    reason = request.POST.get("reason", "")
    return _done(
        request, pk, lambda: withdraw(case_id=pk, actor=user, reason=reason), _("The case is withdrawn.")
    )
