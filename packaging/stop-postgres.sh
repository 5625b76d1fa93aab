#!/usr/bin/env bash
# Stops the throw-away cluster started by start-postgres.sh. Usage: stop-postgres.sh DIR
set -uo pipefail
dir="${1:?cluster directory}"
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
[ -d "$dir/data" ] && runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
rm -rf "$dir"
