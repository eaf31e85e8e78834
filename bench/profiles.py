"""The mix of cases the loader makes: every handling mode and every status a routed case can be in, with
the records each one has by then (opinion, consent, assignment, decisions, counter-notice...).

A case takes the profile of its bucket (0–99): a profile's weight is the number of buckets it has, so the
weights are the percentage of cases in it. New (unrouted) cases are left out: the routing sweep would route
them while it is measured; the filing phase of the benchmark makes new cases live.
"""

from dataclasses import dataclass, fields

from cases.actions import CaseAction
from cases.models import CaseClosure, CaseOutcome, CaseStatus, HandlingMode
from complaints.models import ListingStatus
from platforms.models import DecisionAction


@dataclass(frozen=True)
class Verdict:
    """How the case was decided: its outcome, the decision on every listing and the listings' status."""

    outcome: str = ""
    decision: str = ""  # a ListingDecision each, when given
    listing_status: str = ListingStatus.PENDING


UNDECIDED = Verdict()


@dataclass(frozen=True)
class Profile:
    weight: int
    mode: str
    status: str
    # The case's last step after routing (its audit entry), and the status it left.
    last_action: str = ""
    last_from: str = ""
    closure: str = ""
    verdict: Verdict = UNDECIDED
    opinion: bool = False
    consent: str = ""  # "pending" or "given": both parties' ConsentRequest
    accepted: bool = False
    assigned: bool = False
    office_decision: bool = False
    mediated: bool = False
    counter_notice: bool = False
    counter_notice_forwarded: bool = False
    information_request: bool = False

    @property
    def is_open(self) -> bool:
        return self.status not in (CaseStatus.CLOSED, CaseStatus.WITHDRAWN)

    @property
    def is_decided(self) -> bool:
        return bool(self.verdict.decision)


S, A, M = CaseStatus, CaseAction, HandlingMode
UPHELD = Verdict(CaseOutcome.UPHELD, DecisionAction.TAKE_DOWN, ListingStatus.TAKEN_DOWN)
NOT_UPHELD = Verdict(CaseOutcome.NOT_UPHELD, DecisionAction.REJECT, ListingStatus.REJECTED)
RESTORED = Verdict(CaseOutcome.RESTORED, DecisionAction.TAKE_DOWN, ListingStatus.RESTORED)

PROFILES: tuple[Profile, ...] = (
    # Platform handling (notice and takedown).
    Profile(21, M.PLATFORM, S.AWAITING_PLATFORM),
    Profile(
        2,
        M.PLATFORM,
        S.INFORMATION_REQUESTED,
        A.INFORMATION_REQUESTED,
        S.AWAITING_PLATFORM,
        information_request=True,
    ),
    Profile(1, M.PLATFORM, S.DECIDED, A.DECIDED, S.AWAITING_PLATFORM, verdict=UPHELD),
    Profile(6, M.PLATFORM, S.NOTICE_FORWARDED, A.NOTICE_FORWARDED, S.DECIDED, verdict=UPHELD),
    Profile(
        2,
        M.PLATFORM,
        S.COUNTER_NOTICE_RECEIVED,
        A.COUNTER_NOTICE_RECEIVED,
        S.NOTICE_FORWARDED,
        counter_notice=True,
        verdict=UPHELD,
    ),
    Profile(
        2,
        M.PLATFORM,
        S.WINDOW_OPEN,
        A.COUNTER_NOTICE_FORWARDED,
        S.COUNTER_NOTICE_RECEIVED,
        counter_notice=True,
        counter_notice_forwarded=True,
        verdict=UPHELD,
    ),
    Profile(
        18,
        M.PLATFORM,
        S.CLOSED,
        A.CLOSED_WITHOUT_COUNTER_NOTICE,
        S.NOTICE_FORWARDED,
        closure=CaseClosure.NO_COUNTER_NOTICE,
        verdict=UPHELD,
    ),
    Profile(
        7,
        M.PLATFORM,
        S.CLOSED,
        A.CLOSED_REJECTED,
        S.DECIDED,
        closure=CaseClosure.REJECTED,
        verdict=NOT_UPHELD,
    ),
    Profile(
        2,
        M.PLATFORM,
        S.CLOSED,
        A.MEASURES_LIFTED,
        S.WINDOW_OPEN,
        closure=CaseClosure.RESTORED,
        counter_notice=True,
        counter_notice_forwarded=True,
        verdict=RESTORED,
    ),
    Profile(
        1,
        M.PLATFORM,
        S.CLOSED,
        A.FOLLOW_UP_FILED,
        S.WINDOW_OPEN,
        closure=CaseClosure.FOLLOW_UP_FILED,
        counter_notice=True,
        counter_notice_forwarded=True,
        verdict=UPHELD,
    ),
    Profile(
        1,
        M.PLATFORM,
        S.CLOSED,
        A.INFORMATION_LAPSED,
        S.INFORMATION_REQUESTED,
        closure=CaseClosure.INFORMATION_LAPSED,
        information_request=True,
    ),
    Profile(2, M.PLATFORM, S.WITHDRAWN, A.WITHDRAWN, S.AWAITING_PLATFORM),
    # Platform handling with an office's determination opinion.
    Profile(6, M.ASSISTED, S.AWAITING_OPINION),
    Profile(4, M.ASSISTED, S.AWAITING_PLATFORM, A.OPINION_ISSUED, S.AWAITING_OPINION, opinion=True),
    Profile(2, M.ASSISTED, S.NOTICE_FORWARDED, A.NOTICE_FORWARDED, S.DECIDED, opinion=True, verdict=UPHELD),
    Profile(
        5,
        M.ASSISTED,
        S.CLOSED,
        A.CLOSED_WITHOUT_COUNTER_NOTICE,
        S.NOTICE_FORWARDED,
        closure=CaseClosure.NO_COUNTER_NOTICE,
        opinion=True,
        verdict=UPHELD,
    ),
    Profile(
        2,
        M.ASSISTED,
        S.CLOSED,
        A.CLOSED_REJECTED,
        S.DECIDED,
        closure=CaseClosure.REJECTED,
        opinion=True,
        verdict=NOT_UPHELD,
    ),
    # Administrative handling by the office.
    Profile(3, M.ADMINISTRATIVE, S.AWAITING_CONSENT, consent="pending"),
    Profile(
        2, M.ADMINISTRATIVE, S.AWAITING_ACCEPTANCE, A.CONSENT_COMPLETE, S.AWAITING_CONSENT, consent="given"
    ),
    Profile(
        3,
        M.ADMINISTRATIVE,
        S.AWAITING_OFFICE_DECISION,
        A.ACCEPTED,
        S.AWAITING_ACCEPTANCE,
        consent="given",
        accepted=True,
        assigned=True,
    ),
    Profile(
        2,
        M.ADMINISTRATIVE,
        S.AWAITING_EXECUTION,
        A.DECISION_ISSUED,
        S.AWAITING_OFFICE_DECISION,
        consent="given",
        accepted=True,
        assigned=True,
        office_decision=True,
    ),
    Profile(
        1,
        M.ADMINISTRATIVE,
        S.DECIDED,
        A.DECIDED,
        S.AWAITING_EXECUTION,
        consent="given",
        accepted=True,
        assigned=True,
        office_decision=True,
        verdict=UPHELD,
    ),
    Profile(
        3,
        M.ADMINISTRATIVE,
        S.CLOSED,
        A.EXECUTION_CONFIRMED,
        S.DECIDED,
        closure=CaseClosure.EXECUTED,
        consent="given",
        accepted=True,
        assigned=True,
        office_decision=True,
        verdict=UPHELD,
    ),
    Profile(
        2,
        M.ADMINISTRATIVE,
        S.CLOSED,
        A.MEDIATION_AGREEMENT,
        S.AWAITING_OFFICE_DECISION,
        closure=CaseClosure.MEDIATED,
        consent="given",
        accepted=True,
        assigned=True,
        mediated=True,
    ),
)
assert sum(p.weight for p in PROFILES) == 100, sum(p.weight for p in PROFILES)


def _flat(profile: Profile) -> dict[str, object]:
    """The profile's fields, the verdict's among them, then is_open and is_decided."""
    values = {
        f.name: getattr(profile, f.name) for f in fields(Profile) if f.name not in ("weight", "verdict")
    }
    values |= {f.name: getattr(profile.verdict, f.name) for f in fields(Verdict)}
    return values | {"is_open": profile.is_open, "is_decided": profile.is_decided}


PROFILE_COLUMNS = ("bucket", *_flat(PROFILES[0]))


def profile_rows() -> list[tuple]:
    """One row per bucket (0–99), in the order of PROFILE_COLUMNS: the bucket, then its profile."""
    rows: list[tuple] = []
    for profile in PROFILES:
        values = tuple(_flat(profile).values())
        rows += [(len(rows) + i, *values) for i in range(profile.weight)]
    return rows
