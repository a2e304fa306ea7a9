"""Who may do what on a periodic report or a good practice, built on the policy of ``accounts``.

A unit's staff prepare its report and its leader submits it. The secretariat, or the head and
deputy boards of the unit's cluster term of the report's year, accept or return it; nobody
decides on a report of their own unit except the secretariat. Until a report is submitted it
is the unit's own: no one outside the unit's readers sees it.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, prefetch_related_objects

from thidua.accounts.models import Role, User
from thidua.accounts.policy import Action, may, subject_of
from thidua.core.access import forbidden, signed_in
from thidua.indicators.models import GoodPractice, Report, ReportStatus
from thidua.orgs.models import ClusterMembership, ClusterTerm, Sector, Unit

# A returned report is being reworked by the unit; outsiders see it again once resubmitted.
VISIBLE_OUTSIDE_THE_UNIT = frozenset({ReportStatus.SUBMITTED, ReportStatus.ACCEPTED})
WRITABLE = frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED})


def term_of(unit: Unit, year: int) -> ClusterTerm | None:
    """The unit's cluster term in ``year``; a unit is in one cluster of the sector per year."""
    membership = (
        ClusterMembership.objects.select_related("term__supervising_department")
        .filter(unit=unit, year=year, sector=Sector.ORGANIZATION)
        .first()
    )
    return membership.term if membership else None


def _report_term(report: Report) -> ClusterTerm | None:
    # Several checks on one report ask for its term; read it once per report object.
    cached: dict[str, ClusterTerm | None] = report.__dict__.setdefault("_thidua_term", {})
    if "term" not in cached:
        cached["term"] = term_of(report.unit, report.period.year)
    return cached["term"]


def may_prepare(user: User | AnonymousUser, unit: Unit) -> bool:
    return may(user, Action.UNIT_EDIT, unit)


def may_submit(user: User | AnonymousUser, unit: Unit) -> bool:
    return may(user, Action.UNIT_APPROVE, unit)


def may_decide(user: User | AnonymousUser, report: Report) -> bool:
    """Accept or return: the secretariat, or the cluster head's and deputies' staff."""
    if may(user, Action.ORGS_MANAGE):
        return True
    if may(user, Action.UNIT_EDIT, report.unit):
        return False  # a head board does not accept its own report
    term = _report_term(report)
    return term is not None and may(user, Action.TERM_MANAGE, term)


def may_correct(user: User | AnonymousUser, report: Report) -> bool:
    """After acceptance: the unit's leader or whoever may accept it."""
    return may_submit(user, report.unit) or may_decide(user, report)


def is_council_member(user: User | AnonymousUser) -> bool:
    if not signed_in(user):
        return False
    return Role.COUNCIL_MEMBER in subject_of(user).sector_roles


def _supervises(user: User | AnonymousUser, term: ClusterTerm | None) -> bool:
    department = term.supervising_department if term else None
    return department is not None and may(user, Action.UNIT_VIEW_INTERNAL, department)


def may_read(user: User | AnonymousUser, report: Report) -> bool:
    if may(user, Action.UNIT_VIEW_INTERNAL, report.unit):
        return True
    if report.status not in VISIBLE_OUTSIDE_THE_UNIT:
        return False
    if is_council_member(user) or may_decide(user, report):
        return True
    return _supervises(user, _report_term(report))


def may_read_practice(user: User | AnonymousUser, practice: GoodPractice) -> bool:
    """The unit, its cluster of that year, the secretariat and the council; a featured one,
    everybody signed in. The council reads the whole library, like the list shows it."""
    if not signed_in(user):
        return False
    if practice.featured or is_council_member(user):
        return True
    if may(user, Action.UNIT_VIEW_INTERNAL, practice.unit):
        return True
    term = term_of(practice.unit, practice.year)
    if term is None:
        return False
    # The policy walks every member's unit: read them in one query, not one per member.
    members = ClusterMembership.objects.select_related("unit")
    prefetch_related_objects([term], Prefetch("memberships", queryset=members))
    return may(user, Action.TERM_VIEW_INTERNAL, term)


def require_prepare(user: User | AnonymousUser, unit: Unit) -> None:
    if not may_prepare(user, unit):
        raise forbidden()


def require_submit(user: User | AnonymousUser, unit: Unit) -> None:
    if not may_submit(user, unit):
        raise forbidden()


def require_decide(user: User | AnonymousUser, report: Report) -> None:
    if not may_decide(user, report):
        raise forbidden()


def require_correct(user: User | AnonymousUser, report: Report) -> None:
    if not may_correct(user, report):
        raise forbidden()
