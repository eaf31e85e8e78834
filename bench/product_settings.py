"""The product's own settings, plus the query count of each request (bench/query_count.py).

Only for the benchmark's gunicorn: nothing else changes, so the figures are the product's.
"""

from iprgov.settings import *  # noqa: F403 — the product's settings, unchanged but for the line below
from iprgov.settings import MIDDLEWARE

MIDDLEWARE = ["bench.query_count.QueryCountMiddleware", *MIDDLEWARE]
