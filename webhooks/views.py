"""Platform console pages for webhooks: endpoints, the delivery log, replay."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import platform_required
from iprgov.http import acting_user, found_or_404
from webhooks import services
from webhooks.models import WebhookDelivery, WebhookEndpoint


class EndpointForm(forms.Form):
    url = forms.URLField(label=gettext_lazy("URL"), max_length=500, assume_scheme="https")
    description = forms.CharField(label=gettext_lazy("Description"), max_length=200, required=False)


def _endpoint_or_404(request: HttpRequest, pk: int) -> WebhookEndpoint:
    return found_or_404(services.endpoint_get_for_platform, user=acting_user(request), endpoint_id=pk)


@require_http_methods(["GET", "POST"])
@platform_required
def endpoint_list(request: HttpRequest) -> HttpResponse:
    form = EndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint = services.webhook_endpoint_create(actor=acting_user(request), **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Endpoint added. Verify each event's signature with the secret shown here.")
            )
            return redirect("webhooks:endpoint_detail", pk=endpoint.pk)
    endpoints = services.endpoint_list_for_platform(user=acting_user(request))
    return render(request, "webhooks/endpoint_list.html", {"form": form, "endpoints": endpoints})


@require_GET
@platform_required
def endpoint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = _endpoint_or_404(request, pk)
    page_obj = Paginator(services.deliveries_for_endpoint(endpoint=endpoint), 50).get_page(
        request.GET.get("page")
    )
    response = render(
        request,
        "webhooks/endpoint_detail.html",
        {
            "endpoint": endpoint,
            "page_obj": page_obj,
            "deliveries": page_obj.object_list,
            "query_without_page": "",
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@platform_required
def endpoint_update(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = _endpoint_or_404(request, pk)
    action = request.POST.get("action")
    services.webhook_endpoint_update(
        actor=acting_user(request),
        endpoint_id=endpoint.pk,
        is_active={"activate": True, "deactivate": False}.get(action or ""),
        rotate_secret=action == "rotate",
    )
    messages.success(request, _("Endpoint updated."))
    return redirect("webhooks:endpoint_detail", pk=endpoint.pk)


@require_POST
@platform_required
def delivery_replay(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        delivery = found_or_404(services.webhook_delivery_replay, actor=acting_user(request), delivery_id=pk)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        endpoint_id = WebhookDelivery.objects.filter(pk=pk).values_list("endpoint_id", flat=True).first()
        return (
            redirect("webhooks:endpoint_detail", pk=endpoint_id)
            if endpoint_id
            else redirect("webhooks:endpoint_list")
        )
    messages.success(request, _("The event is being sent again."))
    return redirect("webhooks:endpoint_detail", pk=delivery.endpoint_id)
