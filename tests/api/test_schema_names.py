"""Two schema classes of the API with one name become one component of the OpenAPI document:
django-ninja keeps the last one, so an operation would document another's body (a vote's
candidate once stood for an award round's, and the document then declared a body the route
refuses). Every schema name is unique."""

from collections import defaultdict

from ninja import Schema

import thidua.api.api


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


def test_no_two_api_schemas_share_a_name() -> None:
    modules: dict[str, set[str]] = defaultdict(set)
    for schema in _subclasses(Schema):
        if schema.__module__.startswith("thidua."):
            modules[schema.__name__].add(schema.__module__)
    assert {name: where for name, where in modules.items() if len(where) > 1} == {}


def test_the_award_round_candidate_body_is_documented_as_the_route_reads_it() -> None:
    document = thidua.api.api.api.get_openapi_schema()
    body = document["components"]["schemas"]["CandidateIn"]
    assert set(body["properties"]) == {"award", "person_id", "unit_id", "judged_on"}
    assert "VoteCandidateIn" in document["components"]["schemas"]
