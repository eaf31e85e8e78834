"""The internal review of a platform's decision through the API (DSA art. 20): the complainant asks
(multipart, with evidence), the respondent asks through its signed link, platform staff other than the
first decider answer, and every party reads the case's reviews. Each calls the service the pages call; a
step the case refuses is a 409."""

from typing import cast

from django.http import QueryDict
from drf_spectacular.utils import OpenApiRequest, extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.selectors import case_get
from cases.services.review import review_decide, review_request_complainant, review_request_respondent
from disputes.api.serializers import (
    RespondentReviewRequestInput,
    ReviewAnswerInput,
    ReviewOutput,
    ReviewRequestInput,
)
from disputes.selectors import reviews_of_case, reviews_of_linked_case
from iprgov.api import IDEMPOTENCY_HEADER, IsPlatform, IsRightsholder, idempotent
from iprgov.api_uploads import DOCUMENT_ENCODING
from iprgov.http import acting_user
from iprgov.respondent_api import RespondentApi, case_id_of_link


def _multipart(request: Request, *fields: str) -> dict:
    """The text fields given and the evidence files of a multipart request."""
    form = cast(QueryDict, request.data)
    given = {field: form.get(field) for field in fields}
    return {
        **{k: v for k, v in given.items() if v is not None},
        "evidence": request.FILES.getlist("evidence"),
    }


class CaseReviewListApi(APIView):
    """The reviews of the case's platform decision, oldest first: each request, its evidence and the answer."""

    @extend_schema(responses={200: ReviewOutput(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        reviews = reviews_of_case(user=acting_user(request), case_id=pk)
        return Response(ReviewOutput(reviews, many=True).data)


class ReviewRequestApi(APIView):
    """The complainant asks the platform to review its rejection (multipart: `reasons`, `evidence`
    repeatable), within the review period of the decision; one review at a time."""

    permission_classes = [IsRightsholder]
    parser_classes = [MultiPartParser]

    @extend_schema(
        request=OpenApiRequest(ReviewRequestInput, encoding={"evidence": DOCUMENT_ENCODING}),
        responses={201: ReviewOutput},
        parameters=[IDEMPOTENCY_HEADER],
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        user = acting_user(request)
        case_get(user=user, case_id=pk)  # another organisation's case is a 404, whatever the body says
        data = ReviewRequestInput(data=_multipart(request, "reasons"))
        data.is_valid(raise_exception=True)
        review = review_request_complainant(case_id=pk, actor=user, **data.validated_data)
        return Response(ReviewOutput(review).data, status=status.HTTP_201_CREATED)


class ReviewAnswerApi(APIView):
    """A member of the platform's staff who did not decide the case's listings answers the pending review:
    confirmed, or reversed (the measures lifted, or the rejected listings taken down for `reason_code`)."""

    permission_classes = [IsPlatform]

    @extend_schema(request=ReviewAnswerInput, responses={200: ReviewOutput}, parameters=[IDEMPOTENCY_HEADER])
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        user = acting_user(request)
        case_get(user=user, case_id=pk)
        data = ReviewAnswerInput(data=request.data)
        data.is_valid(raise_exception=True)
        review = review_decide(case_id=pk, actor=user, **data.validated_data)
        return Response(ReviewOutput(review).data)


class RespondentReviewListApi(RespondentApi):
    """The reviews of the decision on the case the respondent's link names, oldest first."""

    @extend_schema(responses={200: ReviewOutput(many=True)}, auth=[])
    def get(self, request: Request, token: str) -> Response:
        reviews = reviews_of_linked_case(case_id=case_id_of_link(token))
        return Response(ReviewOutput(reviews, many=True).data)


class RespondentReviewRequestApi(RespondentApi):
    """The respondent asks the platform to review a measure (multipart: `name_given`, `reasons`,
    `evidence` repeatable), within the review period of the decision; one review at a time."""

    parser_classes = [MultiPartParser]

    @extend_schema(
        request=OpenApiRequest(RespondentReviewRequestInput, encoding={"evidence": DOCUMENT_ENCODING}),
        responses={201: ReviewOutput},
        auth=[],
    )
    def post(self, request: Request, token: str) -> Response:
        case_id = case_id_of_link(token)
        data = RespondentReviewRequestInput(data=_multipart(request, "name_given", "reasons"))
        data.is_valid(raise_exception=True)
        review = review_request_respondent(case_id=case_id, **data.validated_data)
        return Response(ReviewOutput(review).data, status=status.HTTP_201_CREATED)
