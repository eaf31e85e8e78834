"""A document is issued by a task once the action that makes its record final has committed."""

import pytest

from documents.models import DocumentKind, OfficialDocument
from tests.documents import builders

pytestmark = pytest.mark.django_db


def test_an_issued_opinion_has_its_document_once_the_action_commits(django_capture_on_commit_callbacks):
    # when an office issues its opinion and the transaction commits (the task runs in-process here)
    with django_capture_on_commit_callbacks(execute=True):
        case = builders.assisted_case_with_opinion()

    # then the opinion's document is issued, in both languages
    document = OfficialDocument.objects.get(case=case)
    assert document.kind == DocumentKind.OPINION
    assert document.files.count() == 2


def test_nothing_is_issued_before_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        builders.assisted_case_with_opinion()

    assert callbacks  # the issuing waits for the commit
    assert not OfficialDocument.objects.exists()


def test_an_action_that_makes_no_record_final_issues_nothing(django_capture_on_commit_callbacks):
    # Consent asked and accepted, but the office has not decided: only the consent record is final.
    with django_capture_on_commit_callbacks(execute=True):
        case = builders.administrative_case_accepted()

    assert list(OfficialDocument.objects.filter(case=case).values_list("kind", flat=True)) == [
        DocumentKind.CONSENT_RECORD
    ]
