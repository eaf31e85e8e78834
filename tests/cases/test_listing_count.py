"""The number of listings a case holds is stored when the complaint is split, and filled in for the cases
made before it was stored, so list pages show it without counting listings."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cases.models import Case
from complaints.services import complaint_submit
from tests.factories import CaseFactory, ComplaintFactory, ListingFactory, OfficeFactory, PlatformFactory

BEFORE_THE_COUNT = [("cases", "0003_case_deadline_counts")]


@pytest.mark.django_db
def test_the_split_stores_how_many_listings_each_case_holds(django_capture_on_commit_callbacks):
    # given a complaint with two listings of one store and one of another
    platform = PlatformFactory()
    OfficeFactory(regions=[platform.region])
    complaint = ComplaintFactory(platform=platform, evidence=1)
    ListingFactory.create_batch(2, complaint=complaint, store_ref="shop-a")
    ListingFactory(complaint=complaint, store_ref="shop-b")

    # when it is submitted (and so split and routed)
    with django_capture_on_commit_callbacks(execute=True):
        complaint_submit(complaint_id=complaint.pk, actor=complaint.filed_by)

    # then each case carries the number of its listings
    cases = Case.objects.filter(complaint=complaint).order_by("store__external_id")
    assert [(case.store.external_id, case.listing_count) for case in cases] == [("shop-a", 2), ("shop-b", 1)]


@pytest.mark.django_db(transaction=True)
def test_cases_made_before_the_count_was_stored_get_theirs_from_the_migration():
    # given cases of three and of one listing in a database of the previous schema
    three, one = CaseFactory(listings=3), CaseFactory(listings=1)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_THE_COUNT)
    executor.loader.build_graph()

    # when the database migrates to the current schema
    executor.migrate(executor.loader.graph.leaf_nodes())

    # then each case holds the number of its listings
    assert Case.objects.get(pk=three.pk).listing_count == 3
    assert Case.objects.get(pk=one.pk).listing_count == 1
