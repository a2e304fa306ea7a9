"""The columns of the staff accounts sheet, shared by the template and the reader."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SHEET = "Tài khoản"
UNITS_SHEET = "Đơn vị"
# A board's staff is a few dozen people; a file far longer than that is a mistake.
MAX_ROWS = 500


@dataclass(frozen=True)
class Column:
    key: str
    title: Promise  # in the reader's language
    vietnamese: str  # the same title in Vietnamese: a file is read whatever the page's language
    required: bool
    width: float


COLUMNS = (
    Column("full_name", _("Họ và tên"), "Họ và tên", True, 28),
    Column("username", _("Tên đăng nhập"), "Tên đăng nhập", True, 22),
    Column("email", _("Thư điện tử"), "Thư điện tử", False, 28),
    Column("role", _("Vai trò"), "Vai trò", False, 24),
    Column("unit", _("Đơn vị"), "Đơn vị", True, 22),
)
