"""A respondent whose store has no contact is never left unaware: the platform is asked for a contact, sets
it on the store's page, and the platform or the office sends the link again, in the store's language."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Notification
from audit.models import AuditEntry
from cases.models import CaseStatus, HandlingMode
from cases.services.decisions import listing_decide
from cases.services.respondent_contact import respondent_link_send
from platforms.models import DecisionAction, ReasonCode
from tests.decisions import statement_of
from tests.factories import CaseFactory, OfficeFactory, PlatformFactory, UserFactory
from tests.platforms.helpers import case_on

pytestmark = pytest.mark.django_db


def test_a_store_without_contact_gets_the_platform_asked_and_then_the_link_in_its_language(
    platform, platform_user, login, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client = login(platform_user)
    case = case_on(platform)
    case.store.contact_email = ""
    case.store.save()

    # the notice is forwarded, but nobody can be emailed: the platform is asked for a contact
    with django_capture_on_commit_callbacks(execute=True):
        case = _take_down(case, platform_user)
    assert case.status == CaseStatus.NOTICE_FORWARDED
    store_page = reverse("platforms:store_detail", args=[case.store_id])
    asked = Notification.objects.get(organisation=platform.organisation, case_id=case.pk, url=store_page)
    assert "cannot be reached" in asked.translations["en"]["subject"]
    queue = client.get(reverse("platforms:queue")).content.decode()
    assert 'id="respondents-to-reach"' in queue and reverse("platforms:case_detail", args=[case.pk]) in queue
    assert 'id="no-contact"' in client.get(reverse("platforms:case_detail", args=[case.pk])).content.decode()

    # the platform sets the contact and the language on the store's page
    response = client.post(
        reverse("platforms:store_detail", args=[case.store_id]),
        {"contact_email": "owner@seller.example.test", "language": "zh-hans", "region": ""},
    )
    assert response.status_code == 302
    case.store.refresh_from_db()
    assert (case.store.contact_email, case.store.language) == ("owner@seller.example.test", "zh-hans")
    assert AuditEntry.objects.filter(action="store_contact_set", subject_id=case.store_id).exists()
    assert 'id="respondents-to-reach"' not in client.get(reverse("platforms:queue")).content.decode()

    # and sends the link from the case page: in Chinese first, English below, one link in each
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("platforms:case_respondent_link_send", args=[case.pk]))
    (message,) = mail.outbox
    assert message.to == ["owner@seller.example.test"]
    assert message.body.index("请阅读通知") < message.body.index("Read the notice")
    assert message.body.count("/respond/") == 2
    assert AuditEntry.objects.filter(case_id=case.pk, action="respondent_link_sent").count() == 1


def _take_down(case, staff):
    listing_decide(
        case_id=case.pk,
        listing_ids=list(case.listings.values_list("pk", flat=True)),
        actor=staff,
        action=DecisionAction.TAKE_DOWN,
        reason_code=ReasonCode.COUNTERFEIT,
        statement=statement_of("A test purchase showed a counterfeit of the registered mark."),
    )
    case.refresh_from_db()
    return case


def test_the_office_sees_the_link_and_sends_it_again_on_an_administrative_case(
    login, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    office = OfficeFactory()
    official = UserFactory(organisation=office.organisation)
    case = CaseFactory(status=CaseStatus.AWAITING_CONSENT, mode=HandlingMode.ADMINISTRATIVE, office=office)
    client = login(official)

    page = client.get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
    assert 'id="respondent-link"' in page and "/respond/" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("enforcement:case_respondent_link_send", args=[case.pk]))

    assert response["Location"] == reverse("enforcement:case_detail", args=[case.pk])
    assert [m.to for m in mail.outbox] == [[case.store.contact_email]]


def test_the_link_is_not_sent_when_the_respondent_has_nothing_to_do_or_no_contact(platform_user, platform):
    waiting = case_on(platform)  # awaiting the platform's decision: no notice yet
    with pytest.raises(ValidationError, match="nothing to read or do"):
        respondent_link_send(case_id=waiting.pk, actor=platform_user)

    forwarded = case_on(platform, status=CaseStatus.NOTICE_FORWARDED)
    forwarded.store.contact_email = ""
    forwarded.store.save()
    with pytest.raises(ValidationError, match="no contact email"):
        respondent_link_send(case_id=forwarded.pk, actor=platform_user)

    other_platform_case = CaseFactory(
        complaint__platform=PlatformFactory(), status=CaseStatus.NOTICE_FORWARDED
    )
    with pytest.raises(type(other_platform_case).DoesNotExist):
        respondent_link_send(case_id=other_platform_case.pk, actor=platform_user)
