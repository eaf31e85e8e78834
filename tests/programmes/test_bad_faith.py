import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.filing import filing_suspension_active
from accounts.models import FilingSuspension, Notification, Organisation, OrgKind, Role, SupervisingAuthority
from audit.models import AuditEntry
from programmes.bad_faith import (
    bad_faith_contest,
    bad_faith_contest_decide,
    bad_faith_factors,
    bad_faith_record_across_platforms,
    bad_faith_step_record,
    bad_faith_suggestions,
    filer_records_count,
)
from programmes.models import BadFaithStep, BadFaithStepKind, ContestOutcome, Gravity
from tests.factories import OrganisationFactory, PlatformFactory, UserFactory
from tests.programmes.good_faith_cases import decided_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def filer():
    return OrganisationFactory(kind=OrgKind.RIGHTSHOLDER)


@pytest.fixture
def manager(platform):
    return UserFactory(organisation=platform.organisation, organisation__role=Role.MANAGER)


def _step(actor, filer, kind=BadFaithStepKind.WARNING, **extra):
    factors = bad_faith_factors(actor=actor, organisation_id=filer.pk)
    return bad_faith_step_record(
        actor=actor,
        organisation_id=filer.pk,
        kind=kind,
        gravity=Gravity.HIGH,
        intent="Same listings filed again after rejection.",
        reasons="Most of your notices were rejected.",
        evidence_case_ids=factors.evidence_case_ids,
        **extra,
    )


def test_suggestions_count_only_the_platforms_own_cases(filer, platform, platform_user):
    # given 6 rejected notices on this platform for one filer, 6 on another platform for a second filer
    for _ in range(6):
        decided_case(filer=filer, platform=platform, rejected=1)
    decided_case(filer=filer, platform=platform, upheld=1)
    elsewhere = OrganisationFactory(kind=OrgKind.RIGHTSHOLDER)
    other_platform = PlatformFactory()
    for _ in range(6):
        decided_case(filer=elsewhere, platform=other_platform, rejected=1)

    # when
    suggestions = bad_faith_suggestions(actor=platform_user)

    # then only the first, with this platform's figures
    assert [(s.organisation, s.unfounded, s.decided) for s in suggestions] == [(filer, 6, 7)]
    with pytest.raises(Organisation.DoesNotExist):
        bad_faith_factors(actor=platform_user, organisation_id=elsewhere.pk)


def test_a_warning_records_its_factors_and_evidence_and_tells_the_filer(filer, platform, platform_user):
    cases = [decided_case(filer=filer, platform=platform, rejected=1) for _ in range(3)]
    decided_case(filer=filer, platform=platform, upheld=1)

    step = _step(platform_user, filer)

    assert (step.unfounded, step.decided, step.gravity) == (3, 4, Gravity.HIGH)
    assert set(step.evidence_cases.values_list("pk", flat=True)) == {case.pk for case in cases}
    assert (
        "3 of 4 decided notices unfounded (75.0%)" in AuditEntry.objects.get(action="bad_faith_warning").note
    )
    told = Notification.objects.get(organisation=filer)
    assert "Warning" in told.subject and "Most of your notices were rejected." in told.body


def test_a_suspension_needs_a_warning_first_and_goes_through_the_filing_suspension(
    filer, platform, platform_user
):
    decided_case(filer=filer, platform=platform, rejected=2)

    with pytest.raises(ValidationError) as refused:
        _step(platform_user, filer, kind=BadFaithStepKind.SUSPENSION, days=30)
    assert "warned before" in str(refused.value)

    _step(platform_user, filer)
    step = _step(platform_user, filer, kind=BadFaithStepKind.SUSPENSION, days=30)

    assert step.suspension is not None and step.suspension.platform == platform
    assert filing_suspension_active(organisation_id=filer.pk, platform_id=platform.pk) == step.suspension


def test_evidence_must_be_the_filers_unfounded_cases_on_the_platform(filer, platform, platform_user):
    decided_case(filer=filer, platform=platform, rejected=1)
    upheld = decided_case(filer=filer, platform=platform, upheld=1)

    with pytest.raises(ValidationError) as refused:
        bad_faith_step_record(
            actor=platform_user,
            organisation_id=filer.pk,
            kind=BadFaithStepKind.WARNING,
            gravity=Gravity.LOW,
            intent="",
            reasons="Rejected notices.",
            evidence_case_ids=[upheld.pk],
        )
    assert "evidence_cases" in refused.value.error_dict


def test_a_step_is_contested_once_and_a_manager_decides_overturning_the_suspension(
    filer, platform, platform_user, manager
):
    # given a suspension
    decided_case(filer=filer, platform=platform, rejected=2)
    _step(platform_user, filer)
    step = _step(platform_user, filer, kind=BadFaithStepKind.SUSPENSION, days=30)
    filer_user = UserFactory(organisation=filer)

    # when contested, a second contest is refused
    bad_faith_contest(actor=filer_user, step_id=step.pk, text="Our notices were accurate.")
    with pytest.raises(ValidationError):
        bad_faith_contest(actor=filer_user, step_id=step.pk, text="Again.")

    # a member may not decide it; a manager may
    with pytest.raises(ValidationError):
        bad_faith_contest_decide(
            actor=platform_user, step_id=step.pk, outcome=ContestOutcome.OVERTURNED, reason="Accurate."
        )
    decided = bad_faith_contest_decide(
        actor=manager, step_id=step.pk, outcome=ContestOutcome.OVERTURNED, reason="The rejections were ours."
    )

    # then the suspension ends now and the filer is told
    assert decided.contest_outcome == ContestOutcome.OVERTURNED
    assert FilingSuspension.objects.get(pk=step.suspension_id).until <= timezone.now()
    assert filing_suspension_active(organisation_id=filer.pk, platform_id=platform.pk) is None
    assert Notification.objects.filter(organisation=filer, body="The rejections were ours.").exists()
    with pytest.raises(ValidationError):
        bad_faith_contest_decide(actor=manager, step_id=step.pk, outcome=ContestOutcome.CONFIRMED, reason="x")


def test_another_organisations_step_is_not_found(filer, platform, platform_user):
    decided_case(filer=filer, platform=platform, rejected=1)
    step = _step(platform_user, filer)
    other_manager = UserFactory(organisation=PlatformFactory().organisation, organisation__role=Role.MANAGER)
    other_filer_user = UserFactory(organisation=OrganisationFactory(kind=OrgKind.RIGHTSHOLDER))

    with pytest.raises(BadFaithStep.DoesNotExist):
        bad_faith_contest(actor=other_filer_user, step_id=step.pk, text="Not ours.")
    bad_faith_contest(actor=UserFactory(organisation=filer), step_id=step.pk, text="Accurate.")
    with pytest.raises(BadFaithStep.DoesNotExist):
        bad_faith_contest_decide(
            actor=other_manager, step_id=step.pk, outcome=ContestOutcome.CONFIRMED, reason="x"
        )


def test_the_decision_form_records_a_warning_and_shows_a_refusal_next_to_its_field(
    filer, platform, platform_user, login
):
    # given a filer with a rejected notice on the platform
    case = decided_case(filer=filer, platform=platform, rejected=1)
    client = login(platform_user)
    url = f"/platform/bad-faith/filers/{filer.pk}/"
    data = {
        "kind": "suspension",
        "gravity": "low",
        "reasons": "Rejected.",
        "evidence_cases": [case.pk],
        "days": 7,
    }

    # when a suspension is asked before any warning / then the form says so next to the step
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "warned before" in " ".join(refused.context["form"].errors["kind"])

    # when a warning is asked / then it is recorded and the staff go back to the list
    recorded = client.post(url, {**data, "kind": "warning"})
    assert recorded.status_code == 302
    assert BadFaithStep.objects.get(organisation=filer).kind == BadFaithStepKind.WARNING


def test_another_platforms_filer_page_is_a_404(filer, platform, login):
    decided_case(filer=filer, platform=platform, rejected=1)
    other_staff = UserFactory(organisation=PlatformFactory().organisation)

    assert login(other_staff).get(f"/platform/bad-faith/filers/{filer.pk}/").status_code == 404


def test_the_supervising_authority_reads_the_record_across_its_regions_platforms(filer, platform, login):
    # given 2 rejected notices on one platform and 3 on another of the same region, 4 on a platform elsewhere
    neighbour = PlatformFactory(region=platform.region)
    for _ in range(2):
        decided_case(filer=filer, platform=platform, rejected=1)
    for _ in range(3):
        decided_case(filer=filer, platform=neighbour, rejected=1)
    for _ in range(4):
        decided_case(filer=filer, platform=PlatformFactory(), rejected=1)
    authority = SupervisingAuthority.objects.create(organisation=OrganisationFactory(kind=OrgKind.SUPERVISOR))
    authority.regions.set([platform.region])
    official = UserFactory(organisation=authority.organisation)

    filer_records_count()  # the periodic job

    # when
    records = bad_faith_record_across_platforms(user=official)
    page = login(official).get("/supervision/bad-faith/")

    # then its two platforms' cases, not the third's; each platform alone sees only its own
    assert [(r.organisation, r.platforms, r.unfounded) for r in records] == [(filer, 2, 5)]
    assert page.status_code == 200 and filer.name in page.content.decode()
    staff = UserFactory(organisation=neighbour.organisation)
    assert bad_faith_factors(actor=staff, organisation_id=filer.pk).unfounded == 3
