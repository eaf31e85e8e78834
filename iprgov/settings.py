"""Settings read from the environment; safe defaults when nothing is set (see README, Configuration)."""

import logging
import os
import re
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
log = logging.getLogger("iprgov.settings")


def env_bool(name: str, *, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use true or false.")


def env_secret(name: str) -> str:
    """A secret from NAME, or from the file named by NAME_FILE (docker secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={path!r} cannot be read: {exc}") from exc
    return os.environ.get(name, "")


def development_secret_key(path: Path) -> str:
    """One key per checkout for DEBUG runs, made on first use and kept in a git-ignored file: links signed
    by `seed_demo`, sessions and emailed respondent links must survive a restart of the server."""
    if not path.exists():
        # Written whole under a temporary name, then linked into place: of two processes starting at once,
        # the first link wins and both read the same complete key.
        draft = path.with_name(f"{path.name}.{os.getpid()}")
        draft.touch(mode=0o600)
        draft.write_text(get_random_secret_key())
        try:
            os.link(draft, path)
            log.warning("DJANGO_SECRET_KEY is not set: made the development key %s.", path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


# Core
DEBUG = env_bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env_secret("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it (or DJANGO_SECRET_KEY_FILE), or set DJANGO_DEBUG=true "
            "for a local trial with a development key kept in .dev-secret-key."
        )
    SECRET_KEY = development_secret_key(BASE_DIR / ".dev-secret-key")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "accounts.admin_config.IprgovAdminConfig",  # django.contrib.admin, behind the second-factor policy
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "health_check",  # /health/live and /health/ready (iprgov.health)
    "axes",  # sign-in lockout counted in the database (accounts.lockout); its admin lists and clears lockouts
    # Lower layers first: nothing here imports an app listed after it (pyproject.toml, import-linter).
    "accounts",
    "regions",
    "audit",
    "complaints",
    "platforms",
    "enforcement",
    "cases",
    "webhooks",
    "documents",
    "aggregates",
    "records",
    "programmes",
    "portal",
    "platform_console",
    "office_console",
    "transparency",
    "supervision",
    "respondents",
    "disputes",
    "law_enforcement",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Under /api/ every error answer is the API's JSON, whoever gave it (with the error hooks, iprgov.urls).
    "iprgov.api_error_middleware.ApiErrorsAsJsonMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # TOTP: request.user.is_verified(); officials must verify when IPRGOV_REQUIRE_2FA_FOR_OFFICIALS is on.
    "django_otp.middleware.OTPMiddleware",
    "accounts.security.TwoFactorRequiredMiddleware",
    # The signed-in user's saved language and time zone win over cookie and browser.
    "accounts.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "iprgov.urls"
CSRF_FAILURE_VIEW = "iprgov.error_handlers.csrf_failure"
WSGI_APPLICATION = "iprgov.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.membership",
            ],
        },
    },
]

# Database
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
# Each process keeps a pool of open connections (psycopg_pool, Django's "pool" option) instead of opening
# one per request: a connection is taken for a request or a task and given back at its end, so a process
# never holds more than DATABASE_POOL_MAX_SIZE, and waits up to DATABASE_POOL_TIMEOUT seconds for one.
# Size the sum over all processes below PostgreSQL's max_connections (or put PgBouncer in between).
DATABASE_POOL = env_bool("DATABASE_POOL", default=False)
if DATABASE_POOL:
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_POOL=true needs PostgreSQL (a postgres:// DATABASE_URL).")
    if DATABASES["default"]["CONN_MAX_AGE"]:
        raise ImproperlyConfigured(
            "DATABASE_POOL=true keeps connections itself: leave DATABASE_CONN_MAX_AGE unset (or 0)."
        )
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=1),
        "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=4),
        "timeout": env.float("DATABASE_POOL_TIMEOUT", default=10.0),
    }
# A kept connection is checked before each request reuses it, so a cut connection costs no request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The role the web processes and workers connect as (scripts/db-roles.sh). It owns no table: `migrate`
# runs as the owner and then grants this role only what the application needs, on the audit trail only
# INSERT and SELECT (audit/db_privileges.py). Empty: grant nothing (one role does everything).
IPRGOV_DB_APP_ROLE = env.str("IPRGOV_DB_APP_ROLE", default="iprgov_app")
if not re.fullmatch(r"([a-z_][a-z0-9_]{0,62})?", IPRGOV_DB_APP_ROLE):
    raise ImproperlyConfigured(
        f"IPRGOV_DB_APP_ROLE={IPRGOV_DB_APP_ROLE!r} is not a role name: lowercase letters, digits and _."
    )

# Accounts
AUTH_USER_MODEL = "accounts.User"
# django-axes' backend, first, refuses sign-in after repeated failures before any password is checked
# (accounts.lockout). Every authenticate() must pass the request: axes raises otherwise.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
IPRGOV_LOGIN_MAX_FAILURES = env.int("IPRGOV_LOGIN_MAX_FAILURES", default=5)
IPRGOV_LOGIN_MAX_FAILURES_PER_IP = env.int("IPRGOV_LOGIN_MAX_FAILURES_PER_IP", default=50)
IPRGOV_LOGIN_LOCKOUT_SECONDS = env.int("IPRGOV_LOGIN_LOCKOUT_SECONDS", default=15 * 60)
IPRGOV_REQUIRE_2FA_FOR_OFFICIALS = env_bool("IPRGOV_REQUIRE_2FA_FOR_OFFICIALS", default=False)
OTP_TOTP_ISSUER = "iprgov"
# The admin shows no device's TOTP key or QR code: whoever saw it could make the user's codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# An API token (accounts.authentication) stops working this many calendar days after it was made; its owner
# makes a new one on the token page (/api/token/) or through the API. Tokens kept in clear before the tokens
# were hashed were given this long from the day they were hashed.
IPRGOV_API_TOKEN_TTL_DAYS = env.int("IPRGOV_API_TOKEN_TTL_DAYS", default=90)
if IPRGOV_API_TOKEN_TTL_DAYS < 1:
    raise ImproperlyConfigured(f"IPRGOV_API_TOKEN_TTL_DAYS={IPRGOV_API_TOKEN_TTL_DAYS} must be 1 or more.")
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Lockout (django-axes)
# Failures are rows in the database (axes_accessattempt), so every web process sees one count and a cache
# outage changes nothing. The handler adds the per-address limit (IPRGOV_LOGIN_MAX_FAILURES_PER_IP).
AXES_HANDLER = "accounts.lockout.AccountAndAddressLimits"
AXES_FAILURE_LIMIT = IPRGOV_LOGIN_MAX_FAILURES
# Counted per account and per address (REMOTE_ADDR: a proxy in front must set it, not a header).
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A lockout ends this long after the last counted failure; attempts during it are refused, not counted,
# so the wait the login page names holds.
AXES_COOLOFF_TIME = timedelta(seconds=IPRGOV_LOGIN_LOCKOUT_SECONDS)
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A successful sign-in clears that account's failures (not the address's: accounts.lockout).
AXES_RESET_ON_SUCCESS = True
# Only failures are kept, and only until their lockout ends: no log of successful sign-ins (personal data).
AXES_DISABLE_ACCESS_LOG = True
# Masked in the stored request data of a failure, with the password, which axes always masks.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token", "otp_code", "csrfmiddlewaretoken"]
# axes.W002 asks for axes' middleware, which would replace the response of a locked-out sign-in with its
# own page; the login form and the token endpoint say it themselves (accounts.lockout.sign_in_locked_out).
SILENCED_SYSTEM_CHECKS = ["axes.W002"]

# Languages and time
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date and one date-time format per language, everywhere (iprgov/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["iprgov.formats"]
TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# Static and uploaded files
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Evidence and certificates live outside the static tree and are served only through permission checks.
MEDIA_ROOT = Path(env.str("IPRGOV_MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/files/"
IPRGOV_MAX_UPLOAD_BYTES = env.int("IPRGOV_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000

# Celery
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = None
# With no broker every task runs in-process, so `make run` needs nothing else installed.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request must not wait on the broker: the sweeps take what was not enqueued (iprgov.enqueue).
# No reconnection attempt beyond the first and short socket timeouts, so that a hung broker (connections
# accepted, nothing answered) fails a publish within half a second, as a refusing one does at once. Redis
# answers a publish in well under a millisecond; a worker reads its queue through the event loop, so the
# read timeout never cuts a waiting BRPOP. A message taken by a worker that dies unacknowledged goes back
# to the queue after the visibility timeout (acks_late above).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 0,
    "socket_connect_timeout": 0.5,
    "socket_timeout": 0.5,
    "visibility_timeout": env.int("CELERY_BROKER_VISIBILITY_TIMEOUT", default=3600),
}
# Publishes from workers and beat (periodic sends, the deadline fan-out) retry once; a request's enqueue
# after commit never does (iprgov.enqueue).
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
# One queue per kind of work, so that each kind has its own workers (docker-compose.yml runs one per
# queue). Each handling mode's deadline work is sent to deadlines_<mode> by cases.tasks.run_deadlines.
CELERY_TASK_ROUTES = {
    "cases.tasks.route_complaint": {"queue": "routing"},
    "cases.tasks.route_cases": {"queue": "routing"},
    "cases.tasks.sweep_unrouted": {"queue": "periodic"},
    "cases.tasks.run_deadlines": {"queue": "periodic"},
    "cases.tasks.fold_case_counts": {"queue": "periodic"},
    "cases.tasks.recompute_store_standings": {"queue": "periodic"},
    "webhooks.tasks.deliver_webhook": {"queue": "webhooks"},
    "webhooks.tasks.sweep_webhook_deliveries": {"queue": "periodic"},
    "complaints.tasks.process_bulk_upload": {"queue": "bulk"},
    "complaints.tasks.sweep_bulk_uploads": {"queue": "periodic"},
    "aggregates.tasks.refresh_overdue_now": {"queue": "periodic"},
    "programmes.tasks.count_filer_records": {"queue": "periodic"},
    "audit.tasks.take_audit_anchor": {"queue": "periodic"},
    "records.tasks.anonymise_past_retention": {"queue": "periodic"},
}
CELERY_TASK_DEFAULT_QUEUE = "default"
# Every queue a task can be sent to (a worker started with all of them does every kind of work).
IPRGOV_CELERY_QUEUES = (
    "routing",
    "periodic",
    "webhooks",
    "bulk",
    "deadlines_platform",
    "deadlines_assisted",
    "deadlines_administrative",
    "default",
)
CELERY_BEAT_SCHEDULE = {
    "route-unrouted-cases": {"task": "cases.tasks.sweep_unrouted", "schedule": timedelta(minutes=1)},
    # The case lists sum the change rows of their counts: folded every minute, a read sums a few.
    "fold-case-counts": {"task": "cases.tasks.fold_case_counts", "schedule": timedelta(minutes=1)},
    "run-deadlines": {"task": "cases.tasks.run_deadlines", "schedule": timedelta(minutes=15)},
    "count-overdue-cases": {
        "task": "aggregates.tasks.refresh_overdue_now",
        "schedule": timedelta(minutes=15),
    },
    "count-filer-records": {
        "task": "programmes.tasks.count_filer_records",
        "schedule": timedelta(minutes=15),
    },
    "send-lost-webhooks": {
        "task": "webhooks.tasks.sweep_webhook_deliveries",
        "schedule": timedelta(minutes=5),
    },
    # Entry and exit follow figures of a window of months: once a day is soon enough.
    "evaluate-good-faith-programme": {
        "task": "programmes.tasks.evaluate_good_faith",
        "schedule": timedelta(hours=24),
    },
    "recover-bulk-uploads": {"task": "complaints.tasks.sweep_bulk_uploads", "schedule": timedelta(minutes=1)},
    # Points expire by the minute they were given; an hour late is well within any platform's own review.
    # Yesterday's chain head is published; hourly, so that a day the beat was down is still taken early.
    "take-audit-anchor": {"task": "audit.tasks.take_audit_anchor", "schedule": timedelta(hours=1)},
    # Retention periods are counted in days: a daily run is exact enough and keeps each run small.
    "anonymise-past-retention": {
        "task": "records.tasks.anonymise_past_retention",
        "schedule": timedelta(days=1),
    },
    "recompute-store-standings": {
        "task": "cases.tasks.recompute_store_standings",
        "schedule": timedelta(hours=1),
    },
}
IPRGOV_ROUTING_SWEEP_GRACE = timedelta(seconds=env.int("IPRGOV_ROUTING_SWEEP_GRACE_SECONDS", default=30))
# A complaint of more stores than this is routed by several tasks of this many cases each, in parallel.
IPRGOV_ROUTING_CHUNK_CASES = env.int("IPRGOV_ROUTING_CHUNK_CASES", default=50)
if IPRGOV_ROUTING_CHUNK_CASES < 1:
    raise ImproperlyConfigured(f"IPRGOV_ROUTING_CHUNK_CASES={IPRGOV_ROUTING_CHUNK_CASES} must be 1 or more.")

# Email
# SMTP (the DJANGO_EMAIL_* variables) unless DEBUG is on: printing notices to a console in production would
# lose them silently (Django's deploy check mail.E001). DJANGO_EMAIL_BACKEND chooses explicitly.
_email_backend = env.str(
    "DJANGO_EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
_email_options = (
    {
        "host": env.str("DJANGO_EMAIL_HOST", default="localhost"),
        "port": env.int("DJANGO_EMAIL_PORT", default=25),
        "username": env.str("DJANGO_EMAIL_HOST_USER", default=""),
        "password": env_secret("DJANGO_EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", default=False),
    }
    if _email_backend.endswith("smtp.EmailBackend")
    else {}
)
MAILERS = {"default": {"BACKEND": _email_backend, "OPTIONS": _email_options}}
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="iprgov <noreply@iprgov.localhost>")
# Operators told when a stored file no longer matches its recorded SHA-256 (complaints.uploads).
ADMINS = env.list("DJANGO_ADMINS", default=[])
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# REST API
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ApiTokenAuthentication",  # hashed, expiring, revocable (accounts.ApiToken)
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "iprgov.api.CursorPage",
    # JSON in and out; the upload endpoints take multipart themselves. Anything else is a 415 (or a 406).
    "DEFAULT_PARSER_CLASSES": ["iprgov.api.BoundedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "iprgov.api_schema.ErrorsDocumentedAutoSchema",
    "EXCEPTION_HANDLER": "iprgov.api_errors.api_exception_handler",
    # Scopes: every call of a user (that is, of a token), the writes among them, and per client address
    # the anonymous calls (the token endpoint). Sized for integrations: a platform's token works its queue
    # at 20 calls a second and decides at 10 (a minute's window: a rate counts every call in its window,
    # so a short one keeps each counter small). Counted in the shared cache, per process while it cannot
    # be reached (iprgov.throttling).
    "DEFAULT_THROTTLE_CLASSES": [
        "iprgov.throttling.UserRateThrottle",
        "iprgov.throttling.WriteRateThrottle",
        "iprgov.throttling.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": env.str("IPRGOV_API_THROTTLE_USER", default="1200/minute"),
        "write": env.str("IPRGOV_API_THROTTLE_WRITE", default="600/minute"),
        "anon": env.str("IPRGOV_API_THROTTLE_ANON", default="60/hour"),
    },
}
# Throttle counters live in this cache: per process unless DJANGO_CACHE_URL names a shared one (redis://...),
# as it must when more than one process serves (the deploy check accounts.W001 warns otherwise).
CACHES = {"default": env.cache_url("DJANGO_CACHE_URL", default="locmemcache://")}
# A dead or hung cache costs this many seconds, then the throttles count per process for a while;
# redis-py's default would wait on a hung server for ever. Options in the URL's query win.
IPRGOV_CACHE_SOCKET_TIMEOUT = 0.25
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["OPTIONS"] = {
        "socket_connect_timeout": IPRGOV_CACHE_SOCKET_TIMEOUT,
        "socket_timeout": IPRGOV_CACHE_SOCKET_TIMEOUT,
        **CACHES["default"].get("OPTIONS", {}),
    }
# This process's own counts: where the throttles count while the default cache cannot be reached.
CACHES["process"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "process"}
SPECTACULAR_SETTINGS = {
    "TITLE": "iprgov API",
    "VERSION": "1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "cases.models.CaseStatus",
        "CaseOutcomeEnum": "cases.models.CaseOutcome",
        "CaseActionEnum": "cases.actions.CaseAction",
        "DecisionActionEnum": "platforms.models.DecisionAction",
        "OpinionOutcomeEnum": "cases.models.OpinionOutcome",
        "ComplaintStatusEnum": "complaints.models.ComplaintStatus",
        "ListingStatusEnum": "complaints.models.ListingStatus",
        "VerificationStatusEnum": "complaints.models.VerificationStatus",
        "BulkUploadStatusEnum": "complaints.models.BulkUploadStatus",
        "DeliveryStatusEnum": "webhooks.models.DeliveryStatus",
        "ReviewOutcomeEnum": "cases.models.ReviewOutcome",
        "LawEnforcementOutcomeKindEnum": "law_enforcement.models.OutcomeKind",
        "ConsentStatusEnum": "cases.models.ConsentStatus",
        "ConsentPartyEnum": "cases.models.ConsentParty",
        "SessionKindEnum": "cases.models.SessionKind",
        "MediationResultEnum": "cases.models.MediationResult",
        "LanguageEnum": "iprgov.settings.LANGUAGES",
    },
    "DESCRIPTION": "Token authentication (`Authorization: Token <key>`), cursor pagination, "
    'errors as {"errors": [{"field", "code", "message"}]}. Guide: docs/api.md.',
}

# Bulk filing and webhooks
IPRGOV_BULK_MAX_ROWS = env.int("IPRGOV_BULK_MAX_ROWS", default=100_000)
IPRGOV_BULK_MAX_BYTES = env.int("IPRGOV_BULK_MAX_BYTES", default=64 * 1024 * 1024)
IPRGOV_BULK_BATCH_ROWS = env.int("IPRGOV_BULK_BATCH_ROWS", default=2000)
# Hard limits on what one bulk file may make the web request or the worker do (complaints.bulk_limits):
# checked against what the file declares when it is uploaded, enforced again while it is read.
IPRGOV_BULK_MAX_COLUMNS = env.int("IPRGOV_BULK_MAX_COLUMNS", default=20)
IPRGOV_BULK_MAX_CELL_CHARS = env.int("IPRGOV_BULK_MAX_CELL_CHARS", default=2000)
IPRGOV_BULK_MAX_CELLS = env.int("IPRGOV_BULK_MAX_CELLS", default=2_000_000)  # read, empty ones included
IPRGOV_BULK_MAX_UNZIPPED_BYTES = env.int("IPRGOV_BULK_MAX_UNZIPPED_BYTES", default=128 * 1024 * 1024)
IPRGOV_BULK_MAX_ZIP_RATIO = env.int("IPRGOV_BULK_MAX_ZIP_RATIO", default=100)
# An upload no worker is reading: queued this long without being started, the periodic sweep enqueues it
# again; running with no batch committed for this long, the watchdog resumes it from its last batch, and
# gives it up (failed, with the reason) once it has been started this many times.
IPRGOV_BULK_SWEEP_GRACE = timedelta(seconds=env.int("IPRGOV_BULK_SWEEP_GRACE_SECONDS", default=60))
IPRGOV_BULK_STALE_AFTER = timedelta(seconds=env.int("IPRGOV_BULK_STALE_SECONDS", default=300))
IPRGOV_BULK_MAX_ATTEMPTS = env.int("IPRGOV_BULK_MAX_ATTEMPTS", default=3)
IPRGOV_WEBHOOK_MAX_ATTEMPTS = env.int("IPRGOV_WEBHOOK_MAX_ATTEMPTS", default=8)
# Off: webhook URLs resolving to loopback/private/reserved addresses are refused (server-side request forgery).
IPRGOV_WEBHOOK_ALLOW_PRIVATE_HOSTS = env_bool("IPRGOV_WEBHOOK_ALLOW_PRIVATE_HOSTS", default=DEBUG)

# Security
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=12 * 60 * 60)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Behind a TLS-terminating proxy: redirect plain HTTP and tell browsers to use HTTPS only (docs/security.md).
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
# Probes of the load balancer and the orchestrator reach a process directly, over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool(
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=SECURE_HSTS_SECONDS > 0
)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=SECURE_HSTS_SECONDS > 0)
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", default=False):
    # Only behind a proxy that sets X-Forwarded-Proto itself and strips it from clients' requests.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Content-Security-Policy (Django's own middleware): no inline script or style, nothing from other origins.
# The QR code of the two-factor setup is a data: image.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    # WeasyPrint and fontTools (its font subsetting) log each step of every PDF at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# Deadlines
# Working days the platform has to decide or execute once the office has given its opinion or decision.
IPRGOV_PLATFORM_DAYS_AFTER_OFFICE = env.int("IPRGOV_PLATFORM_DAYS_AFTER_OFFICE", default=2)
# Notice and takedown (working days unless named otherwise)
IPRGOV_INFORMATION_DAYS = env.int("IPRGOV_INFORMATION_DAYS", default=5)  # complainant answers a request
IPRGOV_COUNTER_NOTICE_DAYS = env.int(
    "IPRGOV_COUNTER_NOTICE_DAYS", default=10
)  # respondent files a counter-notice
IPRGOV_PLATFORM_ACTION_DAYS = env.int(
    "IPRGOV_PLATFORM_ACTION_DAYS", default=2
)  # platform forwards / decides again
IPRGOV_REMINDER_WORKING_DAYS = env.int("IPRGOV_REMINDER_WORKING_DAYS", default=1)  # remind this long before
IPRGOV_RESPONDENT_LINK_DAYS = env.int(
    "IPRGOV_RESPONDENT_LINK_DAYS", default=30
)  # calendar days a link stays valid
# Calendar days after the platform's decision in which either party may ask for its review (DSA art. 20:
# at least six months; 184 days cover the longest six months of the calendar).
IPRGOV_REVIEW_DAYS = env.int("IPRGOV_REVIEW_DAYS", default=184)
# Absolute links in emails (the respondent's link) start with this.
IPRGOV_SITE_URL = env.str("IPRGOV_SITE_URL", default="http://127.0.0.1:8000")
# Where a complainant asks for a person to review how its complaint was routed (named in every receipt).
IPRGOV_ROUTING_REVIEW_EMAIL = env.str("IPRGOV_ROUTING_REVIEW_EMAIL", default="operators@iprgov.localhost")
# How many of the most recently routed cases a routing-rule change is tried on before it is saved.
IPRGOV_ROUTING_PREVIEW_CASES = env.int("IPRGOV_ROUTING_PREVIEW_CASES", default=200)
# Administrative handling (working days)
IPRGOV_CONSENT_DAYS = env.int("IPRGOV_CONSENT_DAYS", default=5)  # both parties answer a consent request
IPRGOV_ACCEPTANCE_DAYS = env.int(
    "IPRGOV_ACCEPTANCE_DAYS", default=5
)  # office accepts or declines a consented case
IPRGOV_ADMINISTRATIVE_DAYS = env.int(
    "IPRGOV_ADMINISTRATIVE_DAYS", default=15
)  # office decides after accepting
IPRGOV_ASSISTANCE_DAYS = env.int(
    "IPRGOV_ASSISTANCE_DAYS", default=10
)  # another office answers an assistance request
