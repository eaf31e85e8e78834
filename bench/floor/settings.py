"""Settings of the floor: Django with no app, no session and no template, on the benchmark's database."""

import os

import environ

env = environ.Env()

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.floor.urls"
INSTALLED_APPS: list[str] = []
MIDDLEWARE = ["bench.query_count.QueryCountMiddleware"]
DATABASES = {"default": env.db("DATABASE_URL")}
USE_TZ = True
# Kept connections as the product is given them in the same run (DATABASE_CONN_MAX_AGE), so that the two
# differ only in what their views do.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
