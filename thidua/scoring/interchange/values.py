"""How values are written in the interchange document: numbers as strings with their places,
dates with their offset, texts that may not be blank. Each type validates a value on import and
says how the published schema describes it, so the two cannot disagree (``document`` builds the
document's structure from them)."""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

# Patterns whose refusal has its own message (``problems``); the schema carries them as they are.
NOT_BLANK = r"\S"
SHA256 = r"^[0-9a-f]{64}$"
_NUMBER = re.compile(r"-?(\d+)(?:\.(\d+))?")
_RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")


@dataclass(frozen=True)
class Number:
    """A decimal written as a string ("12.50") so that no reader turns it into a float; a JSON
    number is accepted on import (``docs/plan-interchange.md``) but the schema asks for strings,
    which is what exports write. ``digits`` and ``places`` are those of the database column."""

    digits: int = 7
    places: int | None = 2  # None: any number of places (band ratios, weights)
    least: Literal["any", "zero", "above_zero"] = "any"
    refusal: str = "number_negative"  # the error type (and so the message) below ``least``

    @property
    def pattern(self) -> str:
        whole = self.digits - (self.places or 0)
        ahead = "(?=.*[1-9])" if self.least == "above_zero" else ""
        sign = "-?" if self.least == "any" else ""
        fraction = rf"(\.\d{{1,{self.places}}})?" if self.places else r"(\.\d+)?"
        return rf"^{ahead}{sign}\d{{1,{whole}}}{fraction}$"

    def parse(self, value: Any) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
            raise PydanticCustomError("number_type", "A number written as a string, e.g. 12.50")
        if isinstance(value, str):
            match = _NUMBER.fullmatch(value)
            if match is None:
                raise PydanticCustomError("number_parsing", "Not a number", {"value": value})
            number, whole = Decimal(value), len(match[1])
        else:
            number = Decimal(str(value))  # str() keeps 0.1 as written, not as its binary float
            if not number.is_finite():
                raise PydanticCustomError("number_parsing", "Not a number", {"value": value})
            whole = len(str(abs(int(number))))
        exponent = number.as_tuple().exponent
        if self.places is not None and isinstance(exponent, int) and -exponent > self.places:
            raise PydanticCustomError("number_places", "Too many places", {"n": self.places})
        if whole > self.digits - (self.places or 0):
            raise PydanticCustomError("number_too_big", "The number is too big")
        negative = number < 0 or str(value).startswith("-")
        if (self.least == "zero" and negative) or (
            self.least == "above_zero" and (negative or number == 0)
        ):
            raise PydanticCustomError(self.refusal, "The number is below its least value")
        return number

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(self.parse)

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "pattern": self.pattern}


@dataclass(frozen=True)
class Moment:
    """A date and time with its UTC offset (RFC 3339, the schema's ``date-time``)."""

    def parse(self, value: Any) -> dt.datetime:
        moment = None
        if isinstance(value, str) and _RFC3339.fullmatch(value.upper()):
            try:
                moment = dt.datetime.fromisoformat(value.upper())
            except ValueError:
                moment = None
        if moment is None or moment.tzinfo is None:
            raise PydanticCustomError("moment", "An RFC 3339 date-time with its offset")
        return moment

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(self.parse)

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "format": "date-time"}


def _a_pair(value: Any) -> Any:
    """A band travels as a two-element list; the model reads it as a pair."""
    if not isinstance(value, list) or len(value) != 2:
        raise PydanticCustomError("band", "A band is [min_ratio, share]")
    return tuple(value)


Amount = Annotated[Decimal, Number()]
Cap = Annotated[Decimal, Number(least="zero")]
Figure = Annotated[Decimal, Number(digits=14)]  # targets and measured values
Total = Annotated[Decimal, Number(digits=8)]  # ranking totals
Ratio = Annotated[Decimal, Number(places=None)]
Time = Annotated[dt.datetime, Moment()]
NotBlank = Annotated[str, Field(pattern=NOT_BLANK)]
UnitCode = Annotated[str, Field(pattern=NOT_BLANK, description="Unit.code, e.g. BTC-74-63.")]
Username = Annotated[
    str | None,
    Field(description="Matched by username on import; left empty when unknown there."),
]
Ordinal = Annotated[int, Field(ge=1)]  # versions, numbers, ranks: counted from 1
Band = Annotated[tuple[Ratio, Ratio], BeforeValidator(_a_pair)]  # [min_ratio, share]
