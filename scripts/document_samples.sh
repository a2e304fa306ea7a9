#!/usr/bin/env bash
# The sample pages of docs/documents/: the first page, as PNG, of three documents built from the
# demo (issue 16) — the summary report of cluster 4's year 2017 (the demo's one term with a
# published plan, its scores and ranking), the submission of the Commission council's 2023
# round (cluster 3's proposals, seed 004) and the Commission's certificate of one of its
# individuals (Y Bhin Niê). `make document-samples` runs it.
#
# The demo is loaded as `make demo` loads it, but into a throwaway SQLite file (DATABASE_URL,
# MEDIA_ROOT and the audit checkpoint point into a temporary directory), so the developer's own
# database is never touched. The sources are found by their natural keys, not by ids. Each
# .docx is built by `manage.py document_build` (a draft: no number, nothing stored), printed to
# PDF by LibreOffice and its first page drawn by pdftoppm, both through
# thidua/documents/render/pdf.py, as the pages do.
set -euo pipefail
cd "$(dirname "$0")/.."
UV=$(scripts/ensure_uv.sh)

for program in soffice pdftoppm; do
    if ! command -v "$program" >/dev/null 2>&1; then
        echo "Missing $program: run scripts/install_test_deps.sh as root" \
            "(libreoffice-writer-nogui, poppler-utils)." >&2
        exit 1
    fi
done

work=$(mktemp -d /tmp/thidua-samples.XXXXXX)
trap 'rm -rf "$work"' EXIT
export DATABASE_URL="sqlite:///$work/demo.sqlite3"
export MEDIA_ROOT="$work/media"
export AUDIT_CHECKPOINT_FILE="$work/audit-checkpoint.json"
export THIDUA_DEMO_KEYS_DIR="$work/demo-trustee-keys"
export DJANGO_SETTINGS_MODULE=thidua.settings
out=docs/documents
# Dots per inch of the PNGs: an A4 page of some 830 × 1170 pixels, a few hundred KB at most.
resolution=100
# The secretariat may read every source (the summary report reads the scoring analytics).
as=thuongtruc

"$UV" sync --frozen --quiet
echo "Loading the demo into $work …"
"$UV" run --frozen python manage.py migrate --noinput -v 0
"$UV" run --frozen python manage.py demo_load --quiet-accounts

# term round grant, by natural keys.
read -r term round grant < <("$UV" run --frozen python - <<'PY'
import django

django.setup()
from thidua.awards.models import Grant, NominationRound, RoundLevel
from thidua.orgs.models import ClusterTerm

term = ClusterTerm.objects.get(cluster__number=4, year=2017)
round_ = NominationRound.objects.get(level=RoundLevel.COUNCIL, year=2023)
grant = Grant.objects.get(
    decision__round=round_, award="commission_certificate", person__full_name="Y Bhin Niê"
)
print(term.pk, round_.pk, grant.pk)
PY
)
echo "Cluster 4's 2017 term: $term; the council's 2023 round: $round; Y Bhin Niê's grant: $grant"

run_build() {
    "$UV" run --frozen python manage.py document_build "$@" --as "$as"
}
run_build summary_report --term "$term" --out "$work/summary-report.docx"
run_build submission --round "$round" --out "$work/submission.docx"
run_build certificate --grant "$grant" --out "$work/certificate.pdf"

mkdir -p "$out"
"$UV" run --frozen python - "$work" "$out" "$resolution" <<'PY'
import sys
from pathlib import Path

import django

django.setup()
from thidua.documents.render.pdf import docx_to_pdf, first_page_png

work, out, resolution = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
for name in ("summary-report", "submission", "certificate"):
    docx = work / f"{name}.docx"
    pdf = docx_to_pdf(docx.read_bytes()) if docx.exists() else (work / f"{name}.pdf").read_bytes()
    png = out / f"{name}.png"
    png.write_bytes(first_page_png(pdf, resolution=resolution))
    print(f"{png}\t{png.stat().st_size}")
PY
