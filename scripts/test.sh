#!/usr/bin/env bash
# Sets up everything the tests need (Debian packages, .venv, PostgreSQL) and runs the whole
# test suite: ruff, then pytest.  Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
PROCMODEL_TEST_POSTGRES_URL=$(scripts/ensure-postgres.sh)
export PROCMODEL_TEST_POSTGRES_URL
echo ">> ruff"
.venv/bin/ruff check .
echo ">> pytest (PostgreSQL: $PROCMODEL_TEST_POSTGRES_URL)"
exec .venv/bin/python -m pytest "$@"
