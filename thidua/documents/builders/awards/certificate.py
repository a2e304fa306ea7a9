"""What a certificate (Bằng khen, Giấy khen, the flag's certificate) prints, from one grant of
the registry: the award, the recipient, the reason, the decision, the place and date, the signer,
and the registry's address for the QR code that checks it is genuine. The renderer
(``documents.render.certificate.certificate_pdf``) lays these out on the official blank.

Awards are public honours: anyone signed in reads the registry, so anyone signed in gets these
fields; a revoked award is not printed.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.awards.models import Grant
from thidua.awards.selectors.registry import registry_search
from thidua.core.access import signed_in
from thidua.core.dates import date_text
from thidua.core.errors import DomainError, NotFoundError
from thidua.documents.builders.awards.common import award_name, date_words
from thidua.documents.builders.awards.decision import decision_issuer


def verify_url(grant: Grant) -> str:
    """The registry's page that finds this grant (the recipient's name, the year, the award),
    on the site's address: the registry has no page per grant, its search is the public
    check."""
    query = urlencode({"q": grant.subject_name, "nam": grant.year, "khen": grant.award})
    site = str(getattr(settings, "THIDUA_SITE_URL", "")).rstrip("/")
    return f"{site}{reverse('awards:registry')}?{query}"


def certificate_fields(grant_id: int, user: User | AnonymousUser) -> dict[str, str]:
    """The texts of the certificate of grant ``grant_id``, named as
    ``documents.render.certificate.certificate_pdf`` takes them (``certificate_pdf(**fields)``);
    NotFoundError when the user may not read the registry or there is no such grant,
    DomainError when it was revoked."""
    if not signed_in(user):
        raise NotFoundError(_("Không có khen thưởng này trong sổ."))
    grant = (
        registry_search(user=user)
        .select_related("decision__round__term__cluster", "decision__round__unit")
        .filter(pk=grant_id)
        .first()
    )
    if grant is None:
        raise NotFoundError(_("Không có khen thưởng này trong sổ."))
    if grant.revoked:
        raise DomainError(_("Khen thưởng này đã bị thu hồi: không in bằng."))
    decision = grant.decision
    if decision is not None:
        issuer = decision_issuer(decision.round, decision.decided_on.year)
        place = issuer.place
        title = decision.signer_title.strip().upper()
        if title.startswith("PHÓ "):
            # A deputy signs on behalf of the head: two lines, "K/T TRƯỞNG BAN" over the title.
            title = f"K/T {title.removeprefix('PHÓ ')}\n{title}"
        signer = decision.signer
    else:
        # Entered from the paper archive: the decision's particulars only.
        place, title, signer = "", "", ""
    when = date_words(grant.decided_on)
    recipient = grant.subject_name
    if grant.person_id is not None and grant.unit is not None:
        recipient = f"Đồng chí {recipient}\n{grant.unit.name}"
    return {
        "award_name": award_name(grant.award),
        "recipient": recipient,
        "reason": f"Đã có thành tích xuất sắc trong phong trào thi đua năm {grant.year}",
        "decision_line": (
            f"Quyết định số {grant.decision_number}, ngày {date_text(grant.decided_on)} "
            f"của {grant.issuer}"
        ),
        "place_date": f"{place}, {when}" if place else when[:1].upper() + when[1:],
        "signer_title": title,
        "signer": signer,
        "verify_url": verify_url(grant),
    }
