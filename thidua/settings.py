"""The one settings module: everything that differs between machines comes from the environment."""

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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "thidua.core",
    "thidua.audit",
    "thidua.orgs",
    "thidua.accounts",
    "thidua.plans",
    "thidua.indicators",
    "thidua.scoring",
    "thidua.web",
    "thidua.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost but one: a database outage anywhere below answers 503, never 500.
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
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "thidua.web.middleware.DomainErrorPages",
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
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
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
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Repeated wrong passwords lock the account for a while (operational setting, not law).
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 5)
LOGIN_LOCK_MINUTES = env_int("LOGIN_LOCK_MINUTES", 15)

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
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)
EVIDENCE_EXTENSIONS = env_list(
    "EVIDENCE_EXTENSIONS", ["pdf", "docx", "xlsx", "doc", "xls", "jpg", "jpeg", "png", "zip"]
)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"outage": {"()": "thidua.web.middleware.OutageTracebacks"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["outage"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
