"""The organisation's in-app notifications: the list (each in the caller's language), how many are unread,
and marking them all read, as the notifications page does."""

from typing import Any

from django.utils import translation
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import Notification
from accounts.notifications import notifications_for, notifications_mark_read
from iprgov.api import IDEMPOTENCY_HEADER, idempotent
from iprgov.http import acting_user


class NotificationOutput(serializers.ModelSerializer):
    subject = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "case_id", "subject", "body", "url", "created_at", "read_at"]
        read_only_fields = fields

    def get_subject(self, obj: Notification) -> str:
        return obj.in_language(translation.get_language())[0]

    def get_body(self, obj: Notification) -> str:
        return obj.in_language(translation.get_language())[1]


class NotificationListApi(generics.ListAPIView):
    """The organisation's notifications, newest first, in the caller's language (Accept-Language)."""

    serializer_class = NotificationOutput
    queryset = Notification.objects.none()  # for the schema; get_queryset scopes

    def get_queryset(self) -> Any:
        return notifications_for(user=acting_user(self.request))


class UnreadCountOutput(serializers.Serializer):
    unread = serializers.IntegerField(min_value=0)


class NotificationUnreadCountApi(APIView):
    """How many of the organisation's notifications are unread."""

    @extend_schema(responses={200: UnreadCountOutput})
    def get(self, request: Request) -> Response:
        unread = notifications_for(user=acting_user(request)).filter(read_at=None).count()
        return Response(UnreadCountOutput({"unread": unread}).data)


class MarkedReadOutput(serializers.Serializer):
    marked = serializers.IntegerField(min_value=0, help_text="How many were unread and are now read.")


class NotificationsReadApi(APIView):
    """Mark every notification of the organisation read."""

    @extend_schema(request=None, responses={200: MarkedReadOutput}, parameters=[IDEMPOTENCY_HEADER])
    @idempotent
    def post(self, request: Request) -> Response:
        return Response(MarkedReadOutput({"marked": notifications_mark_read(user=acting_user(request))}).data)
