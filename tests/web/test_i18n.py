"""The interface is Vietnamese by default and switches to English; the English catalogue
(locale/en/LC_MESSAGES/django.po and its compiled .mo) translates every string."""

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.builders.people import client_for

pytestmark = pytest.mark.django_db

CATALOGUE_DIR = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@dataclass
class Entry:
    """One message of a .po file; plural translations are keyed "msgstr[0]", "msgstr[1]"."""

    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    translations: dict[str, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return repr(self.msgid)


def _parse_po(text: str) -> list[Entry]:
    """Just enough of the gettext format for this project: no obsolete entries are kept."""
    entries: list[Entry] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        entry = Entry()
        key: str | None = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry.flags += [flag.strip() for flag in line[2:].split(",")]
                continue
            if line.startswith("#") or not line.strip():
                continue
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line)
            if match:
                key = match.group(1)
                value = ast.literal_eval(match.group(2))
            else:
                assert key is not None, line
                assert line.startswith('"'), line
                value = ast.literal_eval(line)
            assert isinstance(value, str)
            if key == "msgid":
                entry.msgid += value
            elif key == "msgid_plural":
                entry.msgid_plural = (entry.msgid_plural or "") + value
            elif key == "msgctxt":
                entry.msgctxt = (entry.msgctxt or "") + value
            else:
                assert key is not None
                entry.translations[key] = entry.translations.get(key, "") + value
        entries.append(entry)
    return entries


def _messages() -> list[Entry]:
    """The catalogue's messages, without the header entry (msgid "")."""
    entries = _parse_po((CATALOGUE_DIR / "django.po").read_text(encoding="utf-8"))
    assert entries[0].msgid == ""
    return entries[1:]


def _english_client(username: str = "canbo.longan") -> Client:
    client = client_for(username)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    return client


def test_default_language_is_vietnamese_even_for_an_english_browser() -> None:
    response = client_for("canbo.longan").get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="vi">' in html
    for vietnamese in ["Đơn vị</a>", "Cụm thi đua</a>", "Đăng xuất"]:
        assert vietnamese in html
    for english in ["Unit</a>", "Emulation clusters</a>", "Sign out"]:
        assert english not in html


def test_switching_to_english_translates_the_home_page() -> None:
    client = _english_client()
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    for english in ["Unit</a>", "Emulation clusters</a>", "Sign out", "Your roles", "Hello, "]:
        assert english in html, english
    for vietnamese in ["Đơn vị</a>", "Cụm thi đua</a>", "Đăng xuất", "Vai trò của bạn"]:
        assert vietnamese not in html, vietnamese


def test_english_stays_on_for_the_clusters_page() -> None:
    client = _english_client()
    html = client.get("/cum/?nam=2018").content.decode()
    assert '<html lang="en">' in html
    for english in ["Emulation clusters by year", "Cluster head", "Deputy head", "Sign out"]:
        assert english in html, english
    for vietnamese in ["Cụm thi đua theo năm", "Cụm trưởng", "Cụm phó", "Đăng xuất"]:
        assert vietnamese not in html, vietnamese


def test_switching_back_to_vietnamese() -> None:
    client = _english_client()
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    html = client.get("/").content.decode()
    assert "Đăng xuất" in html
    assert "Sign out" not in html


def test_every_entry_has_an_english_translation() -> None:
    messages = _messages()
    assert len(messages) > 100
    for entry in messages:
        assert "fuzzy" not in entry.flags, entry.label
        expected = ["msgstr[0]", "msgstr[1]"] if entry.msgid_plural else ["msgstr"]
        assert sorted(entry.translations) == expected, entry.label
        assert all(text.strip() for text in entry.translations.values()), entry.label


def test_translations_keep_their_placeholders() -> None:
    for entry in _messages():
        wanted = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        for text in entry.translations.values():
            assert set(PLACEHOLDER.findall(text)) == wanted, entry.label


def test_compiled_catalogue_matches_the_po_file() -> None:
    """The .mo is committed so machines without gettext still get English; it must be
    recompiled whenever the .po changes."""
    with (CATALOGUE_DIR / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for entry in _messages():
        context = entry.msgctxt
        if entry.msgid_plural is not None:
            for n, key in [(1, "msgstr[0]"), (2, "msgstr[1]")]:
                if context is None:
                    text = compiled.ngettext(entry.msgid, entry.msgid_plural, n)
                else:
                    text = compiled.npgettext(context, entry.msgid, entry.msgid_plural, n)
                assert text == entry.translations[key], entry.label
        elif context is None:
            assert compiled.gettext(entry.msgid) == entry.translations["msgstr"], entry.label
        else:
            text = compiled.pgettext(context, entry.msgid)
            assert text == entry.translations["msgstr"], entry.label
