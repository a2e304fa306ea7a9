"""The one settings module: everything that differs between machines comes from the environment."""

import datetime as dt
from pathlib import Path

import django_stubs_ext
from django.utils.translation import gettext_lazy as _

from thidua.env import env_bool, env_database, env_int, env_list, env_str

# Lets admin classes be written ModelAdmin[Model] for the type checker.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

# A marker default: the production checks (thidua.core.checks) refuse to run with it.
INSECURE_SECRET_KEY = "django-insecure-thidua-development-only"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", INSECURE_SECRET_KEY)
PRODUCTION = env_bool("THIDUA_PRODUCTION", False)
DEBUG = env_bool("DEBUG", not PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Django's admin with the project's own default site (sign-in and 2FA: the app's).
    "thidua.accounts.admin_site.ThiduaAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    # Listed so that the API's documentation page serves Swagger UI from the app's own static
    # files; without it django-ninja fetches them from a CDN, and the page is blank offline.
    "ninja",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "thidua.core",
    "thidua.audit",
    "thidua.orgs",
    "thidua.accounts",
    "thidua.rulebook",
    "thidua.plans",
    "thidua.indicators",
    "thidua.scoring",
    "thidua.voting",
    "thidua.elections",
    "thidua.reviews",
    "thidua.awards",
    "thidua.documents",
    "thidua.web",
    "thidua.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # A database outage anywhere below answers 503, never 500 (and still carries the policy).
    "thidua.web.middleware.DatabaseOutage",
    "thidua.web.middleware.ApiAnswersInJson",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Django's sessions, but a session that cannot be saved after a committed write does not
    # turn the write's answer into an error.
    "thidua.web.middleware.OutageTolerantSessions",
    "thidua.web.middleware.ChosenLanguage",
    "django.middleware.common.CommonMiddleware",
    "thidua.web.middleware.RefuseUnusableInput",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "thidua.accounts.middleware.TwoFactorGate",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "thidua.web.middleware.DomainErrorPages",
    # Last, so that it turns any lockout flagged during the request into the lockout answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "thidua.urls"
WSGI_APPLICATION = "thidua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "thidua.web.context.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'thidua.sqlite3'}")
}
# A connection found broken is replaced at the next request, so the app recovers by itself
# once the database is back.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# SQLite (demo only) cannot enforce NULLS NOT DISTINCT; services use get_or_create for grants.
SILENCED_SYSTEM_CHECKS = ["models.W047"]

AUTH_USER_MODEL = "accounts.User"
# axes first: a locked-out sign-in is refused before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A request body (JSON, form fields) above this is refused with a 413; files are limited by their
# own checks. A cluster's whole archived year as an interchange document is far below it.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("MAX_REQUEST_BODY_BYTES", 8 * 1024 * 1024)
# How long a one-time link to set a forgotten password works (thidua.accounts.services.
# password_reset); the link also dies once used.
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_HOURS", 24) * 3600
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# One lockout for every way in (the sign-in page, whose second step and the admin's login share
# it, and the API's bearer tokens): django-axes counts failures in the database, so a lockout
# survives a restart; `manage.py axes_reset` lifts them all. Operational settings, not law.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
# Both the account and the address are counted (thidua.accounts.lockout says why).
AXES_LOCKOUT_PARAMETERS = "thidua.accounts.lockout.lockout_parameters"
AXES_LOCKOUT_CALLABLE = "thidua.accounts.lockout.lockout_response"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# A success clears the account's count only (thidua.accounts.lockout.sign_in_succeeded), never
# the address's: one good account must not buy an address a fresh round of guesses.
AXES_RESET_ON_SUCCESS = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password", "code"]
# The address counted is REMOTE_ADDR (django-ipware is not installed): never a header a client
# could set itself.

# Two-factor sign-in (TOTP with backup codes). Wrong codes count towards the lockout above, and
# each device also slows itself down after a wrong code (django-otp's throttle).
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Thi đua khen thưởng")
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Under a database outage: the Retry-After of the 503, and how often the outage is logged
# (once per incident, then one line per interval with the count of refused requests).
OUTAGE_RETRY_AFTER_SECONDS = env_int("OUTAGE_RETRY_AFTER_SECONDS", 5)
OUTAGE_LOG_SECONDS = env_int("OUTAGE_LOG_SECONDS", 60)

# The API's rate limits ("<requests>/<s|m|h|d>"), per client address and per token.
API_RATE_PER_ADDRESS = env_str("API_RATE_PER_ADDRESS", "600/m")
API_RATE_PER_TOKEN = env_str("API_RATE_PER_TOKEN", "1200/m")
# How many reverse proxies in front of the app add X-Forwarded-For; 0 (none) counts by the
# connection's address, so a client cannot escape its limit with a forged header.
NINJA_NUM_PROXIES = env_int("TRUSTED_PROXY_COUNT", 0)
# How long the first answer to a write sent with an Idempotency-Key is kept for its retries.
IDEMPOTENCY_KEY_HOURS = env_int("IDEMPOTENCY_KEY_HOURS", 24)
# The rate limits count in Django's cache. The database cache would share the counts between
# processes but costs five to six queries per limit on every API call (measured: 12 → 23 on a
# list), so the counts stay in each process's memory: with N server processes a client gets
# at most N times the rate. The scale-out profile, which has Redis, points this at it
# (django.core.cache.backends.redis.RedisCache) for one count across every server.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "thidua",
    }
}

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Number separators by language (thidua/formats/<lang>/formats.py). Thousands are grouped by
# thidua.core.numbers where a number is shown, never by USE_THOUSAND_SEPARATOR, which would also
# group every year and id a template prints ("2.025").
FORMAT_MODULE_PATH = ["thidua.formats"]

STATIC_URL = "static/"
# The app serves its own assets (isolated networks, no CDN). In production `collectstatic`
# fills STATIC_ROOT; elsewhere files are served straight from the apps.
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static"))) if PRODUCTION else None
WHITENOISE_USE_FINDERS = not PRODUCTION

# Evidence files: never served by the web server directly, only through a checked download view.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Where `demo_load` writes the demo trustees' key files (never in the database).
THIDUA_DEMO_KEYS_DIR = Path(
    env_str("THIDUA_DEMO_KEYS_DIR", str(BASE_DIR / "var" / "demo-trustee-keys"))
)
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)
EVIDENCE_EXTENSIONS = env_list(
    "EVIDENCE_EXTENSIONS", ["pdf", "docx", "xlsx", "doc", "xls", "jpg", "jpeg", "png", "zip"]
)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# The production profile speaks HTTPS only: plain HTTP is redirected and browsers are told (HSTS)
# to use nothing else for a year. Behind a reverse proxy that ends TLS, SECURE_PROXY_SSL_HEADER
# names the header it sets (e.g. "X-Forwarded-Proto"); only set it when the proxy overwrites it.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", PRODUCTION)
_proxy_header = env_str("SECURE_PROXY_SSL_HEADER", "")
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https") if _proxy_header else None
)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy on every response (django-csp): only the app's own files, no inline
# script or style, no plugins, never framed. The pages and their vendored assets need nothing
# else; the charts become PNGs through data: and blob: images made in the page.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"outage": {"()": "thidua.web.middleware.OutageTracebacks"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["outage"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# The audit log's signed checkpoint (thidua/audit/checkpoint.py): `audit_verify` and the cron
# job `audit_seal` write it, and the next run checks the chain against it. Keep the file
# elsewhere (another disk or machine, mounted here) and the key out of the database and of
# its backups: AUDIT_CHECKPOINT_KEY, or a file holding it, AUDIT_CHECKPOINT_KEY_FILE. Without
# a key no checkpoint is kept.
AUDIT_CHECKPOINT_FILE = Path(
    env_str("AUDIT_CHECKPOINT_FILE", str(BASE_DIR / "var" / "audit-checkpoint.json"))
)
AUDIT_CHECKPOINT_KEY = env_str("AUDIT_CHECKPOINT_KEY", "")
AUDIT_CHECKPOINT_KEY_FILE = env_str("AUDIT_CHECKPOINT_KEY_FILE", "")

# Mail: reminders (and any other message to a person) go through Django's email backend. With
# no mail server configured the console backend prints them (the demo, a development machine);
# a board with a mail server sets EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend
# and EMAIL_HOST & co. The in-app notification is kept either way.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "thidua@localhost")
# The address the links of a reminder email start with (the mail is read outside the app).
THIDUA_SITE_URL = env_str("THIDUA_SITE_URL", "http://127.0.0.1:8000")

# What waits on a person (the home page) and the reminders the cron job `reminders_send`
# sends: a reminder that many days before each deadline (the nearest one passed, once each),
# and a notice of each acceptance or return made in the last THIDUA_NOTIFY_LOOKBACK_DAYS (a
# margin over the gap between two runs; a notice is never sent twice). A report period stays
# on the home page this many days past its deadline.
THIDUA_REMIND_DAYS = [int(day) for day in env_list("THIDUA_REMIND_DAYS", ["7", "1"])]
THIDUA_NOTIFY_LOOKBACK_DAYS = env_int("THIDUA_NOTIFY_LOOKBACK_DAYS", 7)
THIDUA_INBOX_OVERDUE_DAYS = env_int("THIDUA_INBOX_OVERDUE_DAYS", 30)

# The cluster's own part of its documents' symbols ("05-BC/CTĐ"): each cluster's regulation
# names it, so it is configuration, not code.
THIDUA_CLUSTER_SYMBOL = env_str("THIDUA_CLUSTER_SYMBOL", "CTĐ")
