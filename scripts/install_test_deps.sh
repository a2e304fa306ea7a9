#!/usr/bin/env bash
# Install the system packages the tests need, when missing: PostgreSQL 15+, Chromium, fonts
# with Vietnamese letters, LibreOffice Writer (the documents' .docx -> PDF, as Word would print)
# and poppler (pdftotext, pdftoppm, pdfinfo: the tests read the PDFs back). Only as root (CI
# and the developers' machines); otherwise report.
set -euo pipefail
missing=()
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || missing+=(postgresql postgresql-contrib)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -e /usr/share/fonts/truetype/liberation2 ] || missing+=(fonts-liberation2)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "Missing system packages: ${missing[*]} (install them as root: apt-get install ${missing[*]})" >&2
    exit 1
fi
echo "Installing ${missing[*]} …"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
