"""The public register's pages and its open JSON, and the complainant's request to withhold an entry."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.permissions import rightsholder_required
from cases.models import Case
from iprgov.api_errors import error
from iprgov.http import acting_user
from transparency.register import register_page
from transparency.register_forms import RegisterSearchForm, WithholdingForm
from transparency.services import withholding_request

SCHEMA = "iprgov-public-register/1"


def _page_url(request: HttpRequest, name: str, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return f"{reverse(name)}?{query.urlencode()}"


@require_safe
def register(request: HttpRequest) -> HttpResponse:
    form = RegisterSearchForm(request.GET)
    if not form.is_valid():
        return render(request, "transparency/register.html", {"form": form}, status=400)
    page = register_page(form.search(), page=form.cleaned_data["page"] or 1)
    return render(
        request,
        "transparency/register.html",
        {
            "form": form,
            "page": page,
            "next_url": _page_url(request, "transparency:register", page.number + 1) if page.has_next else "",
            "previous_url": _page_url(request, "transparency:register", page.number - 1)
            if page.number > 1
            else "",
            "json_url": f"{reverse('transparency:register_json')}?{urlencode(request.GET)}",
        },
    )


@require_safe
def register_json(request: HttpRequest) -> JsonResponse:
    """The register as open JSON, a page at a time (docs/transparency.md gives the schema)."""
    form = RegisterSearchForm(request.GET)
    if not form.is_valid():
        errors = [
            error(field, e.code or "invalid", " ".join(e.messages))
            for field, field_errors in form.errors.as_data().items()
            for e in field_errors
        ]
        return JsonResponse({"errors": errors}, status=400, json_dumps_params={"ensure_ascii": False})
    page = register_page(form.search(), page=form.cleaned_data["page"] or 1)
    absolute = request.build_absolute_uri
    return JsonResponse(
        {
            "schema": SCHEMA,
            "page": page.number,
            "next": absolute(_page_url(request, "transparency:register_json", page.number + 1))
            if page.has_next
            else None,
            "previous": absolute(_page_url(request, "transparency:register_json", page.number - 1))
            if page.number > 1
            else None,
            "results": page.entries,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@rightsholder_required
def withhold(request: HttpRequest, pk: int) -> HttpResponse:
    """The complainant asks for the register entry of one of its cases to be withheld, with a reason."""
    form = WithholdingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            withholding_request(case_id=pk, actor=acting_user(request), reason=form.cleaned_data["reason"])
        except Case.DoesNotExist as exc:
            raise Http404 from exc
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Your request was sent to the operators, who will approve or refuse it.")
            )
            return redirect("complaints:case_detail", pk=pk)
    elif not Case.objects.filter(pk=pk, complaint__filed_by_org=acting_user(request).organisation).exists():
        raise Http404
    return render(
        request,
        "transparency/withhold.html",
        {"form": form, "case_pk": pk},
        status=400 if form.errors else 200,
    )
