"""How a document looks: the party-format Word file of any ``DocumentContent`` (``docx``), its
PDF as LibreOffice prints it (``pdf``) and the one-page certificates with their QR code
(``certificate``)."""
