"""Operators' edits of routing rules and penalty policies are audited with who, before and after; a rule's
version rises with each edit and a case keeps the version that routed it."""

import json

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEntry
from cases.models import CaseStatus, HandlingMode, RoutingRule
from cases.services.routing import case_route
from tests.factories import CaseFactory, UserFactory
from tests.security.test_accounts_security import code_for, log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_client(client):
    operator = UserFactory(is_staff=True, is_superuser=True)
    log_in(
        client,
        operator,
        otp_token=code_for(TOTPDevice.objects.create(user=operator, name="app", confirmed=True)),
    )
    client.operator = operator
    return client


@pytest.fixture
def only_rule() -> RoutingRule:
    """One catch-all rule routing to platform handling, whatever other tests left in the table."""
    RoutingRule.objects.update(is_active=False)
    return RoutingRule.objects.create(position=10_000, name="Everything else", mode=HandlingMode.PLATFORM)


def _rule_form(rule: RoutingRule, **changes: object) -> dict[str, object]:
    form = {
        "position": rule.position,
        "name": rule.name,
        "is_active": "on" if rule.is_active else "",
        "right_types": json.dumps(rule.right_types),
        "infringement_types": json.dumps(rule.infringement_types),
        "mode": rule.mode,
        "jurisdiction": rule.jurisdiction,
        "deadline_working_days": rule.deadline_working_days,
    }
    for field in RoutingRule._meta.fields:
        if field.editable and field.name not in form and field.name != "id":
            value = getattr(rule, field.name)
            form[field.name] = (
                json.dumps(value) if isinstance(value, list | dict) else ("" if value is None else value)
            )
            if isinstance(value, bool):
                form[field.name] = "on" if value else ""
    return {**form, **changes}


def test_a_rule_edit_is_audited_with_before_and_after_and_raises_its_version(operator_client, only_rule):
    rule = only_rule
    version, days = rule.version, rule.deadline_working_days

    url = reverse("admin:cases_routingrule_change", args=[rule.pk])

    # A rule change is saved only after its dry run was shown (cases.admin.RoutingRuleAdmin): the first
    # post shows the preview and saves nothing; the operator then saves from the preview's own form,
    # which posts the same fields again with the field saying the preview was seen.
    preview = operator_client.post(url, _rule_form(rule, deadline_working_days=days + 3))
    assert preview.status_code == 200, preview.content.decode()[:2000]
    assert 'id="routing-preview"' in preview.content.decode()
    rule.refresh_from_db()
    assert (rule.version, rule.deadline_working_days) == (version, days)
    assert not AuditEntry.objects.filter(action="routingrule_changed", subject_id=rule.pk).exists()

    response = operator_client.post(
        url, {**dict(preview.context["posted"]), preview.context["seen_field"]: "1", "_save": "Save"}
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    rule.refresh_from_db()
    assert rule.version == version + 1
    assert rule.deadline_working_days == days + 3
    entry = AuditEntry.objects.get(action="routingrule_changed", subject_id=rule.pk)
    assert entry.actor_id == operator_client.operator.pk
    change = json.loads(entry.note)
    assert (change["before"]["deadline_working_days"], change["after"]["deadline_working_days"]) == (
        days,
        days + 3,
    )
    assert (change["before"]["version"], change["after"]["version"]) == (version, version + 1)


def test_a_case_keeps_the_version_of_the_rule_that_routed_it(only_rule):
    only_rule.name = "Everything else, reworded"
    only_rule.save()
    case = CaseFactory(status=CaseStatus.NEW)

    case_route(case_id=case.pk)

    case.refresh_from_db()
    assert (case.routing_rule_id, case.routing_rule_version) == (only_rule.pk, 2)
