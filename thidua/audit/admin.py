"""Django admin for operators: every write it makes is an audit event, like a service's.

``AuditedAdmin`` records, in the transaction of the change, who (the signed-in operator) added,
changed or deleted what, with the changed fields before and after: ``admin.<model>.create``,
``admin.<model>.change``, ``admin.<model>.delete``. Models whose writes carry rules that only
their service keeps (role grants, cluster terms and members, officer changes, lineage) are
read-only in admin instead (``ReadOnlyAdmin``).
"""

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django import forms
from django.contrib import admin
from django.db import models, transaction
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet, model_to_dict
from django.http import HttpRequest

from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_record

M = TypeVar("M", bound=models.Model)

# Fields whose values never go into the log: a password's hash, a token's hash.
SECRET_FIELDS = frozenset({"password", "password1", "password2", "key_hash"})


def _plain(value: Any) -> Any:
    """A form or model value as the log keeps it: related objects by their keys."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, QuerySet | list | tuple | set | frozenset):
        keys = [_plain(v) for v in value]
        return sorted(keys) if all(isinstance(k, int) for k in keys) else keys
    return value


def _fields(values: Mapping[str, Any], names: Iterable[str]) -> dict[str, Any]:
    return {n: _plain(values.get(n)) for n in names if n not in SECRET_FIELDS}


def form_change(form: forms.BaseForm) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields a form changed: their values before (as shown) and after (as saved)."""
    changed = [n for n in form.changed_data if n in form.cleaned_data]
    return _fields(form.initial, changed), _fields(form.cleaned_data, changed)


def _action(obj: models.Model, verb: str) -> str:
    return f"admin.{obj._meta.model_name}.{verb}"


def audit_form_save(request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
    """The event of one object saved through an admin form (call after saving it)."""
    before, after = form_change(form)
    if change and not after:
        return  # saved unchanged: nothing was written that the log does not already hold
    audit_record(
        actor=request.user,
        action=_action(obj, "change" if change else "create"),
        obj=obj,
        before=before if change else None,
        after=after,
    )


def audit_delete(request: HttpRequest, obj: models.Model) -> None:
    """The event of one object deleted through admin (call before deleting it)."""
    fields = [f.name for f in obj._meta.concrete_fields]
    audit_record(
        actor=request.user,
        action=_action(obj, "delete"),
        obj=obj,
        before=_fields(model_to_dict(obj, fields=fields), fields),
    )


class AuditedAdmin(admin.ModelAdmin[M]):
    """A model admin whose saves, deletes and inline saves each write their audit event."""

    def save_model(self, request: HttpRequest, obj: M, form: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit_form_save(request, obj, form, change)

    def delete_model(self, request: HttpRequest, obj: M) -> None:
        with transaction.atomic():
            audit_delete(request, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[M]) -> None:
        """The list's "delete selected" action: one event per object."""
        with transaction.atomic():
            for obj in queryset:
                audit_delete(request, obj)
            super().delete_queryset(request, queryset)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Inline rows: each row added, changed or deleted is an event of its own."""
        with transaction.atomic():
            if isinstance(formset, BaseInlineFormSet):
                for row in formset.deleted_forms:
                    if row.instance.pk is not None:
                        audit_delete(request, row.instance)
            super().save_formset(request, form, formset, change)
            deleted = set(getattr(formset, "deleted_forms", []))
            existing = set(getattr(formset, "initial_forms", []))
            for row in getattr(formset, "forms", []):
                if row in deleted or not row.has_changed() or row.instance.pk is None:
                    continue
                audit_form_save(request, row.instance, row, change=row in existing)


class ReadOnlyAdmin(admin.ModelAdmin[M]):
    """Shown to operators, written only through the model's service (which audits it)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin[AuditEvent]):
    list_display = ["id", "at", "actor_label", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_repr", "actor_label", "action"]
