#!/usr/bin/env bash
# Derive the PostgreSQL schema and generate both Prisma clients, offline.
# `prisma generate` needs no engine, but refuses to start unless
# PRISMA_SCHEMA_ENGINE_BINARY names an existing file.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsx scripts/db-schemas.ts >/dev/null
export PRISMA_SCHEMA_ENGINE_BINARY=${PRISMA_SCHEMA_ENGINE_BINARY:-/usr/bin/true}
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
npx prisma generate --schema prisma/schema.prisma 2>&1 | grep -E "Generated|rror" >&2
npx prisma generate --schema prisma/postgresql/schema.prisma 2>&1 | grep -E "Generated|rror" >&2
