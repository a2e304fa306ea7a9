"""The Excel import of a year's ratings and titles for a unit's staff: the downloadable template
(``template``) and the reading of a filled file, every cell checked (``read``)."""
