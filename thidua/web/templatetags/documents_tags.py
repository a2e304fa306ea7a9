"""``{% documents_tab "term" term.pk %}``: the "Văn bản" section of a source's page (a plan, a
cluster term, a report, a round, a vote), with the kinds built from it and the documents the
user may read. A tag rather than a context entry, so each page's view stays as it was."""

from __future__ import annotations

from typing import Any

from django import template

from thidua.documents.access import may_issue
from thidua.documents.selectors import documents_of_source, kinds_of

register = template.Library()


@register.inclusion_tag("documents/_tab.html", takes_context=True)
def documents_tab(context: template.Context, source: str, source_id: int) -> dict[str, Any]:
    request = context["request"]
    documents = documents_of_source(request.user, source, int(source_id))
    issuable = {d.register_key: may_issue(request.user, d.register_key) for d in documents}
    return {
        "source": source,
        "source_id": source_id,
        "kinds": kinds_of(source),
        "documents": [(d, issuable[d.register_key]) for d in documents],
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
