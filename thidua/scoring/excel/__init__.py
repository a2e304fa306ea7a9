"""The Excel round trip of a score sheet: the downloadable workbook (``build``) and the reading
of an uploaded one (``read``). Saving what was read is a service
(``services.assessments.score_sheet_upload``)."""
