#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster on 127.0.0.1 for the tests and prints the connection string.
# initdb refuses root, so the cluster runs as the `postgres` user. Usage: start-postgres.sh DIR PORT
set -euo pipefail
dir="${1:?cluster directory}"; port="${2:-55432}"
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
rm -rf "$dir"; mkdir -p "$dir"
chown postgres:postgres "$dir"
runuser -u postgres -- "$bindir/initdb" -D "$dir/data" -A trust -U postgres >/dev/null
runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off" start >/dev/null
runuser -u postgres -- "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres jd_test
echo "host=127.0.0.1 port=$port user=postgres dbname=jd_test"
