#!/usr/bin/env bash
# Sets up everything procmodel needs on a Debian machine, installing only what is missing:
# Debian packages (graphviz, librsvg2-bin for PNG diagrams, chromium, chromium-driver,
# poppler-utils, the Pango libraries WeasyPrint needs, fonts), a virtual environment in
# .venv and the Python packages.
# Usage: scripts/setup.sh [--test]   (--test adds what only the test suite needs)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

debs=(graphviz librsvg2-bin libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core python3-venv)
if [ "$want_test" = 1 ]; then
  debs+=(chromium chromium-driver poppler-utils)
fi
missing=()
for pkg in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo ">> installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo ">> creating virtual environment .venv"
  "$PY" -m venv .venv
fi
stamp=.venv/.procmodel-installed
hash=$(sha256sum pyproject.toml | cut -d' ' -f1)-$want_test
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$hash" ]; then
  echo ">> installing Python packages into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  if [ "$want_test" = 1 ]; then
    .venv/bin/python -m pip install -q -e '.[dev]'
  else
    .venv/bin/python -m pip install -q -e .
  fi
  echo "$hash" > "$stamp"
fi
