#!/usr/bin/env bash
# Sets up procmodel, fills a demo register (SQLite in ./instance) and serves the web
# application at http://127.0.0.1:5000 (sign in as shown in the terminal).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/procmodel demo --if-empty
exec .venv/bin/procmodel serve --dev --host 127.0.0.1 --port "${PORT:-5000}"
