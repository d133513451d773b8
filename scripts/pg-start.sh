#!/usr/bin/env bash
# Start a throw-away PostgreSQL on loopback for tests (Debian's packages).
# Prints the DATABASE_URL to use on stdout's last line.
set -euo pipefail
PORT=${SSJ_PG_PORT:-55432}
DIR=${SSJ_PG_DIR:-/tmp/ssj-pg-$PORT}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
if [ -z "$bin" ]; then
  echo "installing PostgreSQL from Debian's packages…" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
fi
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if ! run "$bin/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
  if [ ! -f "$DIR/PG_VERSION" ]; then
    mkdir -p "$DIR"; [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    run "$bin/initdb" -D "$DIR" -U ssj --auth=trust -E UTF8 --locale=C.UTF-8 >&2
  fi
  run "$bin/pg_ctl" -D "$DIR" -l "$DIR/log" -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" -w start >&2
fi
run "$bin/psql" -h 127.0.0.1 -p "$PORT" -U ssj -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='ssj_test'" | grep -q 1 \
  || run "$bin/createdb" -h 127.0.0.1 -p "$PORT" -U ssj ssj_test
echo "postgresql://ssj@127.0.0.1:$PORT/ssj_test"
