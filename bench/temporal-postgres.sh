#!/usr/bin/env bash
# A full Temporal server on PostgreSQL — the engine users scale out on —
# built here from the Go module proxy (go.temporal.io/server) and run against
# Debian's PostgreSQL (scripts/pg-start.sh). Prints the frontend address on
# its last line; the bench scripts take it as BENCH_TEMPORAL_ADDRESS:
#   addr=$(bash bench/temporal-postgres.sh | tail -n1)
#   BENCH_TEMPORAL_ADDRESS=$addr npm run bench:throughput
# Stop it with: kill "$(cat .tools/temporal-server/server.pid)"
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VERSION=${TEMPORAL_SERVER_VERSION:-v1.32.2}
PORT=${TEMPORAL_PG_PORT:-7433}
DIR="$ROOT/.tools/temporal-server"
# Temporal 1.32 needs go >= 1.26.10; the module proxy serves the go1.27.3 toolchain.
export GOTOOLCHAIN=${GOTOOLCHAIN:-go1.27.3}
mkdir -p "$DIR"

if [ ! -x "$DIR/temporal-server" ] || [ ! -x "$DIR/temporal-sql-tool" ]; then
  echo "building Temporal server $VERSION from the Go module proxy (a few minutes)…" >&2
  (cd "$DIR" && { [ -f go.mod ] || go mod init ssj-temporal-server >/dev/null 2>&1; } \
    && GOFLAGS=-mod=mod go get "go.temporal.io/server@$VERSION" >&2 \
    && GOFLAGS=-mod=mod go build -o temporal-server go.temporal.io/server/cmd/server >&2 \
    && GOFLAGS=-mod=mod go build -o temporal-sql-tool go.temporal.io/server/cmd/tools/sql >&2)
fi
MOD="$(go env GOMODCACHE)/go.temporal.io/server@$VERSION"

PG_URL=$(bash "$ROOT/scripts/pg-start.sh" | tail -n1)   # postgresql://ssj@127.0.0.1:55432/ssj_test
PG_PORT=$(echo "$PG_URL" | sed -E 's#.*:([0-9]+)/.*#\1#')
sql() { "$DIR/temporal-sql-tool" --plugin postgres12 --ep 127.0.0.1 -p "$PG_PORT" -u ssj "$@"; }
for db in temporal temporal_visibility; do
  sql --db "$db" create-database >/dev/null 2>&1 || true # exists already
done
sql --db temporal setup-schema -v 0.0 >/dev/null 2>&1 || true # set up already
sql --db temporal update-schema -d "$MOD/schema/postgresql/v12/temporal/versioned" >&2
sql --db temporal_visibility setup-schema -v 0.0 >/dev/null 2>&1 || true
sql --db temporal_visibility update-schema -d "$MOD/schema/postgresql/v12/visibility/versioned" >&2

cp "$MOD/config/dynamicconfig/development-sql.yaml" "$DIR/dynamicconfig.yaml"
sed -e "s#127.0.0.1:5432#127.0.0.1:$PG_PORT#g" \
    -e 's#user: "temporal"#user: "ssj"#g' -e 's#password: "temporal"#password: ""#g' \
    -e "s#grpcPort: 7233#grpcPort: $PORT#" -e "s#grpcPort: 7234#grpcPort: $((PORT + 1))#" \
    -e "s#grpcPort: 7235#grpcPort: $((PORT + 2))#" -e "s#grpcPort: 7239#grpcPort: $((PORT + 6))#" \
    -e "s#membershipPort: 6933#membershipPort: $((PORT + 100))#" -e "s#membershipPort: 6934#membershipPort: $((PORT + 101))#" \
    -e "s#membershipPort: 6935#membershipPort: $((PORT + 102))#" -e "s#membershipPort: 6939#membershipPort: $((PORT + 106))#" \
    -e "s#httpPort: 7243#httpPort: $((PORT + 10))#" -e "s#localhost:7233#127.0.0.1:$PORT#" \
    -e "s#port: 7936#port: $((PORT + 20))#" -e "s#127.0.0.1:8000#127.0.0.1:$((PORT + 21))#" \
    -e "s#config/dynamicconfig/development-sql.yaml#$DIR/dynamicconfig.yaml#" \
    "$MOD/config/development-postgres12.yaml" > "$DIR/config.yaml"

if [ -f "$DIR/server.pid" ] && kill -0 "$(cat "$DIR/server.pid")" 2>/dev/null; then
  echo "Temporal server already running (pid $(cat "$DIR/server.pid"))" >&2
else
  nohup "$DIR/temporal-server" --config-file "$DIR/config.yaml" --allow-no-auth start >"$DIR/server.log" 2>&1 &
  echo $! >"$DIR/server.pid"
  for _ in $(seq 1 120); do
    (echo >"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
    kill -0 "$(cat "$DIR/server.pid")" 2>/dev/null || { grep -m3 '"fatal"' "$DIR/server.log" | cut -c1-400 >&2; exit 1; }
    sleep 1
  done
fi
# The 'default' namespace (the dev server has it built in; a full server does not).
CLI=$(command -v temporal || ls "$ROOT"/.tools/pypi/bin/temporal 2>/dev/null | head -n1)
for _ in $(seq 1 60); do
  "$CLI" operator namespace describe -n default --address "127.0.0.1:$PORT" >/dev/null 2>&1 && break
  "$CLI" operator namespace create -n default --address "127.0.0.1:$PORT" >/dev/null 2>&1 || sleep 1
done
echo "127.0.0.1:$PORT"
