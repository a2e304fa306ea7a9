"""The columns of the staff ratings sheet, shared by the template and the reader."""

from django.utils.translation import gettext_lazy as _

SHEET = "Xep loai"
FORMAT = "thidua.staff_ratings/1"

NAME, BIRTH_YEAR, TITLE, RATING, AWARD, NUMBER, DECIDED_ON, INITIATIVES = range(1, 9)
COLUMNS = {
    NAME: _("Họ và tên"),
    BIRTH_YEAR: _("Năm sinh"),
    TITLE: _("Chức vụ"),
    RATING: _("Xếp loại"),
    AWARD: _("Danh hiệu"),
    NUMBER: _("Số quyết định"),
    DECIDED_ON: _("Ngày quyết định"),
    INITIATIVES: _("Số sáng kiến"),
}
WIDTHS = {"A": 30, "B": 11, "C": 28, "D": 30, "E": 13, "F": 18, "G": 16, "H": 12}
# The heading is looked for in the first rows, so a board may add its own title lines above.
HEADER_SEARCH_ROWS = 15

# The headings written in the file stay Vietnamese whatever the page's language: the sheet is
# an official form, passed between boards, and the reader finds its heading row by them.
HEADINGS = {
    NAME: "Họ và tên",
    BIRTH_YEAR: "Năm sinh",
    TITLE: "Chức vụ",
    RATING: "Xếp loại",
    AWARD: "Danh hiệu",
    NUMBER: "Số quyết định",
    DECIDED_ON: "Ngày quyết định",
    INITIATIVES: "Số sáng kiến",
}
