"""The Django admin, kept for operators, speaks Vietnamese: every app and model it lists is named
in Vietnamese, and its pages carry no English of the libraries."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from tests.builders.people import client_for

pytestmark = pytest.mark.django_db


def test_every_model_in_the_admin_has_vietnamese_names() -> None:
    unnamed = [
        model._meta.label
        for model in admin.site._registry
        if not {"verbose_name", "verbose_name_plural"} <= set(model._meta.original_attrs)
    ]
    assert unnamed == []
    default_app_names = [
        model._meta.app_label
        for model in admin.site._registry
        if apps.get_app_config(model._meta.app_label).verbose_name == model._meta.app_label.title()
    ]
    assert default_app_names == []


def test_the_admin_index_reads_in_vietnamese() -> None:
    page = client_for("quantri").get(reverse("admin:index"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Quản trị" in html or "quản trị" in html
    for english in ("devices", "Access attempts", "Access logs", "Site administration"):
        assert english not in html
