"""``{% documents_tab "term" term.pk %}``: the "Văn bản" section of a source's page (a plan, a
cluster term, a report, a period, a round, a vote). A tag rather than a context entry, so each
page's view stays as it was; the section's list is fetched by htmx once the page is shown
(``web:documents_tab``), so the page itself runs no query for it."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("documents/_tab.html", takes_context=True)
def documents_tab(context: template.Context, source: str, source_id: int) -> dict[str, Any]:
    return {
        "source": source,
        "source_id": source_id,
        "next": context["request"].get_full_path(),
    }
