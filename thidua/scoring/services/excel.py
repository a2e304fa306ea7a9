"""Saving a score sheet uploaded as an Excel file: the whole file is read and checked first,
then every mark in it is saved at once through ``assessment_fill``."""

from thidua.accounts.models import User
from thidua.scoring.access import assessment_require_writable
from thidua.scoring.excel.read import score_sheet_read
from thidua.scoring.models import Assessment
from thidua.scoring.services.assessments import assessment_fill


def score_sheet_upload(*, actor: User, assessment: Assessment, content: bytes) -> int:
    """Check the whole file, then save every mark in it at once; the number of marks saved."""
    # Refuse a closed, submitted or foreign sheet before reading the file; assessment_fill
    # checks the same again inside its transaction.
    assessment_require_writable(actor, assessment)
    marks = score_sheet_read(assessment, content)
    if not marks:
        return 0
    return len(assessment_fill(actor=actor, assessment=assessment, marks=marks))
