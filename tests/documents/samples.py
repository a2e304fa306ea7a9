"""Documents to render in the tests: one with every kind of block, a covenant with several
signatures, as a builder would fill them."""

from __future__ import annotations

import datetime as dt

from thidua.documents.content import (
    Block,
    DocumentContent,
    Heading,
    Issuer,
    Paragraph,
    Placeholder,
    Signature,
    Table,
    draft_header,
    issued,
)

ISSUER = Issuer(
    register_key="cluster:4:2018",
    name="Cụm thi đua số 4",
    abbreviation="CTĐ",
    place="Bình Dương",
    superior="Ban Tổ chức Trung ương",
)
ON = dt.date(2018, 1, 5)
SIGNER = "Nguyễn Văn Ân"
PLACEHOLDER = "Phương hướng, nhiệm vụ năm 2018: thư ký cụm hoàn thiện"
RANKING_ROWS = 40  # enough for the table to run onto a second page


def summary_draft() -> DocumentContent:
    """A summary report with a heading of each level, paragraphs, a placeholder and a long
    table (its header row must repeat on the next page)."""
    rows = [
        [str(i), f"Ban Tổ chức Tỉnh ủy số {i}", f"{100 - i},50", f"{i},30 %"]
        for i in range(1, RANKING_ROWS + 1)
    ]
    body: list[Block] = [
        Heading("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"),
        Paragraph(
            "Năm 2017, các đơn vị trong cụm hoàn thành 1.722 chỉ tiêu, tăng 5,30 % so với năm "
            "trước; 12/12 đơn vị gửi báo cáo đúng hạn. Đây là kết quả của sự cố gắng chung."
        ),
        Heading("1. Xếp hạng các đơn vị", level=2),
        Table(
            columns=["STT", "Đơn vị", "Điểm", "Tỷ lệ"],
            rows=rows,
            widths=[1, 5, 2, 2],
            caption="Bảng 1. Kết quả chấm điểm",
        ),
        Paragraph("Đơn vị dẫn đầu: Ban Tổ chức Tỉnh ủy số 1.", bold=True, indent=False),
        Placeholder(PLACEHOLDER),
    ]
    return DocumentContent(
        kind="summary_report",
        type_name="BÁO CÁO",
        type_abbreviation="BC",
        summary="tổng kết công tác thi đua năm 2017",
        issuer=ISSUER,
        header=draft_header(ISSUER, "BC", 2018),
        body=body,
        signatures=[Signature(title="Cụm trưởng", signer=SIGNER, authority="T/M Cụm thi đua")],
        recipients=["Ban Tổ chức Trung ương,", "Các đơn vị trong cụm,", "Lưu VT."],
        source={"term": 1},
    )


def summary_issued() -> DocumentContent:
    return issued(summary_draft(), 5, ON)


COVENANT_SIGNERS = ["Trần Thị Bình", "Lê Văn Cường", "Phạm Đức Dũng"]


def covenant() -> DocumentContent:
    signatures = [
        Signature(
            title="Trưởng ban",
            signer=name,
            authority="T/M Ban Thường vụ",
            body=f"Ban Tổ chức Tỉnh ủy số {i}",
        )
        for i, name in enumerate(COVENANT_SIGNERS, start=1)
    ]
    draft = DocumentContent(
        kind="covenant",
        type_name="GIAO ƯỚC THI ĐUA",
        type_abbreviation="GƯ",
        summary="năm 2018",
        issuer=ISSUER,
        header=draft_header(ISSUER, "GƯ", 2018),
        body=[Paragraph("Các đơn vị cùng ký giao ước thi đua năm 2018.")],
        signatures=signatures,
    )
    return issued(draft, 1, dt.date(2018, 2, 20))
