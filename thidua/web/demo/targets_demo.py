"""Writing the demo's illustrative targets, shared by the loaders that add them."""

from __future__ import annotations

from thidua.accounts.models import User
from thidua.audit.services import audit_record
from thidua.indicators.models import Target


def demo_targets_save(manager: User, new: list[Target]) -> None:
    """Write the demo's new targets in one insert, with one audit event naming them all."""
    if not new:
        return
    Target.objects.bulk_create(new)
    audit_record(
        actor=manager,
        action="target.demo_load",
        object_type=Target._meta.label_lower,
        object_repr="Chỉ tiêu minh họa của dữ liệu mẫu",
        after={
            "targets": [
                [t.unit.code, t.indicator.code, t.start_year, t.end_year, t.value] for t in new
            ]
        },
    )
