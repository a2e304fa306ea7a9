"""The Excel round trip of a periodic report: the sheet's layout and builder (``sheet``), and
the upload that reads it back (``upload``)."""
