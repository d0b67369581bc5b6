#!/usr/bin/env bash
# Make sure PostgreSQL answers on 127.0.0.1:5432 when this machine has it; start it if it is
# installed but stopped. Tests that need it are skipped with a reason when it cannot run.
set -uo pipefail

pg_up() {
  python3 - <<'PY'
import socket, sys
s = socket.socket()
s.settimeout(1)
sys.exit(0 if s.connect_ex(("127.0.0.1", 5432)) == 0 else 1)
PY
}

if pg_up; then
  exit 0
fi
if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  for version in /etc/postgresql/*; do
    pg_ctlcluster --skip-systemctl-redirect "$(basename "$version")" main start || true
  done
  for _ in $(seq 1 20); do pg_up && exit 0; sleep 0.5; done
fi
echo "genderwatch: PostgreSQL is not running on 127.0.0.1:5432; its tests will be skipped" >&2
exit 0
