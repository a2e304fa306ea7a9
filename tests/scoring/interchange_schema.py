"""The published schema of the plan interchange document, checked with the ``jsonschema`` package
(Draft 2020-12, formats included), so a test holds a document to every keyword of the schema."""

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, ValidationError

SCHEMA = Path(__file__).parents[2] / "thidua" / "scoring" / "data" / "plan-interchange.schema.json"

FORMATS = FormatChecker()
_RFC3339 = r"\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)"


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(instance: object) -> bool:
    """RFC 3339, as JSON Schema means ``date-time``: jsonschema checks it only when the optional
    rfc3339-validator package is installed, which it is not here, so the test says it itself."""
    if not isinstance(instance, str):
        return True
    if re.fullmatch(_RFC3339, instance) is None:
        return False
    return dt.datetime.fromisoformat(instance.upper()).tzinfo is not None  # 2018-13-01 raises


def published() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return schema


def _path(error: ValidationError) -> str:
    path = ""
    for part in error.absolute_path:
        path = f"{path}[{part}]" if isinstance(part, int) else f"{path}.{part}".lstrip(".")
    return path


def _keys(error: ValidationError) -> list[str]:
    """The keys an object lacks or should not have: jsonschema reports them on the object."""
    instance = error.instance if isinstance(error.instance, dict) else {}
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "required":
        return [k for k in schema["required"] if k not in instance]
    if error.validator == "additionalProperties":
        return [k for k in instance if k not in schema.get("properties", {})]
    return []


def _leaves(error: ValidationError) -> list[ValidationError]:
    """A nullable value fails ``anyOf``; what counts is why it failed the branch not null."""
    if error.validator not in {"anyOf", "oneOf"} or not error.context:
        return [error]
    real = [e for e in error.context if not (e.validator == "type" and e.validator_value == "null")]
    return [leaf for e in real for leaf in _leaves(e)]


def schema_errors(document: Any) -> dict[str, set[str]]:
    """Path → the schema keywords that refuse the value there, in the import's path notation."""
    validator = Draft202012Validator(published(), format_checker=FORMATS)
    found: dict[str, set[str]] = {}
    for error in validator.iter_errors(json.loads(json.dumps(document))):
        for leaf in _leaves(error):
            where = _path(leaf)
            for key in _keys(leaf) or [""]:
                path = f"{where}.{key}" if where and key else where or key
                found.setdefault(path, set()).add(str(leaf.validator))
    return found
