"""The respondent's API: no account, its signed and expiring token in the URL is the credential, as on its
page. It reads the notice and files a counter-notice or answers the consent request, through the services
its page calls (iprgov.respondent_api: a token that is not genuine is a 404, an expired one a 410)."""

from typing import cast

from django.http import QueryDict
from drf_spectacular.utils import OpenApiRequest, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from cases.actions import CaseAction
from cases.models import ConsentRequest, CounterNotice
from cases.services.consent import consent_answer_respondent
from cases.services.notice_and_takedown import counter_notice_file
from cases.transition import action_allowed_now
from iprgov.api_actions import CaseStateOutput
from iprgov.api_fields import StrictBooleanField, StrictCharField, StrictEmailField
from iprgov.api_schema import GIVEN
from iprgov.api_uploads import DOCUMENT_ENCODING, checked_document
from iprgov.respondent_api import RespondentApi, case_id_of_link
from respondents.selectors import respondent_consent_pending, respondent_notice

MAX_FILES = 10


class NoticeDecisionOutput(serializers.Serializer):
    action = serializers.CharField()
    statement = serializers.CharField(help_text="The statement of reasons sent to the respondent.")
    created_at = serializers.DateTimeField()


class NoticeListingOutput(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField()
    listing_ref = serializers.CharField()
    status = serializers.CharField()
    decisions = NoticeDecisionOutput(many=True)


class NoticeEvidenceOutput(serializers.Serializer):
    id = serializers.IntegerField()
    original_name = serializers.CharField()
    download_url = serializers.CharField(help_text="The file, through the same token.")


class CounterNoticeOutput(serializers.ModelSerializer):
    class Meta:
        model = CounterNotice
        fields = ["id", "respondent_name", "statement", "submitted_at", "forwarded_at"]
        read_only_fields = fields


class ConsentOutput(serializers.ModelSerializer):
    class Meta:
        model = ConsentRequest
        fields = ["party", "status", "due_on", "answered_at", "note"]
        read_only_fields = fields


class NoticeOutput(serializers.Serializer):
    case = CaseStateOutput()
    right_title = serializers.CharField()
    description = serializers.CharField(help_text="The complaint's description of the infringement.")
    listings = NoticeListingOutput(many=True)
    evidence = NoticeEvidenceOutput(many=True)
    counter_notice = CounterNoticeOutput(allow_null=True)
    consents = ConsentOutput(many=True)
    can_file_counter_notice = serializers.BooleanField()
    consent_pending = serializers.BooleanField(help_text="The respondent's consent is being asked now.")
    instruction = serializers.CharField(
        help_text="What the respondent is to do now, and by when (may be empty)."
    )


class RespondentNoticeApi(RespondentApi):
    """The notice the respondent's link opens: the right relied on, the listings with the statement of
    reasons of each measure, the complainant's evidence, and what the respondent may do now."""

    @extend_schema(responses={200: NoticeOutput}, auth=[])
    def get(self, request: Request, token: str) -> Response:
        notice = respondent_notice(case_id=case_id_of_link(token))
        case = notice["case"]
        return Response(
            NoticeOutput(
                {
                    "case": case,
                    "right_title": case.complaint.right.title,
                    "description": case.complaint.description,
                    "listings": notice["listings"],
                    "evidence": [
                        {
                            "id": e.pk,
                            "original_name": e.original_name,
                            "download_url": f"/respond/{token}/evidence/{e.pk}/",
                        }
                        for e in notice["evidence"]
                    ],
                    "counter_notice": notice["counter_notice"],
                    "consents": notice["consents"],
                    "can_file_counter_notice": action_allowed_now(case, CaseAction.COUNTER_NOTICE_RECEIVED),
                    "consent_pending": respondent_consent_pending(case),
                    "instruction": str(notice["instruction"]),
                }
            ).data
        )


class CounterNoticeInput(serializers.Serializer):
    respondent_name = StrictCharField(max_length=200)
    contact_email = StrictEmailField(max_length=254)
    statement = StrictCharField(max_length=20_000, help_text="Why the listings do not infringe.")
    declaration = serializers.BooleanField(
        help_text="The counter-notice is accurate and made in good faith (must be true)."
    )
    evidence = serializers.ListField(child=serializers.FileField(), required=False, max_length=MAX_FILES)

    def validate_evidence(self, value: list) -> list:
        return [checked_document(upload) for upload in value]


class RespondentCounterNoticeApi(RespondentApi):
    """File a counter-notice with evidence (multipart); the platform forwards it to the complainant. Once per
    case: a second one is a 409."""

    parser_classes = [MultiPartParser]

    @extend_schema(
        request=OpenApiRequest(CounterNoticeInput, encoding={"evidence": DOCUMENT_ENCODING}),
        responses={201: CounterNoticeOutput},
        auth=[],
    )
    def post(self, request: Request, token: str) -> Response:
        case_id = case_id_of_link(token)
        form = cast(QueryDict, request.data)
        given = {key: form.get(key) for key in ("respondent_name", "contact_email", "statement")}
        data = CounterNoticeInput(
            data={
                **{k: v for k, v in given.items() if v is not None},
                "declaration": form.get("declaration", False),
                "evidence": request.FILES.getlist("evidence"),
            }
        )
        data.is_valid(raise_exception=True)
        notice = counter_notice_file(case_id=case_id, **data.validated_data)
        return Response(CounterNoticeOutput(notice).data, status=status.HTTP_201_CREATED)


class RespondentConsentInput(serializers.Serializer):
    name = StrictCharField(max_length=200, help_text="The respondent's name or its store's.")
    consent = StrictBooleanField()
    reason = StrictCharField(max_length=5_000, required=False, allow_blank=True, default="")
    any_of = ({"consent": True}, {"reason": GIVEN})


class RespondentConsentApi(RespondentApi):
    """The respondent's answer to the request for its consent to administrative handling."""

    @extend_schema(request=RespondentConsentInput, responses={200: ConsentOutput}, auth=[])
    def post(self, request: Request, token: str) -> Response:
        case_id = case_id_of_link(token)
        data = RespondentConsentInput(data=request.data)
        data.is_valid(raise_exception=True)
        consent = consent_answer_respondent(case_id=case_id, **data.validated_data)
        return Response(ConsentOutput(consent).data)
