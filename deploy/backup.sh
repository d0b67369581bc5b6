#!/usr/bin/env bash
# Back up genderwatch: the database (pg_dump custom format, or an online copy of the SQLite
# file taken with SQLite's backup API, safe while the service writes) and the rest of the data
# directory (raw pages, generated reports, the session key). Each run writes one folder
# <BACKUP_DIR>/<UTC time>/ and removes folders older than KEEP_DAYS days.
#
# Reads the same variables as the service: GENDERWATCH_DATA_DIR and, for PostgreSQL,
# GENDERWATCH_DATABASE_URL. Restore: docs/operations.md, section "Backups and restore".
set -euo pipefail

data_dir=${GENDERWATCH_DATA_DIR:?set GENDERWATCH_DATA_DIR}
backup_dir=${BACKUP_DIR:-/var/backups/genderwatch}
keep_days=${KEEP_DAYS:-14}
database_url=${GENDERWATCH_DATABASE_URL:-}
target="$backup_dir/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$target"

if [[ "$database_url" == postgresql* ]]; then
    # pg_dump takes libpq URLs: drop SQLAlchemy's "+psycopg" driver suffix if present.
    pg_dump --format=custom --file="$target/genderwatch.pgdump" "${database_url/+psycopg/}"
else
    python3 - "$data_dir/genderwatch.db" "$target/genderwatch.db" <<'PY'
import sqlite3
import sys

source, copy = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
with copy:
    source.backup(copy)
copy.close()
source.close()
PY
fi
tar --directory="$data_dir" --exclude='./genderwatch.db*' -czf "$target/data.tar.gz" .
find "$backup_dir" -mindepth 1 -maxdepth 1 -type d -mtime +"$keep_days" -exec rm -rf {} +
echo "genderwatch backup written to $target"
