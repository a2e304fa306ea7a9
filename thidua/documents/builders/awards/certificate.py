"""What a certificate (Bằng khen, Giấy khen, the flag's certificate) prints, from one grant of
the registry: the award, the recipient, the reason, the decision, the place and date, the signer,
and the registry's address for the QR code that checks it is genuine. The renderer
(``documents.render.certificate``) lays these out on the official blank.

Awards are public honours: anyone signed in reads the registry, so anyone signed in gets these
fields; a revoked award is not printed.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.awards.models import Grant
from thidua.awards.selectors.registry import registry_search
from thidua.core.access import signed_in
from thidua.core.errors import DomainError, NotFoundError
from thidua.documents.builders.awards.common import award_name, date_short, date_words
from thidua.documents.builders.awards.decision import decision_issuer


def registry_path(grant: Grant) -> str:
    """The registry's page that finds this grant (the recipient's name, the year, the award):
    the registry has no page per grant, its search is the public check."""
    query = urlencode({"q": grant.subject_name, "nam": grant.year, "khen": grant.award})
    return f"{reverse('awards:registry')}?{query}"


def certificate_fields(grant_id: int, user: User | AnonymousUser) -> dict[str, str]:
    """The texts of the certificate of grant ``grant_id``; NotFoundError when the user may not
    read the registry or there is no such grant, DomainError when it was revoked."""
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
        issuing_body, place = issuer.name, issuer.place
        title = decision.signer_title.strip().upper()
        authority = f"K/T {title.removeprefix('PHÓ ')}" if title.startswith("PHÓ ") else ""
        signer = decision.signer
    else:
        # Entered from the paper archive: the decision's particulars only.
        issuing_body, place, title, authority, signer = grant.issuer.upper(), "", "", "", ""
    when = date_words(grant.decided_on)
    return {
        "award": award_name(grant.award),
        "issuer": issuing_body,
        "recipient": grant.subject_name,
        "unit": grant.unit.name if grant.person_id is not None and grant.unit else "",
        "reason": f"Đã có thành tích xuất sắc trong phong trào thi đua năm {grant.year}",
        "decision": (f"Quyết định số {grant.decision_number}, ngày {date_short(grant.decided_on)}"),
        "place_date": f"{place}, {when}" if place else when[:1].upper() + when[1:],
        "signer_authority": authority,
        "signer_title": title,
        "signer": signer,
        "register": f"Số vào sổ: {grant.pk}",
        "registry_path": registry_path(grant),
    }
