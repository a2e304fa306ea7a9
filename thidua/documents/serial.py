"""A document's content as JSON and back: the snapshot an issued document keeps of what it said,
so the register can show it again without rebuilding from data that has moved on since.

Pure (no Django). The blocks of the body are tagged with their type, the dates written ISO.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from thidua.documents.content import (
    Block,
    DocumentContent,
    Header,
    Heading,
    Issuer,
    Paragraph,
    Placeholder,
    Signature,
    Table,
)

_BLOCKS: dict[str, type[Heading] | type[Paragraph] | type[Placeholder] | type[Table]] = {
    "heading": Heading,
    "paragraph": Paragraph,
    "placeholder": Placeholder,
    "table": Table,
}
_TAGS = {cls: tag for tag, cls in _BLOCKS.items()}


def content_to_json(content: DocumentContent) -> dict[str, Any]:
    data = asdict(content)
    data["header"]["date"] = content.header.date.isoformat() if content.header.date else None
    data["body"] = [{"type": _TAGS[type(block)], **asdict(block)} for block in content.body]
    return data


def _block(data: dict[str, Any]) -> Block:
    fields = dict(data)
    cls = _BLOCKS[fields.pop("type")]
    return cls(**fields)


def content_from_json(data: dict[str, Any]) -> DocumentContent:
    header = dict(data["header"])
    header["date"] = dt.date.fromisoformat(header["date"]) if header["date"] else None
    return DocumentContent(
        kind=data["kind"],
        type_name=data["type_name"],
        type_abbreviation=data["type_abbreviation"],
        summary=data["summary"],
        issuer=Issuer(**data["issuer"]),
        header=Header(**header),
        body=[_block(block) for block in data["body"]],
        signatures=[Signature(**s) for s in data["signatures"]],
        recipients=list(data.get("recipients", [])),
        source={str(k): int(v) for k, v in data.get("source", {}).items()},
        numbered=bool(data.get("numbered", False)),
    )
