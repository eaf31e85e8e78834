"""Bad-faith controls: the complainant's record, and filing suspended with a reason everywhere it files."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import FilingSuspension, Notification
from cases.models import Case
from cases.services.bad_faith import complainant_record, filing_suspend
from complaints import services as complaint_services
from complaints.models import Complaint, ComplaintStatus
from tests.complaints.helpers import complaint_data
from tests.factories import ComplaintFactory, IPRightFactory, ListingFactory, PlatformFactory, UserFactory
from tests.platforms.helpers import case_on
from tests.platforms.lifecycle import decided_case, window_open_case

pytestmark = pytest.mark.django_db
REASON = "Twelve notices in a month on listings of genuine goods."


def test_the_record_counts_rejected_and_counter_noticed_complaints(platform, platform_user):
    from datetime import timedelta

    from django.utils import timezone

    from cases.services.deadlines import deadlines_run

    rejected = decided_case(platform, platform_user, action="reject")
    org = rejected.complaint.filed_by_org
    restored = window_open_case(platform, platform_user)
    # The same complainant filed the second complaint (its cases carry their complaint's filer).
    restored.complaint.filed_by_org = org
    restored.complaint.save()
    Case.objects.filter(pk=restored.pk).update(complainant_org=org)
    deadlines_run(now=timezone.now() + timedelta(days=60))

    record = complainant_record(organisation_id=org.pk)

    assert (record.decided, record.rejected, record.counter_noticed) == (2, 1, 1)
    assert record.rejected_share == 0.5


def test_a_platform_suspends_filing_against_itself_and_both_create_and_submit_refuse(platform, platform_user):
    case = case_on(platform)
    complainant = case.complaint.filed_by
    draft = ComplaintFactory(
        filed_by_org=complainant.organisation,
        filed_by=complainant,
        platform=platform,
        right=case.complaint.right,
    )
    ListingFactory(complaint=draft)
    assert complainant.organisation is not None

    suspension = filing_suspend(
        actor=platform_user, organisation_id=complainant.organisation.pk, days=30, reason=REASON
    )

    assert suspension.platform == platform
    assert Notification.objects.filter(organisation=complainant.organisation).exists()
    with pytest.raises(ValidationError) as excinfo:
        complaint_services.complaint_submit(complaint_id=draft.pk, actor=complainant)
    assert excinfo.value.code == "filing_suspended" and REASON in excinfo.value.messages[0]
    with pytest.raises(ValidationError, match="Filing is suspended"):
        complaint_services.complaint_create(
            actor=complainant,
            right=case.complaint.right,
            platform=platform,
            infringement_type="counterfeit",
            description="Again.",
            good_faith_declared=True,
        )
    # filing against another platform is still open
    other = PlatformFactory()
    complaint_services.complaint_create(
        actor=complainant,
        right=case.complaint.right,
        platform=other,
        infringement_type="counterfeit",
        description="Elsewhere.",
        good_faith_declared=True,
    )


def test_the_portal_shows_the_reason_when_filing_is_suspended(platform, office_user, login):
    case = case_on(platform, mode="assisted")
    case.office = office_user.organisation.office
    case.save()
    complainant = case.complaint.filed_by
    assert complainant.organisation is not None
    filing_suspend(actor=office_user, organisation_id=complainant.organisation.pk, days=10, reason=REASON)

    response = login(complainant).post(
        reverse("complaints:complaint_create"), complaint_data(right=case.complaint.right, platform=platform)
    )

    assert response.status_code == 200
    assert REASON in response.content.decode()
    assert Complaint.objects.filter(status=ComplaintStatus.SUBMITTED).count() == 1  # only the case's own


def test_suspension_needs_a_reason_and_a_complainant_the_actor_deals_with(platform, platform_user):
    case = case_on(platform)
    org = case.complaint.filed_by_org

    with pytest.raises(ValidationError):
        filing_suspend(actor=platform_user, organisation_id=org.pk, days=30, reason=" ")
    stranger = IPRightFactory().owner_org
    with pytest.raises(Exception):  # noqa: B017 — DoesNotExist: a 404 to the view
        filing_suspend(actor=platform_user, organisation_id=stranger.pk, days=30, reason=REASON)
    with pytest.raises(ValidationError, match="Only platform staff or officials"):
        filing_suspend(actor=case.complaint.filed_by, organisation_id=org.pk, days=30, reason=REASON)
    assert not FilingSuspension.objects.exists()


def test_platform_staff_suspend_from_the_case_page(platform, platform_user, login):
    case = case_on(platform)
    client = login(platform_user)

    response = client.post(
        reverse("platforms:complainant_suspend", args=[case.pk]), {"days": 14, "reason": REASON}
    )

    assert response.status_code == 302
    assert FilingSuspension.objects.get().reason == REASON
    page = client.get(reverse("platforms:case_detail", args=[case.pk])).content.decode()
    assert REASON in page


def test_other_platforms_cannot_suspend_through_a_foreign_case(platform, login):
    case = case_on(platform)
    stranger = UserFactory(organisation=PlatformFactory().organisation)

    response = login(stranger).post(
        reverse("platforms:complainant_suspend", args=[case.pk]), {"days": 14, "reason": REASON}
    )

    assert response.status_code == 404
    assert not FilingSuspension.objects.exists()


def test_an_official_suspends_filing_on_every_platform_from_the_docket(office, office_user, login):
    case = case_on(PlatformFactory(), mode="assisted", status="awaiting_opinion")
    case.office = office
    case.save()

    response = login(office_user).post(
        reverse("enforcement:complainant_suspend", args=[case.pk]), {"days": 7, "reason": REASON}
    )

    assert response.status_code == 302
    suspension = FilingSuspension.objects.get()
    assert suspension.platform is None and suspension.created_by == office_user


def test_the_api_refuses_a_new_complaint_with_the_reason(rightsholder_user, platform, office_user):
    from datetime import timedelta

    from django.utils import timezone

    from tests.api.conftest import complaint_body, token_client

    right = IPRightFactory(owner_org=rightsholder_user.organisation)
    FilingSuspension.objects.create(
        organisation=rightsholder_user.organisation,
        until=timezone.now() + timedelta(days=3),
        reason=REASON,
        created_by=office_user,
    )

    response = token_client(rightsholder_user).post(
        "/api/v1/complaints/", complaint_body(right, platform), format="json"
    )

    assert response.status_code in (400, 409)
    assert REASON in str(response.json())
    assert not Complaint.objects.exists()
