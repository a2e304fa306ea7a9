"""The refusals every operation declares in the OpenAPI document, all with one body:
``{"detail": "<Vietnamese reason>", "errors": [{"field", "message"}, ...]}`` (``errors`` only
when the reason has places).

Which operation may answer what, and why:

- 400: a NUL character anywhere (``thidua.web.middleware.RefuseUnusableInput``); on a write,
  a business rule that depends on the stored state (a report's status, a deadline, a figure
  out of range), with its reason;
- 401: no valid credential; 404: an id that names nothing the user may read;
- 422: a parameter or body that breaks the document's own rules;
- 429: the rate limit (with ``Retry-After``); 503: the database cannot be reached (with
  ``Retry-After``);
- writes also: 403 (a step the user may not take; a session without its CSRF token),
  409 (an ``Idempotency-Key`` still in use), 413 (a body over the size limit).
"""

from ninja import Schema

from thidua.api.schemas.plans import ProblemsOut

READS = (400, 401, 404, 422, 429, 503)
WRITES = (*READS, 403, 409, 413)


def refusals(statuses: tuple[int, ...]) -> dict[int, type[Schema]]:
    return dict.fromkeys(statuses, ProblemsOut)


READ_REFUSALS = refusals(READS)
WRITE_REFUSALS = refusals(WRITES)
