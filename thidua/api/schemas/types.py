"""Input types whose rules the OpenAPI document states exactly as the server applies them.

Pydantic's lax parsing takes more than the document says (a date from a bare number of
seconds, a decimal from "1e3"); a client reading the document, or schemathesis, must be able
to tell from it what is accepted and what is refused.
"""

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator, WithJsonSchema

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
# RFC 3339 with its offset: a deadline is a moment, never a wall-clock time without a zone.
ISO_DATETIME = r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$"
DECIMAL_TEXT = r"^[+-]?(\d+(\.\d*)?|\.\d+)$"


def _iso_date(raw: object) -> object:
    if isinstance(raw, str) and not re.fullmatch(ISO_DATE, raw):
        raise ValueError("not a YYYY-MM-DD date")
    if not isinstance(raw, str | dt.date):
        raise ValueError("not a YYYY-MM-DD date")
    return raw


def _iso_datetime(raw: object) -> object:
    if not isinstance(raw, str) or not re.fullmatch(ISO_DATETIME, raw):
        raise ValueError("not an RFC 3339 date-time with its offset")
    return raw


def _decimal_text(raw: object) -> object:
    if isinstance(raw, bool) or (isinstance(raw, str) and not re.fullmatch(DECIMAL_TEXT, raw)):
        raise ValueError("not a decimal number")
    return raw


IsoDate = Annotated[
    dt.date,
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": ISO_DATE}),
]
IsoDateTime = Annotated[
    dt.datetime,
    BeforeValidator(_iso_datetime),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
DecimalIn = Annotated[
    Decimal,
    BeforeValidator(_decimal_text),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string", "pattern": DECIMAL_TEXT}]}),
]
