"""The clue package can be checked on its own: every file against manifest.json and SHA256SUMS, by
`manage.py verify_case_file`; it holds what the referral concerns and each complaint's evidence once."""

import csv
import hashlib
import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command

from cases.models import CaseStatus
from law_enforcement.services.referrals import referral_make
from tests.factories import CaseFactory, EvidenceFileFactory, StoreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def package(platform_user, authority, two_cases, tmp_path):
    referral = referral_make(
        actor=platform_user,
        authority_id=authority.pk,
        reason="A network selling counterfeit handbags.",
        case_ids=[case.pk for case in two_cases],
    )
    path = tmp_path / "package.zip"
    with referral.package.open("rb") as handle:
        path.write_bytes(handle.read())
    return referral, path


def test_every_file_matches_the_manifest_and_sha256sums(package):
    referral, path = package

    call_command("verify_case_file", str(path))

    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        sums = {
            name: digest
            for digest, name in (
                line.split("  ", 1) for line in archive.read("SHA256SUMS").decode().splitlines()
            )
        }
        for entry in manifest["files"]:
            assert (
                hashlib.sha256(archive.read(entry["path"])).hexdigest()
                == entry["sha256"]
                == sums[entry["path"]]
            )
    assert manifest["referral"] == referral.pk
    assert sorted(manifest["cases"]) == sorted(referral.cases.values_list("pk", flat=True))


def test_it_holds_the_stores_listings_rights_evidence_and_history_of_each_case(package, two_cases):
    _referral, path = package

    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        stores = list(csv.DictReader(io.StringIO(archive.read("stores.csv").decode())))
        listings = list(csv.DictReader(io.StringIO(archive.read("listings.csv").decode())))
        rights = list(csv.DictReader(io.StringIO(archive.read("rights.csv").decode())))
        header = json.loads(archive.read("referral.json"))

    assert [row["store_id_on_platform"] for row in stores] == [two_cases[0].store.external_id]
    assert len(listings) == 4  # two listings in each case
    assert {row["registration_number"] for row in rights} == {
        c.complaint.right.registration_number for c in two_cases
    }
    assert header["reason"] == "A network selling counterfeit handbags."
    for case in two_cases:
        assert f"cases/{case.pk}/history.csv" in names
        (evidence,) = case.complaint.evidence.all()
        assert any(
            name.startswith(f"complaints/{case.complaint_id}/evidence/{evidence.pk}-") for name in names
        )


def test_a_complaints_evidence_is_in_the_package_once_for_all_its_cases(platform_user, authority, store):
    # A network: the complaint's two stores, each its own case.
    other_store = StoreFactory(platform=store.platform, region=store.region)
    first = CaseFactory(complaint__platform=store.platform, store=store, status=CaseStatus.CLOSED)
    second = CaseFactory(
        complaint=first.complaint, platform=store.platform, store=other_store, status=CaseStatus.CLOSED
    )
    EvidenceFileFactory(complaint=first.complaint)

    referral = referral_make(
        actor=platform_user, authority_id=authority.pk, reason="r", case_ids=[first.pk, second.pk]
    )

    with referral.package.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        evidence = [name for name in archive.namelist() if "/evidence/" in name]
        stores = archive.read("stores.csv").decode()
    assert len(evidence) == 1
    assert store.external_id in stores and other_store.external_id in stores


def test_an_altered_package_does_not_verify(package, tmp_path):
    _referral, path = package
    altered = tmp_path / "altered.zip"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(altered, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            target.writestr(item, content + b"x" if item.filename == "stores.csv" else content)

    with pytest.raises(CommandError):
        call_command("verify_case_file", str(altered))
