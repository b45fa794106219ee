#!/usr/bin/env bash
# Prints the SQLAlchemy URL of a PostgreSQL server for the tests, starting or installing one
# when needed: the one named by PROCMODEL_TEST_POSTGRES_URL, else the one at 127.0.0.1:5432
# (trust authentication, database "test"), else an installed cluster started here, else the
# Debian package installed and started.
set -euo pipefail
if [ -n "${PROCMODEL_TEST_POSTGRES_URL:-}" ]; then echo "$PROCMODEL_TEST_POSTGRES_URL"; exit 0; fi
url="postgresql+psycopg://postgres@127.0.0.1:5432/test"
SUDO=""; if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
if command -v pg_isready >/dev/null && ready; then echo "$url"; exit 0; fi
if ! command -v pg_ctlcluster >/dev/null || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
  echo ">> installing PostgreSQL (Debian package)" >&2
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
fi
version=$(ls /etc/postgresql | sort -V | tail -n 1)
conf=/etc/postgresql/$version/main
if ! grep -q "procmodel-tests" "$conf/pg_hba.conf" 2>/dev/null; then
  # Trust authentication on loopback for the throw-away test server only.
  $SUDO sed -i '1i host all all 127.0.0.1/32 trust # procmodel-tests\nlocal all all trust # procmodel-tests' "$conf/pg_hba.conf"
fi
$SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 2>/dev/null || \
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main reload >&2 || true
for _ in $(seq 1 30); do ready && break; sleep 1; done
ready || { echo "PostgreSQL did not start" >&2; exit 1; }
psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='test'" postgres | grep -q 1 || \
  psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE test" postgres >&2
echo "$url"
