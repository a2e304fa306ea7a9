"""The writes of the documents app: drafting, issuing (numbering) and correcting."""

from thidua.documents.services.issuing import (
    document_correct,
    document_draft,
    document_issue,
    document_pdf,
)

__all__ = ["document_correct", "document_draft", "document_issue", "document_pdf"]
