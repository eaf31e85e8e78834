"""The office's steps on an administrative case: accept or decline, assign, schedule, record mediation, and
ask another office for a transfer or for assistance. Each calls the service the office console calls."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import User
from cases.models import AssistanceRequest, CaseSession, RequestStatus, SessionKind, Transfer
from cases.selectors import office_of
from cases.services import administrative, cooperation
from enforcement.models import Office
from iprgov.api import IsOffice
from iprgov.api_actions import CaseStepApi
from iprgov.api_fields import StrictBooleanField, StrictCharField, StrictIdField
from iprgov.http import acting_user


class CaseAcceptApi(CaseStepApi):
    """Accept an administrative case (office managers): the office's decision is then due."""

    permission_classes = [IsOffice]

    def perform(self, *, user: User, case_id: int, data: dict[str, Any]) -> Any:
        return administrative.case_accept(case_id=case_id, actor=user)


class DeclineInput(serializers.Serializer):
    reason = StrictCharField(max_length=20_000, help_text="Why the office declines; the parties are told.")


class CaseDeclineApi(CaseStepApi):
    """Decline an administrative case with reasons (office managers): it falls back to another mode."""

    permission_classes = [IsOffice]
    input_class = DeclineInput

    def perform(self, *, user: User, case_id: int, data: dict[str, Any]) -> Any:
        return administrative.case_decline(case_id=case_id, actor=user, reason=data["reason"])


class AssignInput(serializers.Serializer):
    officials = serializers.ListField(
        child=StrictIdField(), allow_empty=False, max_length=50, help_text="Users of the office."
    )


class OfficialsAssignApi(CaseStepApi):
    """Assign officials of the office to the case (office managers); the list replaces the previous one."""

    permission_classes = [IsOffice]
    input_class = AssignInput

    def perform(self, *, user: User, case_id: int, data: dict[str, Any]) -> Any:
        return administrative.assignment_set(case_id=case_id, actor=user, official_ids=data["officials"])


class SessionInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SessionKind.choices)
    scheduled_for = serializers.DateTimeField(help_text="ISO 8601 with its offset; in the future.")
    location = StrictCharField(max_length=300, help_text="Where, or how to join.")


class SessionOutput(serializers.ModelSerializer):
    class Meta:
        model = CaseSession
        fields = ["id", "case", "kind", "scheduled_for", "location", "result", "result_text"]
        read_only_fields = fields


class SessionScheduleApi(CaseStepApi):
    """Schedule a hearing or a mediation session on an accepted case; both parties are told."""

    permission_classes = [IsOffice]
    input_class = SessionInput
    output_class = SessionOutput
    created = True

    def perform(self, *, user: User, case_id: int, data: dict[str, Any]) -> Any:
        return administrative.session_schedule(case_id=case_id, actor=user, **data)


class MediationResultInput(serializers.Serializer):
    session = StrictIdField(help_text="A mediation session of this case without a result.")
    agreed = StrictBooleanField(help_text="true: an agreement (the case closes); false: mediation failed.")
    text = StrictCharField(max_length=20_000, help_text="The terms agreed, or why mediation failed.")

    def validate_session(self, value: int) -> int:
        if not CaseSession.objects.filter(pk=value, case_id=self.context["case_id"]).exists():
            raise ValidationError(_("This case has no such session."), code="does_not_exist")
        return value


class MediationRecordApi(CaseStepApi):
    """Record the result of a mediation session: an agreement closes the case, a failure leaves it for the
    office's decision."""

    permission_classes = [IsOffice]
    input_class = MediationResultInput
    output_class = SessionOutput
    created = True

    def perform(self, *, user: User, case_id: int, data: dict[str, Any]) -> Any:
        return administrative.mediation_record(
            session_id=data["session"], actor=user, agreed=data["agreed"], text=data["text"]
        )


def other_office(serializer: serializers.Serializer, office_id: int) -> int:
    """An office named in the body: one that does not exist is a 404 like any object named, the caller's own
    a 409 (the case cannot go to, or be helped by, the office that has it)."""
    if not Office.objects.filter(pk=office_id).exists():
        raise ValidationError(_("There is no such office."), code="does_not_exist")
    own = office_of(acting_user(serializer.context["request"]))
    if own is not None and own.pk == office_id:
        raise ValidationError(_("Choose another office than your own."), code="conflict")
    return office_id


class TransferInput(serializers.Serializer):
    to_office = StrictIdField(help_text="Another office.")
    reason = StrictCharField(max_length=20_000)

    def validate_to_office(self, value: int) -> int:
        return other_office(self, value)


class TransferOutput(serializers.ModelSerializer):
    # A transfer is accepted or declined, never "answered".
    status = serializers.ChoiceField(
        choices=[
            (s.value, s.label)
            for s in (RequestStatus.PENDING, RequestStatus.ACCEPTED, RequestStatus.DECLINED)
        ]
    )

    class Meta:
        model = Transfer
        fields = [
            "id",
            "case",
            "from_office",
            "to_office",
            "reason",
            "status",
            "answer_reason",
            "requested_at",
        ]
        read_only_fields = fields


class TransferRequestApi(CaseStepApi):
    """Ask another office to take the case over; it accepts or declines."""

    permission_classes = [IsOffice]
    input_class = TransferInput
    output_class = TransferOutput
    created = True

    def perform(self, *, user: User, case_id: int, data: dict[str, Any]) -> Any:
        return cooperation.transfer_request(
            case_id=case_id, actor=user, to_office_id=data["to_office"], reason=data["reason"]
        )


class AssistanceInput(serializers.Serializer):
    to_office = StrictIdField(help_text="Another office.")
    request = StrictCharField(max_length=20_000, help_text="What the other office is asked to do.")

    def validate_to_office(self, value: int) -> int:
        return other_office(self, value)


class AssistanceOutput(serializers.ModelSerializer):
    # A request for assistance is answered or declined, never "accepted".
    status = serializers.ChoiceField(
        choices=[
            (s.value, s.label)
            for s in (RequestStatus.PENDING, RequestStatus.ANSWERED, RequestStatus.DECLINED)
        ]
    )

    class Meta:
        model = AssistanceRequest
        fields = [
            "id",
            "case",
            "from_office",
            "to_office",
            "request",
            "status",
            "answer",
            "due_on",
            "requested_at",
        ]
        read_only_fields = fields


class AssistanceRequestApi(CaseStepApi):
    """Ask another office for assistance (e.g. an inspection in its region); it answers or declines."""

    permission_classes = [IsOffice]
    input_class = AssistanceInput
    output_class = AssistanceOutput
    created = True

    def perform(self, *, user: User, case_id: int, data: dict[str, Any]) -> Any:
        return cooperation.assistance_request(
            case_id=case_id, actor=user, to_office_id=data["to_office"], request=data["request"]
        )
