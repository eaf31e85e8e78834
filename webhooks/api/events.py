"""The events feed: the events of the caller's cases, with the payloads their webhooks carry, read forward
from the last one seen. A platform that missed webhooks (or any organisation without an endpoint) catches
up with it instead of scanning its queue."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from cases.actions import CaseAction
from iprgov.http import acting_user
from webhooks.catalogue import event_catalogue
from webhooks.models import CaseEvent
from webhooks.services import events_for_user

PAGE_SIZE = 100
MAX_ID = 2**63 - 1


class EventOutput(serializers.ModelSerializer):
    type = serializers.CharField(source="event_type")
    payload = serializers.JSONField(help_text="The body its webhook carries (docs/api.md, the catalogue).")

    class Meta:
        model = CaseEvent
        fields = ["id", "event_id", "type", "case_id", "created_at", "payload"]
        read_only_fields = fields


class EventPageOutput(serializers.Serializer):
    next = serializers.CharField(
        help_text="Where to read on: the events after the last one here (the same cursor when none came)."
    )
    results = EventOutput(many=True)


AFTER = OpenApiParameter(
    "after",
    {"type": "integer", "minimum": 0, "maximum": MAX_ID},
    OpenApiParameter.QUERY,
    required=False,
    description="The `id` of the last event received; left out, the feed starts at the first event.",
)


class EventListApi(APIView):
    """The events of the organisation's cases in the order they happened, 100 at a time, after a cursor."""

    @extend_schema(parameters=[AFTER], responses={200: EventPageOutput})
    def get(self, request: Request) -> Response:
        after = _after(request)
        events = list(events_for_user(user=acting_user(request)).filter(pk__gt=after)[:PAGE_SIZE])
        last = events[-1].pk if events else after
        next_url = replace_query_param(request.build_absolute_uri(), "after", last)
        return Response(EventPageOutput({"next": next_url, "results": events}).data)


def _after(request: Request) -> int:
    given = request.query_params.get("after", "")
    if not given:
        return 0
    if not (given.isascii() and given.isdigit() and int(given) <= MAX_ID):
        raise exceptions.ValidationError(
            {"after": [exceptions.ErrorDetail(_("Give the id of the last event received."), code="invalid")]}
        )
    return int(given)


class EventTypeOutput(serializers.Serializer):
    type = serializers.ChoiceField(choices=[(a.event, a.event) for a in CaseAction])
    description = serializers.CharField(help_text="What happened, in the caller's language.")
    example = serializers.JSONField(help_text="An example of the payload its webhook and feed entry carry.")


class EventTypeListApi(APIView):
    """The catalogue of webhook events: every type an endpoint or the feed can receive, with an example."""

    @extend_schema(responses={200: EventTypeOutput(many=True)})
    def get(self, request: Request) -> Response:
        return Response(EventTypeOutput(event_catalogue(), many=True).data)
