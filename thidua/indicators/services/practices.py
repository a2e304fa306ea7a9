"""The good-practice library (mô hình hay, cách làm mới): a unit publishes, the secretariat
features one for the whole sector."""

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.policy import Action, require
from thidua.audit.services import audit_record
from thidua.core.errors import ValidationFailedError
from thidua.core.files import file_problem, stored_file_create
from thidua.indicators import access
from thidua.indicators.models import GoodPractice, Indicator
from thidua.indicators.services.periods import FIRST_YEAR, LAST_YEAR
from thidua.orgs.models import Unit

MAX_TEXT = 20_000


def good_practice_publish(
    *,
    actor: User,
    unit: Unit,
    title: str,
    area: str,
    what_was_done: str,
    results: str = "",
    indicator_codes: Sequence[str] = (),
    files: Sequence[tuple[str, bytes]] = (),
    year: int | None = None,
    illustrative: bool = False,
) -> GoodPractice:
    """Publish a model or practice of ``unit``; its cluster and the secretariat see it."""
    access.require_prepare(actor, unit)
    year = timezone.localdate().year if year is None else year
    title, area = " ".join(title.split()), " ".join(area.split())
    what_was_done, results = what_was_done.strip(), results.strip()
    problems: dict[str, list[str]] = {}
    if not title or len(title) > 300:
        problems["title"] = [_("Tên mô hình, cách làm bắt buộc, tối đa 300 ký tự.")]
    if not area or len(area) > 200:
        problems["area"] = [_("Lĩnh vực bắt buộc, tối đa 200 ký tự.")]
    if not what_was_done or len(what_was_done) > MAX_TEXT:
        problems["what_was_done"] = [
            _("Cần mô tả cách làm (tối đa %(n)s ký tự).") % {"n": MAX_TEXT}
        ]
    if len(results) > MAX_TEXT:
        problems["results"] = [_("Kết quả tối đa %(n)s ký tự.") % {"n": MAX_TEXT}]
    if not FIRST_YEAR <= year <= LAST_YEAR:
        problems["year"] = [_("Năm không hợp lệ.")]
    codes = list(dict.fromkeys(indicator_codes))
    indicators = list(Indicator.objects.filter(code__in=codes, active=True))
    unknown = sorted(set(codes) - {i.code for i in indicators})
    if unknown:
        problems["indicator_codes"] = [
            _("Không có chỉ tiêu: %(codes)s.") % {"codes": ", ".join(unknown)}
        ]
    file_problems = [p for name, content in files if (p := file_problem(name, content))]
    if file_problems:
        problems["files"] = file_problems
    if problems:
        raise ValidationFailedError(_("Mô hình, cách làm chưa hợp lệ, chưa lưu gì."), problems)
    with transaction.atomic():
        practice = GoodPractice.objects.create(
            unit=unit,
            year=year,
            title=title,
            area=area,
            what_was_done=what_was_done,
            results=results,
            illustrative=illustrative,
            published_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        practice.indicators.set(indicators)
        stored = [stored_file_create(name=name, content=content) for name, content in files]
        practice.files.set(stored)
        audit_record(
            actor=actor,
            action="good_practice.publish",
            obj=practice,
            after={
                "unit": unit.code,
                "year": year,
                "title": title,
                "area": area,
                "indicators": [i.code for i in indicators],
                "files": [{"name": f.name, "sha256": f.sha256} for f in stored],
            },
        )
    return practice


def good_practice_feature(*, actor: User, practice: GoodPractice, featured: bool) -> GoodPractice:
    """The secretariat features a practice for the whole sector, or withdraws it. Setting the
    state (not flipping it) keeps a double click from undoing itself."""
    require(actor, Action.ORGS_MANAGE)
    with transaction.atomic():
        practice = GoodPractice.objects.select_for_update().get(pk=practice.pk)
        before = practice.featured
        practice.featured = featured
        practice.save(update_fields=["featured"])
        audit_record(
            actor=actor,
            action="good_practice.feature",
            obj=practice,
            before={"featured": before},
            after={"featured": featured},
        )
    return practice
