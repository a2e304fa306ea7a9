"""The measures of a party document, in one place.

Hướng dẫn 36-HD/VPTW (Văn phòng Trung ương Đảng, 2018) on the format of party documents, its
appendix as read from a secondary copy, and a party handbook for the margins: layout, not law,
and marked [P] (probable) in domain.md §9, so they live here as named constants, not in the
rulebook. Sizes are points; lengths millimetres.
"""

from __future__ import annotations

from docx.shared import Length, Mm, Pt

FONT = "Times New Roman"

# A4 portrait; margins top 25, bottom 25, left 35 (the binding side), right 15 mm [P].
PAGE_WIDTH = Mm(210)
PAGE_HEIGHT = Mm(297)
MARGIN_TOP = Mm(25)
MARGIN_BOTTOM = Mm(25)
MARGIN_LEFT = Mm(35)
MARGIN_RIGHT = Mm(15)
HEADER_DISTANCE = Mm(12)  # the page number sits in the top margin
TEXT_WIDTH = Length(PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)

# The header: the issuing body's column and the party line's column ("ĐẢNG CỘNG SẢN VIỆT NAM"
# in 15 pt bold takes some 76 mm, plus the cell margins).
HEADER_LEFT = Mm(78)
HEADER_RIGHT = Length(TEXT_WIDTH - HEADER_LEFT)

# Sizes from the appendix's table (domain.md §9).
SIZE_PARTY = Pt(15)  # "ĐẢNG CỘNG SẢN VIỆT NAM": upper, bold, underlined as long as the text
SIZE_HEADER = Pt(14)  # superior body (upright), issuing body (bold), number, place and date
SIZE_TYPE = Pt(16)  # the type in capitals, bold (15–16)
SIZE_SUMMARY = Pt(14)  # the summary (trích yếu), bold (14–15)
SIZE_BODY = Pt(14)  # body text (14–15)
SIZE_TABLE = Pt(13)  # a wide table (more than TABLE_WIDE_COLUMNS columns) in 13 to fit
SIZE_TABLE_NORMAL = Pt(14)
TABLE_WIDE_COLUMNS = 5
SIZE_RECIPIENTS_TITLE = Pt(12)  # "Nơi nhận:" bold italic
SIZE_RECIPIENTS = Pt(11)  # its lines, each "- …"
SIZE_SIGNATURE = Pt(14)

# Paragraphs: first-line indent and some air between them.
FIRST_LINE_INDENT = Mm(10)
SPACE_AFTER = Pt(6)
# Empty lines left for the hand signature and the seal.
SIGNATURE_BLANK_LINES = 4
