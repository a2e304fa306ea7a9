"""Django admin writes the same audit events as the services, through its real pages; what only
a service may write (role grants, cluster terms, officer changes, lineage) is read-only there."""

from html.parser import HTMLParser
from typing import Any

import pytest
from django.db.models import QuerySet
from django.test import Client

from tests.builders.clusters import term
from tests.builders.people import PASSWORD, client_for, persona
from thidua.accounts.models import RoleGrant, User
from thidua.audit.models import AuditEvent
from thidua.orgs.models import Unit, UnitKind
from thidua.orgs.services import unit_create

pytestmark = pytest.mark.django_db


class _FormReader(HTMLParser):
    """The fields a browser would send from a page's main form, as they are shown."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        name = a.get("name", "")
        if tag == "input" and name and a.get("type") not in {"submit", "button", "file"}:
            ticked = a.get("type") in {"checkbox", "radio"}
            if ticked and "checked" not in a:
                return
            self.data.setdefault(name, []).append(a.get("value", "on" if ticked else ""))
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select].append(a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.data[self._textarea][0] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _page_form(client: Client, url: str) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == 200, url
    reader = _FormReader()
    reader.feed(response.content.decode())
    fields: dict[str, Any] = {k: v if len(v) != 1 else v[0] for k, v in reader.data.items()}
    fields.pop("csrfmiddlewaretoken", None)
    return fields


def _admin() -> tuple[Client, User]:
    return client_for("quantri"), persona("quantri")


def _unit() -> Unit:
    return unit_create(actor=None, name="Ban Thi đua thử", kind=UnitKind.OTHER, code="ADM-1")


def _events(action: str) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(action=action)


def test_renaming_a_unit_in_admin_writes_one_event_with_before_and_after() -> None:
    client, admin_user = _admin()
    unit = _unit()
    url = f"/admin/orgs/unit/{unit.pk}/change/"
    data = {**_page_form(client, url), "name": "Ban Thi đua (đổi tên)"}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    unit.refresh_from_db()
    assert unit.name == "Ban Thi đua (đổi tên)"
    (event,) = _events("admin.unit.change").filter(object_id=str(unit.pk))
    assert event.actor_id == admin_user.pk
    assert event.before == {"name": "Ban Thi đua thử"}
    assert event.after == {"name": "Ban Thi đua (đổi tên)"}
    assert event.action_label == "Sửa đơn vị (trang quản trị)"


def test_a_unit_added_and_deleted_in_admin_writes_an_event_each() -> None:
    client, admin_user = _admin()
    data = {**_page_form(client, "/admin/orgs/unit/add/")}
    data |= {"name": "Ban mới", "code": "ADM-NEW", "kind": UnitKind.OTHER}
    assert client.post("/admin/orgs/unit/add/", data).status_code == 302
    unit = Unit.objects.get(code="ADM-NEW")
    (created,) = _events("admin.unit.create").filter(object_id=str(unit.pk))
    assert created.after is not None
    assert created.after["code"] == "ADM-NEW"
    assert created.before is None
    response = client.post(f"/admin/orgs/unit/{unit.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Unit.objects.filter(pk=unit.pk).exists()
    (deleted,) = _events("admin.unit.delete").filter(object_id=str(unit.pk))
    assert (deleted.actor_id, (deleted.before or {})["name"]) == (admin_user.pk, "Ban mới")


def test_deleting_selected_units_from_the_list_writes_an_event_per_unit() -> None:
    client, _ = _admin()
    units = [
        unit_create(actor=None, name=f"Ban xóa {n}", kind=UnitKind.OTHER, code=f"ADM-D{n}")
        for n in range(2)
    ]
    response = client.post(
        "/admin/orgs/unit/",
        {"action": "delete_selected", "_selected_action": [u.pk for u in units], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Unit.objects.filter(pk__in=[u.pk for u in units]).exists()
    deleted = _events("admin.unit.delete").filter(object_id__in=[str(u.pk) for u in units])
    assert deleted.count() == 2


def test_a_change_refused_by_validation_writes_nothing() -> None:
    client, _ = _admin()
    unit = _unit()
    other = unit_create(actor=None, name="Ban khác", kind=UnitKind.OTHER, code="ADM-2")
    url = f"/admin/orgs/unit/{unit.pk}/change/"
    events_before = AuditEvent.objects.count()
    for bad in (
        {"name": ""},
        {"code": other.code},
        {"valid_from": "2020-05-01", "valid_to": "2020-01-01"},
    ):
        response = client.post(url, {**_page_form(client, url), **bad})
        assert response.status_code == 200  # the form again, with its error
    assert AuditEvent.objects.count() == events_before
    unit.refresh_from_db()
    assert (unit.name, unit.code, unit.valid_from) == ("Ban Thi đua thử", "ADM-1", None)


def test_a_role_cannot_be_granted_in_admin() -> None:
    client, _ = _admin()
    user = User.objects.create_user("nguoimoi", password=PASSWORD)
    unit = _unit()
    url = f"/admin/accounts/user/{user.pk}/change/"
    data = _page_form(client, url)
    assert data["grants-TOTAL_FORMS"] == "0"
    data |= {
        "grants-TOTAL_FORMS": "1",
        "grants-0-user": str(user.pk),
        "grants-0-role": "unit_leader",
        "grants-0-unit": str(unit.pk),
    }
    events_before = AuditEvent.objects.count()
    client.post(url, data)
    assert not RoleGrant.objects.filter(user=user).exists()
    assert AuditEvent.objects.count() == events_before
    assert client.get("/admin/accounts/rolegrant/add/").status_code == 404


def test_a_user_changed_in_admin_is_audited_without_secrets() -> None:
    client, admin_user = _admin()
    assert admin_user.is_superuser
    user = User.objects.create_user("nguoimoi", password=PASSWORD)
    url = f"/admin/accounts/user/{user.pk}/change/"
    data = {**_page_form(client, url), "first_name": "Nguyễn Văn Mới", "is_staff": "on"}
    assert client.post(url, data).status_code == 302
    (event,) = _events("admin.user.change").filter(object_id=str(user.pk))
    assert event.before == {"first_name": "", "is_staff": False}
    assert event.after == {"first_name": "Nguyễn Văn Mới", "is_staff": True}
    assert "password" not in str(event.after)


def test_a_password_set_in_admin_is_an_event_without_the_hash() -> None:
    client, admin_user = _admin()
    user = User.objects.create_user("nguoimoi", password=PASSWORD)
    url = f"/admin/accounts/user/{user.pk}/password/"
    new = "mat-khau-moi-rat-dai-2026"
    data = {**_page_form(client, url), "password1": new, "password2": new}
    assert client.post(url, data).status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    (event,) = _events("user.password_set").filter(object_id=str(user.pk))
    assert event.actor_id == admin_user.pk
    assert event.action_label == "Đặt mật khẩu"
    assert user.password not in str(event.after)
    assert new not in str(event.after)


def test_what_only_a_service_may_write_is_read_only_in_admin() -> None:
    client, _ = _admin()
    cluster_term = term(1, 2025)
    for url in (
        "/admin/orgs/clusterterm/add/",
        "/admin/orgs/officerchange/add/",
        "/admin/orgs/unitlineage/add/",
        "/admin/audit/auditevent/add/",
        "/admin/accounts/apitoken/add/",
    ):
        assert client.get(url).status_code == 403, url
    url = f"/admin/orgs/clusterterm/{cluster_term.pk}/change/"
    assert client.post(url, {"regulation": "Quy chế sửa tay"}).status_code == 403
    cluster_term.refresh_from_db()
    assert cluster_term.regulation != "Quy chế sửa tay"


def test_a_user_added_in_admin_is_audited_without_the_password() -> None:
    client, admin_user = _admin()
    secret = "mat-khau-ban-dau-2026"
    data = {
        **_page_form(client, "/admin/accounts/user/add/"),
        "username": "taomoi",
        "password1": secret,
        "password2": secret,
    }
    response = client.post("/admin/accounts/user/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(username="taomoi")
    (event,) = _events("admin.user.create").filter(object_id=str(user.pk))
    assert (event.actor_id, (event.after or {})["username"]) == (admin_user.pk, "taomoi")
    assert secret not in str(event.after)
    assert "password1" not in (event.after or {})
