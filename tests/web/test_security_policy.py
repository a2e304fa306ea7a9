"""The Content-Security-Policy on every response, templates that need nothing it refuses, and
the production profile's HTTPS settings as ``manage.py check --deploy`` judges them."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.builders.people import client_for

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "thidua").glob("**/templates/**/*.html"))
# <script> with no src that is not a data block; an on...= handler attribute; a style attribute.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")
HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE)


def _policy(response: object) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]  # type: ignore[index]
    directives = [part.strip().split() for part in header.split(";") if part.strip()]
    return {name: values for name, *values in directives}


@pytest.mark.django_db
def test_every_kind_of_response_carries_the_policy() -> None:
    signed_in = client_for("canbo.binhduong")
    responses = [
        Client().get(reverse("accounts:login")),
        signed_in.get(reverse("web:home")),
        signed_in.get(reverse("web:units")),
        signed_in.get("/api/v1/units?limit=1"),
        signed_in.get("/api/v1/docs"),
        Client().get("/admin/login/", follow=True),
        signed_in.get("/khong-co-trang-nay/"),
    ]
    for response in responses:
        policy = _policy(response)
        assert policy["script-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_template_needs_what_the_policy_refuses(template: Path) -> None:
    text = template.read_text()
    assert not INLINE_SCRIPT.search(text), "inline <script>"
    assert not HANDLER.search(text), "event handler attribute"
    assert not STYLE_ATTRIBUTE.search(text), "style attribute"


def test_the_scan_sees_each_kind_of_inline_code() -> None:
    """The patterns above do find what they look for (or the template test could never fail)."""
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/a.js" defer></script>')
    assert not INLINE_SCRIPT.search('<script type="application/json" id="x">{}</script>')
    assert HANDLER.search('<select name="language" onchange="this.form.submit()">')
    assert STYLE_ATTRIBUTE.search('<td style="padding-left: 1rem">')
    assert not STYLE_ATTRIBUTE.search('<td class="indent-1" data-style="x">')


def _check_deploy(**overrides: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SECURE_", "DEBUG", "THIDUA_", "DJANGO_ALLOW_ASYNC"))
    }
    env |= {
        "THIDUA_PRODUCTION": "1",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "thidua.btctw.vn",
        **overrides,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_production_profile_passes_check_deploy() -> None:
    result = _check_deploy()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_refuses_a_production_profile_without_https() -> None:
    """The same check fails once HSTS and the redirect are turned off: it judges the settings."""
    result = _check_deploy(SECURE_HSTS_SECONDS="0", SECURE_SSL_REDIRECT="0")
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout
    assert "security.W008" in result.stderr + result.stdout
