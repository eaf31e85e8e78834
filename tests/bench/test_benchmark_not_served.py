"""The benchmark's floor and query counter exist only in its own settings modules, never in the product's."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_the_product_counts_no_queries_in_its_responses(client):
    response = client.get("/transparency/stats.json")

    assert "bench.query_count.QueryCountMiddleware" not in settings.MIDDLEWARE
    assert "X-Bench-Queries" not in response


def test_the_floor_is_not_served_by_the_product(client):
    assert client.get("/rows/").status_code == 404
