"""People are shown by name and organisation, not username; the admin is titled for iprgov."""

import pytest
from django.urls import reverse

from accounts.models import Role
from audit.models import AuditEntry
from cases.models import CaseStatus, HandlingMode
from cases.services.rerouting import case_reroute
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_history_names_the_official_and_the_office_not_the_username(office, login):
    manager = UserFactory(
        username="beijing-official",
        first_name="Lei",
        last_name="Zhao",
        organisation=office.organisation,
        organisation__role=Role.MANAGER,
    )
    case = CaseFactory(status=CaseStatus.AWAITING_OPINION, mode=HandlingMode.ASSISTED, office=office)

    case_reroute(case_id=case.pk, actor=manager, mode=HandlingMode.PLATFORM, reason="No technical question.")

    entry = AuditEntry.objects.get(case_id=case.pk, action="rerouted")
    assert entry.actor_label == f"Lei Zhao ({office.organisation.name})"
    html = login(manager).get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
    assert f"Lei Zhao ({office.organisation.name})" in html
    assert "beijing-official" not in html


def test_the_admin_is_titled_for_iprgov(login, settings):
    settings.DEBUG = (
        True  # with DEBUG off an operator must give a second factor first (test_second_factor.py)
    )
    operator = UserFactory(is_staff=True, is_superuser=True)

    html = login(operator).get(reverse("admin:index")).content.decode()

    assert "iprgov administration" in html
    assert "Django administration" not in html
