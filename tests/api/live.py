"""Calls to the live server over HTTP, as an integrator's program makes them."""

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.error import HTTPError
from urllib.request import Request, urlopen

from thidua.accounts.models import User
from thidua.accounts.services import api_token_create


@dataclass
class Answer:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


def call(url: str, method: str = "GET", body: Any = None, **headers: str) -> Answer:
    """``headers`` by name with underscores for dashes: ``Idempotency_Key="k"``."""
    request = Request(  # noqa: S310 (the live server's own http:// address)
        url,
        data=None if body is None else json.dumps(body).encode(),
        method=method,
        headers={
            "Content-Type": "application/json",
            **{name.replace("_", "-"): value for name, value in headers.items()},
        },
    )
    try:
        with urlopen(request, timeout=30) as response:  # noqa: S310
            return Answer(response.status, json.loads(response.read()), dict(response.headers))
    except HTTPError as refused:
        return Answer(refused.code, json.loads(refused.read()), dict(refused.headers))


def bearer(user: User) -> str:
    _row, key = api_token_create(actor=None, user=user, name="phần mềm")
    return f"Bearer {key}"
