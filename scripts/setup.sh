#!/usr/bin/env bash
# Sets up everything procmodel needs on a Debian machine, installing only what is missing:
# Debian packages (graphviz, librsvg2-bin for PNG diagrams, chromium, chromium-driver,
# poppler-utils, the Pango libraries WeasyPrint needs, fonts, a C compiler and the Python
# headers for the reader's compiled half), a virtual environment in .venv and the Python
# packages.
# Usage: scripts/setup.sh [--test]   (--test adds what only the test suite needs)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PY=${PYTHON:-python3}
debs=(graphviz librsvg2-bin libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core python3-venv)
# bpmn/_native.pyx is compiled at install time: a C compiler, and the headers of the
# Python that runs procmodel (Debian's python3-dev when it is Debian's Python).
command -v gcc >/dev/null 2>&1 || debs+=(gcc libc6-dev)
if ! "$PY" -c 'import os, sysconfig, sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))'; then
  debs+=(python3-dev)
fi
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

if [ ! -x .venv/bin/python ]; then
  echo ">> creating virtual environment .venv"
  "$PY" -m venv .venv
fi
stamp=.venv/.procmodel-installed
# Reinstall when the dependencies or the compiled reader's sources change, or when lxml was
# upgraded since (the compiled reader is built for one lxml release).
install_key() {
  local lxml_version
  lxml_version=$(.venv/bin/python -c 'import lxml.etree as e; print(e.__version__)' 2>/dev/null || echo none)
  echo "$(cat pyproject.toml setup.py bpmn/_native.pyx | sha256sum | cut -d' ' -f1)-$want_test-$lxml_version"
}
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$(install_key)" ]; then
  echo ">> installing Python packages into .venv (and compiling bpmn/_native.pyx)"
  .venv/bin/python -m pip install -q --upgrade pip
  # The compiled reader reads lxml's objects, so it is built against the lxml installed
  # here, not in an isolated build environment.
  .venv/bin/python -m pip install -q "setuptools>=77" "cython>=3.0" "lxml>=5.0"
  if [ "$want_test" = 1 ]; then
    .venv/bin/python -m pip install -q --no-build-isolation -e '.[dev]'
  else
    .venv/bin/python -m pip install -q --no-build-isolation -e .
  fi
  install_key > "$stamp"
fi
.venv/bin/python -c 'from bpmn import native; print(">>", native.status())'

