"""Waspada settings: one module, every deployment choice read from the environment.

See README.md ("Configuration") for each variable and its default.
"""

from __future__ import annotations

from pathlib import Path

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from waspada.core.logs import logging_config
from waspada.env import (
    env_bool,
    env_choice,
    env_database,
    env_int,
    env_list,
    env_networks,
    env_secret_key,
    env_str,
    env_time_zone,
)

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(env_str("WASPADA_VAR_DIR", str(PROJECT_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_secret_key("SECRET_KEY", debug=DEBUG, key_file=VAR_DIR / "secret_key")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    # Two-factor sign-in (waspada/core/two_factor.py): authenticator-app codes (TOTP) and
    # one-time recovery codes (static).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    # django-ninja's own templates and static files: the API's docs page, served locally.
    "ninja",
    "waspada.core",
    "waspada.regions",
    "waspada.partners",
    "waspada.applications",
    "waspada.screening",
    "waspada.watchlists",
    "waspada.networks",
    "waspada.interviews",
    "waspada.decisions",
    "waspada.publik",
    "waspada.training",
    "waspada.api",
    "waspada.reports",
    # Last: the demo builds on every other app and nothing builds on it.
    "waspada.demo",
]

MIDDLEWARE = [
    # First: every log line of a request carries its id (X-Request-ID).
    "waspada.core.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "waspada.core.middleware.LanguageMiddleware",
    # The partner API (/api/v1/): the client's language, problem details, ETags, audit.
    "waspada.api.middleware.ApiMiddleware",
    # A post to /publik/ larger than a report can be is refused before it is read.
    "waspada.publik.middleware.PublicPostSizeMiddleware",
    "django.middleware.common.CommonMiddleware",
    "waspada.core.middleware.RefuseNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # With WASPADA_PUBLIC_ONLY=1 the process answers /publik/ (and static files) only,
    # to anonymous visitors.
    "waspada.publik.middleware.PublicOnlyMiddleware",
    "waspada.core.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Signs out a session idle too long (after the messages: it leaves one).
    "waspada.core.middleware.IdleSessionMiddleware",
    "waspada.core.middleware.PasswordChangeRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Axes last: it turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "waspada.urls"
WSGI_APPLICATION = "waspada.wsgi.application"

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
                "waspada.core.context_processors.navigation",
            ],
        },
    }
]

DATABASES = {"default": env_database("DATABASE_URL", VAR_DIR / "waspada.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, refusing partner users of a deactivated agency (sessions too).
    "waspada.core.backends.AccountBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    # Not like the user's own username, name or email (`full_name` is Waspada's name field).
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "full_name", "email")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sign-in throttling. Per client address (django-axes): after this many failed sign-ins
# from one address, that address may not try again for the cool-off time. Never per
# account: typing someone's username must not lock them out. Per username the attempts
# are slowed down instead (waspada/core/throttle.py): after a few failures each further
# try waits longer, up to WASPADA_LOGIN_SLOWDOWN_MAX_SECONDS.
AXES_FAILURE_LIMIT = env_int("WASPADA_LOGIN_FAILURE_LIMIT", 10, minimum=1)
AXES_COOLOFF_TIME = env_int("WASPADA_LOGIN_COOLOFF_MINUTES", 15, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
WASPADA_LOGIN_SLOWDOWN_MAX_SECONDS = env_int("WASPADA_LOGIN_SLOWDOWN_MAX_SECONDS", 60, minimum=1)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# The client's address behind the reverse proxy (waspada/core/client_address.py), for the
# throttling as for the audit trail.
AXES_CLIENT_IP_CALLABLE = "waspada.core.client_address.client_address"
# Two-factor sign-in: the name authenticator apps show beside the account.
OTP_TOTP_ISSUER = env_str("WASPADA_TOTP_ISSUER", "Waspada")
# The reverse proxies whose X-Forwarded-For / X-Real-IP are believed (addresses or CIDR
# networks); from anyone else those headers are ignored and REMOTE_ADDR is the client.
WASPADA_TRUSTED_PROXIES = env_networks("WASPADA_TRUSTED_PROXIES")

SESSION_COOKIE_HTTPONLY = True
# A sign-in ends when the browser closes, after WASPADA_SESSION_IDLE_MINUTES without a
# request (waspada.core.middleware.IdleSessionMiddleware; pages warn a little before),
# and at the latest after WASPADA_SESSION_HOURS.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = env_int("WASPADA_SESSION_HOURS", 10, minimum=1) * 3600
WASPADA_SESSION_IDLE_MINUTES = env_int("WASPADA_SESSION_IDLE_MINUTES", 30, minimum=2)
SESSION_COOKIE_SECURE = env_bool("WASPADA_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
# Strict-Transport-Security on HTTPS answers: browsers then refuse plain HTTP for this
# long. Off (0) by default: turn it on once HTTPS works, as it cannot be taken back early.
SECURE_HSTS_SECONDS = env_int("WASPADA_HSTS_SECONDS", 0, minimum=0)
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = env_str("LANGUAGE_CODE", "id")
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
if LANGUAGE_CODE not in dict(LANGUAGES):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"LANGUAGE_CODE={LANGUAGE_CODE!r} is not one of: id, en.")
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_time_zone("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"

# Strict CSP: everything from our own origin, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A queued or running background job silent for this long was interrupted: its page
# shows it failed instead of polling forever (long jobs report progress far more often).
WASPADA_JOB_STALE_MINUTES = env_int("WASPADA_JOB_STALE_MINUTES", 30, minimum=1)
# The watchlist name index, built once per change of the lists and kept here for every
# process (web and worker) to load instead of building its own.
WASPADA_WATCHLIST_INDEX_DIR = Path(
    env_str("WASPADA_WATCHLIST_INDEX_DIR", str(VAR_DIR / "watchlist-index"))
)
# /readyz: not ready when no worker (`waspada worker`) gave a sign of life for this long,
# or when a task has waited in the queue for longer than this.
WASPADA_READY_WORKER_SILENT_SECONDS = env_int("WASPADA_READY_WORKER_SILENT_SECONDS", 60, minimum=20)
WASPADA_READY_MAX_TASK_WAIT_MINUTES = env_int("WASPADA_READY_MAX_TASK_WAIT_MINUTES", 15, minimum=1)
# `waspada prune` (daily, deploy/waspada-prune.timer): uploaded import files are deleted
# this many days after their import ended (the import's page and counts stay); finished
# background tasks are forgotten after WASPADA_TASK_RETENTION_DAYS.
WASPADA_IMPORT_RETENTION_DAYS = env_int("WASPADA_IMPORT_RETENTION_DAYS", 90, minimum=1)
WASPADA_TASK_RETENTION_DAYS = env_int("WASPADA_TASK_RETENTION_DAYS", 30, minimum=1)
# A Disnaker recommendation verification request open this long is overdue: the
# supervisors see it in their queue.
WASPADA_RECOMMENDATION_OVERDUE_DAYS = env_int("WASPADA_RECOMMENDATION_OVERDUE_DAYS", 3, minimum=1)
# Dukcapil NIK verification (docs/dukcapil.md): empty, the requests wait in the Dukcapil
# liaison officer's queue; the base URL of a service speaking the online contract, they
# are answered at once (and fall back to the liaison when it cannot answer).
WASPADA_DUKCAPIL_URL = env_str("WASPADA_DUKCAPIL_URL", "")
WASPADA_DUKCAPIL_TOKEN = env_str("WASPADA_DUKCAPIL_TOKEN", "")
WASPADA_DUKCAPIL_TIMEOUT = env_int("WASPADA_DUKCAPIL_TIMEOUT", 5, minimum=1)

# Calls a partner system's API key may make per minute (then 429 with Retry-After).
WASPADA_API_REQUESTS_PER_MINUTE = env_int("WASPADA_API_REQUESTS_PER_MINUTE", 600, minimum=1)

# Webhooks to plain http:// on this machine (127.0.0.1): for tests and a local stand-in
# only; every other webhook address must be https://.
WASPADA_WEBHOOK_LOCAL_HTTP = env_bool("WASPADA_WEBHOOK_LOCAL_HTTP", False)

# The office this installation serves; its working area is a model row seeded by
# `waspada load-regions` from these defaults (Kantor Imigrasi Kelas I TPI Cilacap).
WASPADA_OFFICE_NAME = env_str("WASPADA_OFFICE_NAME", "Kantor Imigrasi Kelas I TPI Cilacap")
WASPADA_OFFICE_REGENCIES = env_list(
    "WASPADA_OFFICE_REGENCIES", ["33.01", "33.02", "33.03", "33.04", "33.05"]
)

# The public side (/publik/): a process started with WASPADA_PUBLIC_ONLY=1 serves only the
# public pages and static files, so the office side need not face the internet.
WASPADA_PUBLIC_ONLY = env_bool("WASPADA_PUBLIC_ONLY", False)
# Reports from the public: at most this many sends per network (/24, /64) per window.
WASPADA_PUBLIC_REPORT_LIMIT = env_int("WASPADA_PUBLIC_REPORT_LIMIT", 5, minimum=1)
WASPADA_PUBLIC_REPORT_WINDOW_MINUTES = env_int(
    "WASPADA_PUBLIC_REPORT_WINDOW_MINUTES", 60, minimum=1
)
# The cache (public pages, the rate limit): in each process's memory, or in a folder shared
# by the server's processes (gunicorn workers) when WASPADA_CACHE_DIR is set.
_CACHE_DIR = env_str("WASPADA_CACHE_DIR", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": _CACHE_DIR}
        if _CACHE_DIR
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    )
}
# Public pages are kept this long in the cache (0: not cached).
WASPADA_PUBLIC_CACHE_SECONDS = env_int("WASPADA_PUBLIC_CACHE_SECONDS", 60, minimum=0)

# Log lines (to standard error; journald keeps them): time, level, request id, logger and
# message, as text or, with WASPADA_LOG_FORMAT=json, as one JSON object per line.
LOGGING = logging_config(
    env_choice("WASPADA_LOG_FORMAT", "text", ["text", "json"]),
    env_choice("WASPADA_LOG_LEVEL", "INFO", ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]),
)
