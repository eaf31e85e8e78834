"""Hearings and mediation sessions: shown in the viewer's time zone, and no result before they start."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import Role
from cases.models import CaseSession, CaseStatus, SessionKind
from cases.services.administrative import case_accept, mediation_record, session_schedule
from cases.services.consent import consent_answer_respondent
from cases.services.office_records import administrative_decision_issue
from tests.enforcement.admin_helpers import routed_administrative_case
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _accepted_case(office):
    manager = UserFactory(organisation=office.organisation, organisation__role=Role.MANAGER)
    case = routed_administrative_case(office=office)
    consent_answer_respondent(case_id=case.pk, consent=True, name="Store owner")
    return case_accept(case_id=case.pk, actor=manager)


def _schedule(case, official, kind: str) -> CaseSession:
    starts = (timezone.now() + timedelta(days=2)).replace(minute=30, second=0, microsecond=0)
    return session_schedule(
        case_id=case.pk, actor=official, kind=kind, scheduled_for=starts, location="Room 2"
    )


def _held(session: CaseSession) -> None:
    """The time passes: the session has started."""
    CaseSession.objects.filter(pk=session.pk).update(scheduled_for=timezone.now() - timedelta(minutes=1))


def test_the_mediation_dropdown_shows_the_session_in_the_officials_time_zone(office, login):
    # Given an official who works in Berlin time and a mediation scheduled by a colleague
    case = _accepted_case(office)
    session = _schedule(case, UserFactory(organisation=office.organisation), SessionKind.MEDIATION)
    official = UserFactory(organisation=office.organisation, time_zone="Europe/Berlin")

    page = login(official).get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()

    # Then the result form's session reads in Berlin time, not UTC or Beijing time
    with timezone.override(ZoneInfo("Europe/Berlin")):
        berlin = date_format(timezone.localtime(session.scheduled_for), "SHORT_DATETIME_FORMAT")
    with timezone.override(ZoneInfo("UTC")):
        utc = date_format(timezone.localtime(session.scheduled_for), "SHORT_DATETIME_FORMAT")
    form = page.split('id="mediation-result"')[1].split("</section>")[0]
    assert f"Mediation {berlin}" in form
    assert utc not in form
    # And the scheduling form says the time typed is read in Berlin time
    assert "In your time zone: Europe/Berlin." in page.split('id="schedule"')[1].split("</section>")[0]


def test_a_mediation_result_before_the_session_starts_is_refused(office, office_user, login):
    case = _accepted_case(office)
    session = _schedule(case, office_user, SessionKind.MEDIATION)

    with pytest.raises(ValidationError, match="its result can be recorded once it has started"):
        mediation_record(session_id=session.pk, actor=office_user, agreed=True, text="Agreed early.")
    response = login(office_user).post(
        reverse("enforcement:mediation_record", args=[case.pk]),
        {"session": session.pk, "agreed": "yes", "text": "Agreed early."},
    )

    assert response.status_code == 400
    assert "its result can be recorded once it has started" in response.content.decode()
    case.refresh_from_db()
    session.refresh_from_db()
    assert (case.status, session.result) == (CaseStatus.AWAITING_OFFICE_DECISION, "")

    # Once it has started, the result is recorded
    _held(session)
    mediation_record(session_id=session.pk, actor=office_user, agreed=True, text="Agreed at the session.")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_a_decision_before_the_hearing_takes_place_is_refused(office, office_user):
    case = _accepted_case(office)
    hearing = _schedule(case, office_user, SessionKind.HEARING)

    with pytest.raises(ValidationError, match="has not taken place yet"):
        administrative_decision_issue(
            case_id=case.pk, actor=office_user, infringement_established=False, reasoning="No infringement."
        )

    _held(hearing)
    decision = administrative_decision_issue(
        case_id=case.pk, actor=office_user, infringement_established=False, reasoning="No infringement."
    )
    assert decision.pk is not None
