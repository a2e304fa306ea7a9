#!/usr/bin/env bash
# Print the path of uv, installing it from PyPI when it is missing. Works on a fresh
# Debian/Ubuntu machine, where pip may be absent or the system Python "externally managed".
set -euo pipefail
found() { command -v uv 2>/dev/null || { [ -x "$1" ] && echo "$1"; }; }
venv="$HOME/.cache/thidua/uv-venv"
for candidate in "$(command -v uv 2>/dev/null || true)" "$HOME/.local/bin/uv" "$venv/bin/uv"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
done
{
    echo "Installing uv …"
    if python3 -m pip --version >/dev/null 2>&1; then
        python3 -m pip install --quiet --user uv \
            || python3 -m pip install --quiet --user --break-system-packages uv || true
    fi
    if [ ! -x "$HOME/.local/bin/uv" ] && ! command -v uv >/dev/null 2>&1; then
        if ! python3 -c 'import ensurepip' 2>/dev/null && [ "$(id -u)" = 0 ]; then
            DEBIAN_FRONTEND=noninteractive apt-get update -q && apt-get install -y -q python3-venv
        fi
        python3 -m venv "$venv" && "$venv/bin/pip" install --quiet uv
    fi
} >&2
found "$venv/bin/uv" || found "$HOME/.local/bin/uv" || { echo "uv could not be installed" >&2; exit 1; }
