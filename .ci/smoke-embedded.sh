#!/usr/bin/env bash
# Starts the built server (the bundle `npm run build` writes) with no DATABASE_URL (embedded PostgreSQL,
# migrations, seed), waits until it is ready, fetches the OpenAPI document, walks the README's first
# steps (.ci/smoke-flow.mjs), sends SIGTERM and requires a clean exit. Then starts it a
# second time on the same data folder to prove that the data is reused.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp_root="$(mktemp -d)"
chmod 755 "$tmp_root"
data_dir="$tmp_root/data"
port=$((20000 + RANDOM % 20000))
db_port=$((40000 + RANDOM % 20000))
log="$(mktemp)"

run_once() {
  env -u DATABASE_URL -u TEST_DATABASE_URL PORT="$port" HOST=127.0.0.1 DATA_DIR="$data_dir" \
    EMBEDDED_DB_PORT="$db_port" UPLOAD_DIR="$data_dir/uploads" LOG_LEVEL=${SMOKE_LOG_LEVEL:-warn} node dist/main.js >"$log" 2>&1 &
  local pid=$!
  local ready=""
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/api/v1/health/ready" >/dev/null 2>&1; then ready=1; break; fi
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 1
  done
  if [ -z "$ready" ]; then
    echo "server did not become ready"; cat "$log"; kill "$pid" 2>/dev/null || true; exit 1
  fi
  curl -fsS "http://127.0.0.1:$port/docs-json" | node -e "
    let s=''; process.stdin.on('data', d => s += d).on('end', () => {
      const doc = JSON.parse(s); if (!doc.openapi || !doc.paths['/api/v1/health']) process.exit(1);
      console.log('docs-json: ' + Object.keys(doc.paths).length + ' paths');
    });"
  node .ci/smoke-flow.mjs "http://127.0.0.1:$port"
  kill -TERM "$pid"
  local code=0
  wait "$pid" || code=$?
  if [ "$code" -ne 0 ]; then echo "server exited with $code after SIGTERM"; cat "$log"; exit 1; fi
  if pgrep -f "$data_dir/postgres" >/dev/null; then echo "embedded PostgreSQL still running"; exit 1; fi
  echo "clean exit after SIGTERM"
}

run_once
grep -q "Seeded SUPER_ADMIN" "$log" && echo "first start seeded the demo data"
run_once
if grep -q "Seeded SUPER_ADMIN" "$log"; then echo "second start seeded again: data was not reused"; exit 1; fi
echo "second start reused the data"
rm -rf "$tmp_root"
