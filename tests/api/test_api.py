import pytest
from django.test import Client

from tests.builders.clusters import board
from tests.builders.clusters import term as build_term
from tests.builders.people import client_for, persona
from thidua.accounts.services import api_token_create

pytestmark = pytest.mark.django_db


def test_anonymous_requests_get_401() -> None:
    for url in ["/api/v1/units", f"/api/v1/units/{board('79').pk}/lineage", "/api/v1/clusters"]:
        response = Client().get(url)
        assert response.status_code == 401, url
        assert response.json()["detail"] == "Vui lòng đăng nhập."


def test_units_search_ignores_diacritics_and_filters() -> None:
    client = client_for("canbo.longan")
    rows = client.get("/api/v1/units", {"q": "dak lak", "kind": "organization_board"}).json()
    assert [r["code"] for r in rows] == ["BTC-66-63", "BTC-66"]
    assert set(rows[0]) == {
        "id",
        "name",
        "short_name",
        "kind",
        "code",
        "parent_id",
        "valid_from",
        "valid_to",
    }
    as_of = client.get("/api/v1/units", {"q": "dak lak", "as_of": "2018-01-01"}).json()
    assert {r["code"] for r in as_of} == {"TU-66-63", "BTC-66-63"}


def test_units_are_paged_with_limit_and_offset() -> None:
    client = client_for("canbo.longan")
    first = client.get("/api/v1/units", {"q": "xa", "limit": "5"}).json()
    second = client.get("/api/v1/units", {"q": "xa", "limit": "5", "offset": "5"}).json()
    assert len(first) == len(second) == 5
    assert not {r["id"] for r in first} & {r["id"] for r in second}
    assert client.get("/api/v1/units", {"limit": 0}).status_code == 422


def test_bad_query_parameters_are_refused() -> None:
    response = client_for("canbo.longan").get("/api/v1/units", {"as_of": "31/12/2018"})
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Tham số không hợp lệ."
    assert body["errors"] == [{"field": "as_of", "message": "“as_of” có giá trị không hợp lệ."}]


def test_lineage_is_transitive_with_dates() -> None:
    client = client_for("canbo.longan")
    data = client.get(f"/api/v1/units/{board('79').pk}/lineage").json()
    assert {p["unit"]["code"] for p in data["predecessors"]} == {
        "BTC-74-63",
        "BTC-77-63",
        "BTC-79-63",
    }
    assert {p["effective_date"] for p in data["predecessors"]} == {"2025-07-01"}
    old = client.get(f"/api/v1/units/{board('74-63').pk}/lineage").json()
    assert [s["unit"]["code"] for s in old["successors"]] == ["BTC-79"]
    assert client.get("/api/v1/units/999999/lineage").status_code == 404


def test_clusters_by_year() -> None:
    build_term(4, 2018)
    build_term(4, 2017)  # another year
    data = client_for("theodoi").get("/api/v1/clusters", {"year": 2018}).json()
    assert len(data) == 1
    term = data[0]
    assert (term["cluster_number"], term["year"]) == (4, 2018)
    assert term["head"]["code"] == "BTC-74-63"
    assert {d["short_name"] for d in term["deputies"]} == {"Long An", "Lâm Đồng"}
    assert len(term["members"]) == 11


def test_token_auth_works_and_a_revoked_or_wrong_token_does_not() -> None:
    token, key = api_token_create(actor=None, user=persona("theodoi"), name="tích hợp")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert Client().get("/api/v1/clusters", **headers).status_code == 200  # type: ignore[arg-type]
    wrong = {"HTTP_AUTHORIZATION": "Bearer sai"}
    assert Client().get("/api/v1/clusters", **wrong).status_code == 401  # type: ignore[arg-type]
    token.revoked_at = token.created_at
    token.save()
    assert Client().get("/api/v1/clusters", **headers).status_code == 401  # type: ignore[arg-type]


def test_openapi_schema_is_published() -> None:
    schema = client_for("canbo.longan").get("/api/v1/openapi.json").json()
    assert {"/api/v1/units", "/api/v1/units/{unit_id}/lineage", "/api/v1/clusters"} <= set(
        schema["paths"]
    )
    assert client_for("canbo.longan").get("/api/v1/docs").status_code == 200
