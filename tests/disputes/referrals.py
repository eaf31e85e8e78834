"""Builders for mediation and arbitration tests: a body serving a case, a case at the body."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import OrgKind, User
from cases.models import Case
from disputes.models import DisputeBodyKind, DisputeReferral, DisputeResolutionBody
from disputes.services.referrals import (
    body_session_record,
    referral_answer_complainant,
    referral_propose_respondent,
)
from tests.factories import OrganisationFactory, UserFactory


def body_serving(
    case: Case, *, kind: str = DisputeBodyKind.MEDIATION_CENTRE, days: int = 30, name: str = ""
) -> DisputeResolutionBody:
    """A body serving the case's platform region and kind of right."""
    body = DisputeResolutionBody.objects.create(
        organisation=OrganisationFactory(
            kind=OrgKind.DISPUTE_BODY, name=name or f"{DisputeBodyKind(kind).label} {case.pk}"
        ),
        body_kind=kind,
        right_types=[case.complaint.right.right_type],
        languages=["zh-hans", "en"],
        fees="" if kind == DisputeBodyKind.MEDIATION_CENTRE else "CNY 500 per party",
        time_limit_working_days=days,
    )
    body.regions.add(case.platform.region)
    return body


def staff_of(body: DisputeResolutionBody) -> User:
    return UserFactory(organisation=body.organisation)


def referred(case: Case, body: DisputeResolutionBody, complainant: User, **kwargs) -> DisputeReferral:
    """The respondent proposes the body and the complainant accepts."""
    referral_propose_respondent(
        case_id=case.pk, name_given="Store owner", body_id=body.pk, measures=kwargs.get("measures", "stand")
    )
    return referral_answer_complainant(case_id=case.pk, actor=complainant, accept=True)


def session_held(case: Case, staff: User) -> None:
    body_session_record(
        case_id=case.pk,
        actor=staff,
        held_at=timezone.now() - timedelta(hours=1),
        place="Online video room",
        online=True,
        notes="Both parties heard.",
    )
