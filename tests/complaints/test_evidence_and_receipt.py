"""Submission needs preliminary evidence (as many files as operators set per infringement type), and the
complainant gets an acknowledgement of receipt naming each case, the rule that routed it and how to ask for a
person to review it."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Notification
from cases.models import Case
from cases.services.receipt import complaint_acknowledge
from complaints.models import Complaint, EvidenceRequirement, InfringementType
from tests.complaints.helpers import PDF, PNG, complaint_data, upload
from tests.factories import IPRightFactory

pytestmark = pytest.mark.django_db

CREATE_URL = reverse("complaints:complaint_create")


@pytest.fixture
def right(rightsholder_user):
    return IPRightFactory(owner_org=rightsholder_user.organisation)


def test_a_complaint_without_evidence_is_refused_next_to_the_evidence_field(
    rightsholder_user, right, platform, login
):
    response = login(rightsholder_user).post(
        CREATE_URL, complaint_data(right=right, platform=platform, evidence=None)
    )

    assert response.status_code == 200
    assert "Attach at least 1 evidence file" in " ".join(response.context["form"].errors["evidence"])
    assert not Complaint.objects.exists()


def test_operators_set_how_many_files_each_infringement_type_needs(rightsholder_user, right, platform, login):
    EvidenceRequirement.objects.create(infringement_type=InfringementType.COUNTERFEIT, minimum_files=2)
    EvidenceRequirement.objects.create(infringement_type=InfringementType.COPYRIGHT, minimum_files=0)
    client = login(rightsholder_user)

    one_file = client.post(CREATE_URL, complaint_data(right=right, platform=platform))
    two_files = complaint_data(right=right, platform=platform)
    two_files["evidence"] = [upload("receipt.pdf", PDF), upload("photo.png", PNG)]
    accepted = client.post(CREATE_URL, two_files)
    no_file_needed = client.post(
        CREATE_URL,
        complaint_data(
            right=right, platform=platform, infringement_type=InfringementType.COPYRIGHT, evidence=None
        ),
    )

    assert "Attach at least 2 evidence files" in " ".join(one_file.context["form"].errors["evidence"])
    assert accepted.status_code == 302 and no_file_needed.status_code == 302
    assert Complaint.objects.count() == 2


def test_the_complainant_gets_one_acknowledgement_naming_each_case_and_the_rule_that_routed_it(
    rightsholder_user,
    right,
    platform,
    login,
    default_routing_rules,
    django_capture_on_commit_callbacks,
    settings,
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.IPRGOV_ROUTING_REVIEW_EMAIL = "review@iprgov.example.org"
    data = complaint_data(
        right=right, platform=platform, listings="https://shop.example.test/item/1, shop-a\nitem-2, shop-b\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        login(rightsholder_user).post(CREATE_URL, data)

    complaint = Complaint.objects.get()
    cases = list(Case.objects.filter(complaint=complaint).select_related("routing_rule").order_by("pk"))
    (receipt,) = Notification.objects.filter(
        organisation=rightsholder_user.organisation, translations__en__subject__startswith="Acknowledgement"
    )
    body = receipt.translations["en"]["body"]
    assert f"complaint {complaint.pk} against 2 listings" in body
    for case in cases:
        assert case.routing_rule is not None
        assert f"Case {case.pk}, store {case.store}" in body and case.routing_rule.name in body
    assert "automatically" in body and "review@iprgov.example.org" in body
    assert reverse("transparency:routing_rules") in body
    assert [m for m in mail.outbox if m.subject.startswith("Acknowledgement of receipt")]
    complaint.refresh_from_db()
    assert complaint.acknowledged_at is not None

    # routing again (a retried task, the sweep) does not acknowledge twice
    assert complaint_acknowledge(complaint_id=complaint.pk) is False


def test_the_routing_rules_are_published(client, default_routing_rules):
    page = client.get(reverse("transparency:routing_rules"))

    assert page.status_code == 200
    body = page.content.decode()
    assert 'id="routing-rules"' in body and "first whose conditions all hold" in body
