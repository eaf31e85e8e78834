"""The referral endpoints: a platform refers (several cases, or one from its case), the authority
acknowledges, reports outcomes and downloads the package; scoped (404), with 409 for a step refused."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.actions import CaseAction
from cases.models import CaseStatus
from tests.api.conftest import token_client
from tests.factories import CaseFactory, PlatformFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def authority_client(authority_user):
    return token_client(authority_user)


def _refer(platform_client, authority, cases):
    return platform_client.post(
        "/api/v1/law-enforcement-referrals/",
        {"cases": [case.pk for case in cases], "authority": authority.pk, "reason": "Counterfeits."},
        format="json",
    )


def test_a_platform_refers_two_cases_and_the_authority_answers(
    platform_client, authority_client, authority, two_cases
):
    made = _refer(platform_client, authority, two_cases)
    assert made.status_code == 201, made.json()
    referral = made.json()
    assert sorted(referral["cases"]) == sorted(case.pk for case in two_cases)
    assert referral["status"] == "referred" and len(referral["package_sha256"]) == 64

    package = authority_client.get(f"/api/v1/law-enforcement-referrals/{referral['id']}/clue-package/")
    assert package.status_code == 200
    assert hashlib.sha256(b"".join(package.streaming_content)).hexdigest() == referral["package_sha256"]

    acknowledged = authority_client.post(f"/api/v1/law-enforcement-referrals/{referral['id']}/acknowledge/")
    assert acknowledged.status_code == 200 and acknowledged.json()["status"] == "acknowledged"
    seized = authority_client.post(
        f"/api/v1/law-enforcement-referrals/{referral['id']}/outcomes/",
        {
            "kind": "goods_seized",
            "note": "Warehouse raided.",
            "file": SimpleUploadedFile("record.pdf", b"%PDF-1.4 record", content_type="application/pdf"),
        },
        format="multipart",
    )
    assert seized.status_code == 201, seized.json()
    assert seized.json()["file_sha256"] == hashlib.sha256(b"%PDF-1.4 record").hexdigest()

    seen = platform_client.get(f"/api/v1/law-enforcement-referrals/{referral['id']}/").json()
    assert seen["goods_seized"] is True
    assert [outcome["kind"] for outcome in seen["outcomes"]] == ["goods_seized"]
    history = platform_client.get(f"/api/v1/cases/{two_cases[0].pk}/history/").json()
    actions = (
        [entry["action"] for entry in history["results"]]
        if "results" in history
        else [e["action"] for e in history]
    )
    assert CaseAction.GOODS_SEIZED.value in actions


def test_refer_one_case_from_its_available_actions(platform_client, authority, two_cases):
    case = two_cases[0]
    detail = platform_client.get(f"/api/v1/cases/{case.pk}/").json()
    (step,) = [
        a for a in detail["available_actions"] if a["action"] == CaseAction.REFERRED_TO_LAW_ENFORCEMENT
    ]

    made = platform_client.post(
        step["endpoint"], {"authority": authority.pk, "reason": "One store."}, format="json"
    )

    assert step["endpoint"] == f"/api/v1/cases/{case.pk}/law-enforcement-referral/"
    assert made.status_code == 201 and made.json()["cases"] == [case.pk]


def test_a_case_not_routed_is_a_409(platform_client, authority, store):
    new = CaseFactory(complaint__platform=store.platform, store=store, status=CaseStatus.NEW)

    answer = _refer(platform_client, authority, [new])

    assert answer.status_code == 409
    assert answer.json()["errors"][0]["code"] == "transition_not_allowed"


def test_a_case_of_another_platform_is_a_404_on_cases(platform_client, authority, two_cases):
    foreign = CaseFactory(status=CaseStatus.AWAITING_PLATFORM)

    answer = _refer(platform_client, authority, [two_cases[0], foreign])

    # Named but not visible to the caller, as for a case that does not exist.
    assert answer.status_code == 404
    assert answer.json()["errors"][0]["field"] == "cases"


def test_the_authority_cannot_refer_and_others_cannot_answer(
    platform_client, authority_client, authority, two_cases, other_authority_user
):
    referral = _refer(platform_client, authority, two_cases).json()

    assert _refer(authority_client, authority, two_cases).status_code == 403
    other = token_client(other_authority_user)
    assert other.get(f"/api/v1/law-enforcement-referrals/{referral['id']}/").status_code == 404
    assert other.post(f"/api/v1/law-enforcement-referrals/{referral['id']}/acknowledge/").status_code == 404
    assert other.get(f"/api/v1/law-enforcement-referrals/{referral['id']}/clue-package/").status_code == 404
    assert (
        platform_client.post(f"/api/v1/law-enforcement-referrals/{referral['id']}/acknowledge/").status_code
        == 404
    )
    stranger = token_client(UserFactory(organisation=PlatformFactory().organisation))
    assert stranger.get(f"/api/v1/law-enforcement-referrals/{referral['id']}/").status_code == 404
    assert stranger.get("/api/v1/law-enforcement-referrals/").json()["results"] == []


def test_an_outcome_before_the_acknowledgement_or_twice_acknowledged_is_a_409(
    platform_client, authority_client, authority, two_cases
):
    referral = _refer(platform_client, authority, two_cases).json()
    url = f"/api/v1/law-enforcement-referrals/{referral['id']}"

    early = authority_client.post(f"{url}/outcomes/", {"kind": "case_closed", "note": "n"}, format="json")
    authority_client.post(f"{url}/acknowledge/")
    again = authority_client.post(f"{url}/acknowledge/")

    assert early.status_code == again.status_code == 409
    assert early.json()["errors"][0]["code"] == "transition_not_allowed"


def test_the_authority_lists_what_was_referred_to_it(platform_client, authority_client, authority, two_cases):
    referral = _refer(platform_client, authority, two_cases).json()

    listed = authority_client.get("/api/v1/law-enforcement-referrals/").json()["results"]
    authorities = platform_client.get("/api/v1/law-enforcement-authorities/").json()["results"]

    assert [item["id"] for item in listed] == [referral["id"]]
    assert authority.pk in [item["id"] for item in authorities]
