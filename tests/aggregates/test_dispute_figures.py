"""The dispute steps (aggregates.figures.DISPUTE_STEPS) are counted from the case events, rebuilt alike from
the audit trail, and published on the transparency page, its JSON and its CSV."""

import csv
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from aggregates.figures import DISPUTE_STEPS, Figure
from aggregates.models import DailyFigure
from aggregates.selectors import Scope, figures_total
from cases.actions import CaseAction
from cases.models import ReviewOutcome
from disputes.models import DisputeBodyKind
from disputes.services.referrals import (
    award_execute,
    award_issue,
    referral_answer_complainant,
    referral_propose_respondent,
    settlement_record,
)
from platforms.models import DecisionAction
from tests.aggregates.lifecycle import decide, reviewed, routed_complaint
from tests.disputes.referrals import body_serving, referred, session_held, staff_of
from tests.factories import PlatformFactory, UserFactory
from tests.platforms.lifecycle import decided_case

pytestmark = pytest.mark.django_db

REVIEW_STEPS = {CaseAction.REVIEW_REQUESTED, CaseAction.REVIEW_CONFIRMED, CaseAction.REVIEW_REVERSED}


def _rows() -> Counter:
    return Counter(
        {
            (r.day, r.platform_pk, r.office_pk, r.right_type, r.mode, r.figure, r.bucket): r.n
            for r in DailyFigure.objects.all()
        }
    )


def _reviews(*, taken_down: int, rejected: int, reversed_: int = 1) -> None:
    """Cases decided by one moderator and reviewed, each against the party it went against, by another:
    the first `reversed_` reversed, the rest confirmed."""
    platform = PlatformFactory(organisation__name="Review Mall")
    first, second = (UserFactory(organisation=platform.organisation) for _ in range(2))
    cases = routed_complaint(platform, stores=taken_down + rejected)
    for i, case in enumerate(cases):
        decide(case, first, DecisionAction.TAKE_DOWN if i < taken_down else DecisionAction.REJECT)
    for i, case in enumerate(cases):
        reviewed(case, second, ReviewOutcome.REVERSED if i < reversed_ else ReviewOutcome.CONFIRMED)


def _month() -> dict[str, str]:
    return {"month": timezone.localdate().strftime("%Y-%m")}


def test_review_steps_are_counted_by_who_asked_and_how_they_were_answered():
    _reviews(taken_down=2, rejected=1)

    today = timezone.localdate()
    total = figures_total(Scope(start=today, end=today))

    assert total.count("reviews_by_respondents") == 2
    assert total.count("reviews_by_complainants") == 1
    assert total.count("reviews_confirmed") == 2
    assert total.count("reviews_reversed") == 1
    # Answered seconds after the request: every answer in the first bucket (within an hour).
    assert total.buckets[Figure.REVIEW_ANSWER_HOURS][0] == 3
    assert total.derived()["review_answer_hours_median"] == 1


def test_rebuild_from_the_audit_trail_gives_the_review_figures_the_events_gave():
    _reviews(taken_down=2, rejected=2, reversed_=2)
    incremental = _rows()
    assert {key[5] for key in incremental} >= {
        step.figure for step in DISPUTE_STEPS if step.action in REVIEW_STEPS
    }

    DailyFigure.objects.all().delete()
    call_command("rebuild_statistics", verbosity=0)

    assert _rows() == incremental


def test_stats_json_csv_and_page_publish_every_dispute_step_with_small_counts_as_a_range(client):
    _reviews(taken_down=6, rejected=1)

    body = client.get(reverse("transparency:stats"), _month()).json()
    csv_rows = list(
        csv.DictReader(
            io.StringIO(
                b"".join(client.get(reverse("transparency:stats_csv"), _month()).streaming_content).decode()
            )
        )
    )
    html = client.get(reverse("transparency:page"), _month()).content.decode()

    disputes = body["total"]["disputes"]
    assert disputes == {
        **{step.figure: 0 for step in DISPUTE_STEPS if step.action not in REVIEW_STEPS},
        "reviews_by_complainants": "<5",
        "reviews_by_respondents": 6,
        "reviews_confirmed": 6,
        "reviews_reversed": "<5",
        "review_answer_hours_median": 1,
    }
    assert body["trend"][-1]["disputes"]["reviews_by_respondents"] == 6
    assert {step.figure for step in DISPUTE_STEPS} <= set(body["definitions"])
    total_line = next(row for row in csv_rows if row["section"] == "total")
    assert total_line["reviews_by_respondents"] == "6" and total_line["reviews_reversed"] == "<5"
    assert 'id="disputes-table"' in html
    for step in DISPUTE_STEPS:
        assert str(step.label) in html


def test_a_median_over_fewer_than_five_answers_is_not_published(client):
    _reviews(taken_down=2, rejected=0)

    disputes = client.get(reverse("transparency:stats"), _month()).json()["total"]["disputes"]

    assert disputes["reviews_by_respondents"] == "<5"
    assert disputes["review_answer_hours_median"] is None


def test_mediation_and_arbitration_steps_are_counted_and_rebuilt_alike():
    platform = PlatformFactory()
    moderator = UserFactory(organisation=platform.organisation)
    mediated, arbitrated, refused = (decided_case(platform, moderator, listings=1) for _ in range(3))
    centre = body_serving(mediated)
    commission = body_serving(arbitrated, kind=DisputeBodyKind.ARBITRATION_COMMISSION)
    referred(mediated, centre, UserFactory(organisation=mediated.complaint.filed_by_org))
    session_held(mediated, staff_of(centre))
    settlement_record(case_id=mediated.pk, actor=staff_of(centre), terms="The listing stays down.")
    referred(arbitrated, commission, UserFactory(organisation=arbitrated.complaint.filed_by_org))
    session_held(arbitrated, staff_of(commission))
    listing = arbitrated.listings.get()
    award_issue(
        case_id=arbitrated.pk, actor=staff_of(commission), terms="Restore.", measures={listing.pk: "restore"}
    )
    award_execute(case_id=arbitrated.pk, actor=moderator)
    referral_propose_respondent(
        case_id=refused.pk, name_given="Store owner", body_id=body_serving(refused).pk, measures="stand"
    )
    referral_answer_complainant(
        case_id=refused.pk,
        actor=UserFactory(organisation=refused.complaint.filed_by_org),
        accept=False,
        reason="We prefer the office.",
    )

    today = timezone.localdate()
    total = figures_total(Scope(start=today, end=today))
    counted = {
        name: total.count(name)
        for name in (
            "referrals_proposed",
            "referrals_accepted",
            "referrals_refused",
            "settlements",
            "awards",
            "awards_executed",
        )
    }
    incremental = _rows()
    DailyFigure.objects.all().delete()
    call_command("rebuild_statistics", verbosity=0)

    assert counted == {
        "referrals_proposed": 3,
        "referrals_accepted": 2,
        "referrals_refused": 1,
        "settlements": 1,
        "awards": 1,
        "awards_executed": 1,
    }
    assert _rows() == incremental
