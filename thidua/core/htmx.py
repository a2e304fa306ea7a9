"""HTMX requests as django-htmx reads them (``request.htmx``, set by its middleware), and the
one rule for the pages that answer them: a page that sends a fragment to HTMX and the whole page
otherwise says so in ``Vary``, or a cache would hand the fragment to a browser asking for the
page (or the reverse)."""

from django.http import HttpRequest
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """The request type of a view that reads ``request.htmx`` (for the type checker only)."""

    htmx: HtmxDetails


# For views whose answer depends on HX-Request. A history restore is an HTMX request that wants
# the whole page, so a view that honours it varies on that header too.
vary_on_htmx = vary_on_headers("HX-Request")
vary_on_htmx_history = vary_on_headers("HX-Request", "HX-History-Restore-Request")
