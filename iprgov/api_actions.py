"""One shape for the API's steps on a case: check the case is in the caller's scope, parse the input, call
the service the browser page calls, answer with where the case stands now.

A subclass names its input serializer and says what it does in `perform`; `__init_subclass__` gives it a
POST handler of its own (so each endpoint has its own schema) that honours Idempotency-Key. A step the
case's status refuses is the service's `transition_not_allowed`, which the API answers with a 409.
"""

from typing import Any, ClassVar

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from cases.models import Case
from cases.selectors import case_get
from iprgov.api import IDEMPOTENCY_HEADER, idempotent
from iprgov.http import acting_user


class NoInput(serializers.Serializer):
    """A step that takes nothing but the case it is done on."""


class CaseStateOutput(serializers.ModelSerializer):
    """Where the case stands after the step; GET /api/v1/cases/{id}/ has the rest."""

    class Meta:
        model = Case
        fields = ["id", "status", "mode", "outcome", "deadline", "updated_at"]
        read_only_fields = fields


class CaseStepApi(APIView):
    """Base of the endpoints that carry out one step on the case named in the URL (not routed itself)."""

    input_class: ClassVar[type[serializers.Serializer]] = NoInput
    # What a 2xx answer holds: the case's state (200), or the record the step made (201).
    output_class: ClassVar[type[serializers.Serializer]] = CaseStateOutput
    created: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)

        def post(self: CaseStepApi, request: Request, pk: int) -> Response:
            return self.carry_out(request, pk)

        post.__doc__ = cls.__doc__
        answer = status.HTTP_201_CREATED if cls.created else status.HTTP_200_OK
        cls.post = extend_schema(  # type: ignore[attr-defined]
            request=cls.input_class if cls.input_class is not NoInput else None,
            responses={answer: cls.output_class},
            parameters=[IDEMPOTENCY_HEADER],
        )(idempotent(post))

    def carry_out(self, request: Request, pk: int) -> Response:
        user = acting_user(request)
        case_get(user=user, case_id=pk)  # another organisation's case is a 404, whatever the body says
        data = self.input_class(data=request.data, context={"request": request, "case_id": pk})
        data.is_valid(raise_exception=True)
        made = self.perform(user=user, case_id=pk, data=data.validated_data)
        if self.created:
            return Response(self.output_class(made).data, status=status.HTTP_201_CREATED)
        return Response(self.output_class(case_get(user=user, case_id=pk)).data)

    def perform(self, *, user: User, case_id: int, data: dict[str, Any]) -> Any:
        """Call the service; return the record it made (for `created` steps)."""
        raise NotImplementedError
