import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import AuditEntry
from cases.models import Case, CaseStatus, HandlingMode, OpinionOutcome
from cases.services.office_records import administrative_decision_issue, opinion_issue
from enforcement.models import Office
from tests.factories import CaseFactory, OfficeFactory, UserFactory

pytestmark = pytest.mark.django_db


def _assisted(office: Office, **kwargs: object) -> Case:
    return CaseFactory(
        mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_OPINION, office=office, **kwargs
    )


def _administrative(office: Office) -> Case:
    return CaseFactory(
        mode=HandlingMode.ADMINISTRATIVE, status=CaseStatus.AWAITING_OFFICE_DECISION, office=office
    )


def test_opinion_returns_the_case_to_the_platform_with_a_new_deadline_and_an_audit_entry(office, office_user):
    case = _assisted(office, deadline=timezone.localdate())

    opinion = opinion_issue(
        case_id=case.pk,
        actor=office_user,
        outcome=OpinionOutcome.NOT_INFRINGING,
        reasoning="  Different shape. ",
    )

    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_PLATFORM
    assert case.deadline is not None and case.deadline > timezone.localdate()
    assert (opinion.outcome, opinion.reasoning) == (OpinionOutcome.NOT_INFRINGING, "Different shape.")
    entry = AuditEntry.objects.get(case_id=case.pk, action="opinion_issued")
    assert (entry.from_status, entry.to_status, entry.actor) == (
        CaseStatus.AWAITING_OPINION,
        CaseStatus.AWAITING_PLATFORM,
        office_user,
    )


def test_opinion_without_reasoning_is_refused_on_the_reasoning_field(office, office_user):
    case = _assisted(office)

    with pytest.raises(ValidationError) as refused:
        opinion_issue(case_id=case.pk, actor=office_user, outcome=OpinionOutcome.INFRINGING, reasoning=" ")

    assert "reasoning" in refused.value.message_dict
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_OPINION


def test_opinion_with_an_unknown_outcome_is_refused_and_changes_nothing(office, office_user):
    case = _assisted(office)

    with pytest.raises(ValidationError) as refused:
        opinion_issue(case_id=case.pk, actor=office_user, outcome="maybe", reasoning="Because.")

    assert "outcome" in refused.value.message_dict
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_OPINION


def test_opinion_on_a_case_not_awaiting_one_is_refused_in_words(office, office_user):
    case = CaseFactory(
        mode=HandlingMode.ADMINISTRATIVE, status=CaseStatus.AWAITING_OFFICE_DECISION, office=office
    )

    with pytest.raises(ValidationError) as refused:
        opinion_issue(
            case_id=case.pk, actor=office_user, outcome=OpinionOutcome.INFRINGING, reasoning="Because."
        )

    assert refused.value.messages == ["An opinion can only be given on a case awaiting one."]


def test_opinion_on_another_offices_case_is_not_found(office):
    case = _assisted(office)
    stranger = UserFactory(organisation=OfficeFactory().organisation)

    with pytest.raises(Case.DoesNotExist):
        opinion_issue(
            case_id=case.pk, actor=stranger, outcome=OpinionOutcome.INFRINGING, reasoning="Because."
        )


def test_opinion_by_a_platform_user_is_refused(office, platform_user):
    case = _assisted(office)

    with pytest.raises(ValidationError) as refused:
        opinion_issue(
            case_id=case.pk, actor=platform_user, outcome=OpinionOutcome.INFRINGING, reasoning="Because."
        )

    assert refused.value.code == "forbidden"


def test_decision_moves_the_case_to_awaiting_execution(office, office_user):
    case = _administrative(office)

    decision = administrative_decision_issue(
        case_id=case.pk,
        actor=office_user,
        infringement_established=True,
        reasoning="Same mark.",
        measures_ordered="Remove all listings.",
    )

    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_EXECUTION
    assert decision.measures_ordered == "Remove all listings."
    assert AuditEntry.objects.filter(case_id=case.pk, action="decision_issued").exists()


def test_decision_finding_no_infringement_needs_no_measures(office, office_user):
    case = _administrative(office)

    decision = administrative_decision_issue(
        case_id=case.pk, actor=office_user, infringement_established=False, reasoning="Genuine goods."
    )

    assert decision.infringement_established is False
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_EXECUTION


def test_decision_establishing_infringement_needs_the_measures_ordered(office, office_user):
    case = _administrative(office)

    with pytest.raises(ValidationError) as refused:
        administrative_decision_issue(
            case_id=case.pk, actor=office_user, infringement_established=True, reasoning="Same mark."
        )

    assert "measures_ordered" in refused.value.message_dict


def test_decision_on_a_case_not_awaiting_one_is_refused_in_words(office, office_user):
    case = _assisted(office)

    with pytest.raises(ValidationError) as refused:
        administrative_decision_issue(
            case_id=case.pk, actor=office_user, infringement_established=False, reasoning="Genuine goods."
        )

    assert refused.value.messages == ["A decision can only be issued on a case awaiting one."]
