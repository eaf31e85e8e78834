"""Platform API for webhooks: register endpoints, read the delivery log, replay a delivery."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from iprgov.api import IDEMPOTENCY_HEADER, IsPlatform, idempotent
from iprgov.http import acting_user
from webhooks import services
from webhooks.api import serializers as s
from webhooks.models import WebhookDelivery, WebhookEndpoint


class EndpointListCreateApi(generics.ListAPIView):
    """The platform's webhook endpoints (GET); register one (POST). The response carries the signing secret."""

    permission_classes = [IsPlatform]
    serializer_class = s.EndpointOutput
    queryset = WebhookEndpoint.objects.none()  # for the schema; get_queryset scopes

    def get_queryset(self) -> Any:
        return services.endpoint_list_for_platform(user=acting_user(self.request))

    @extend_schema(
        request=s.EndpointInput, responses={201: s.EndpointOutput}, parameters=[IDEMPOTENCY_HEADER]
    )
    @idempotent
    def post(self, request: Request) -> Response:
        """Register a webhook endpoint; the response carries its signing secret."""
        data = s.EndpointInput(data=request.data)
        data.is_valid(raise_exception=True)
        endpoint = services.webhook_endpoint_create(actor=acting_user(request), **data.validated_data)
        return Response(s.EndpointOutput(endpoint).data, status=status.HTTP_201_CREATED)


class DeliveryListApi(generics.ListAPIView):
    """The delivery log of one endpoint, newest first."""

    permission_classes = [IsPlatform]
    serializer_class = s.DeliveryOutput
    queryset = WebhookDelivery.objects.none()  # for the schema; get_queryset scopes

    def get_queryset(self) -> Any:
        endpoint = services.endpoint_get_for_platform(
            user=acting_user(self.request), endpoint_id=self.kwargs["pk"]
        )
        return services.deliveries_for_endpoint(endpoint=endpoint)


class DeliveryReplayApi(APIView):
    """Send a delivery again now (re-signed with a fresh timestamp)."""

    permission_classes = [IsPlatform]

    @extend_schema(request=None, responses={202: s.DeliveryOutput})
    def post(self, request: Request, pk: int) -> Response:
        delivery = services.webhook_delivery_replay(actor=acting_user(request), delivery_id=pk)
        return Response(s.DeliveryOutput(delivery).data, status=status.HTTP_202_ACCEPTED)
