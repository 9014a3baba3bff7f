#!/usr/bin/env bash
# The store's speed as ratios to the smallest ASP.NET Core app, measured in one run on this machine:
# each server is pinned to core 0 and wrk to core 1, so both servers get the same core and the same load generator.
# Usage: bench/run.sh [seconds per row=10] [connections=64]. Needs wrk (apt-get install wrk) and, for OfferBench's
# circuit rows, Debian's chromium (tests/run.sh installs it). Release builds.
# Prints a Markdown table for README.md's Performance section, then the in-process offer measurements (OfferBench).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
seconds=${1:-10}
connections=${2:-64}
server_core=0
load_core=1
work=$(mktemp -d)
# Servers are started with exec, so the job's pid is the server's own and the trap stops it.
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { echo "bench/run.sh needs wrk: apt-get install wrk" >&2; exit 1; }

echo "Building (Release)…" >&2
dotnet publish bench/Plaintext -c Release -o "$work/plaintext" -v quiet -nologo >&2
dotnet publish src/Storefront.Web -c Release -o "$work/store" -v quiet -nologo >&2

wait_for() { # url
  for _ in $(seq 1 300); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "Timed out waiting for $1" >&2
  tail -n 40 "$work"/*.log >&2 2>/dev/null || true
  exit 1
}

# One wrk run; prints "rps p50 p99 failed" from report.lua's RESULT line.
load() { # connections url [script args…]
  local conns=$1 url=$2
  shift 2
  local script=${1:-get.lua}
  shift || true
  (cd "$repo/bench/load" && taskset -c $load_core wrk -t1 -c"$conns" -d"${seconds}s" --timeout 10s -s "$script" "$url" -- "$@") \
    | sed -n 's/^RESULT rps=\([^ ]*\) p50=\([^ ]*\) p99=\([^ ]*\) requests=[^ ]* failed=\([^ ]*\)$/\1 \2 \3 \4/p'
}

rows=()
row() { # label connections "rps p50 p99 failed" [goal ratio]
  local label=$1 conns=$2 result=$3 goal=${4:-}
  read -r rps p50 p99 failed <<<"$result"
  local ratio
  ratio=$(python3 -c "print(f'{$rps / $baseline_rps:.4f}')")
  rows+=("| $label | $conns | $rps | $p50 | $p99 | $failed | $ratio | $goal |")
}

# 1. The baseline.
taskset -c $server_core env ASPNETCORE_URLS=http://127.0.0.1:5901 DOTNET_gcServer=0 \
  "$work/plaintext/Plaintext" >/dev/null 2>&1 &
baseline_pid=$!
wait_for http://127.0.0.1:5901/plaintext
load "$connections" http://127.0.0.1:5901/plaintext >/dev/null # warm-up
read -r baseline_rps baseline_p50 baseline_p99 baseline_failed <<<"$(load "$connections" http://127.0.0.1:5901/plaintext)"
kill $baseline_pid
wait $baseline_pid 2>/dev/null || true

# 2. The store, as production runs it (published, Production), on its in-process sandbox Dodo with a key and
# secret of its own. Mail goes to a port nothing listens on (no mail is sent by these rows); the webhook limit per
# IP is lifted because every request here comes from one address.
secret="whsec_$(printf 'bench-webhook-secret-%s' "$RANDOM$RANDOM" | base64 -w0)"
(cd "$work/store" && exec taskset -c $server_core env \
  ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS=http://127.0.0.1:5902 DOTNET_gcServer=0 \
  Dodo__Environment=sandbox DodoSandbox__AllowOutsideDevelopment=true \
  Dodo__ApiKey="sk_bench_$RANDOM$RANDOM" Dodo__WebhookSecret="$secret" \
  DodoSandbox__DatabasePath="$work/sandbox.db" ConnectionStrings__Storefront="Data Source=$work/store.db" \
  Store__PublicBaseUrl=http://127.0.0.1:5902 AllowedHosts=127.0.0.1 \
  Email__Smtp__Host=127.0.0.1 Email__Smtp__Port=9 Email__Smtp__EnableSsl=false \
  RateLimits__WebhooksPerIpPerSecond=1000000 \
  Logging__LogLevel__Default=Warning \
  ./Storefront.Web >"$work/store.log" 2>&1) &
wait_for http://127.0.0.1:5902/products/basic-plan

load "$connections" http://127.0.0.1:5902/ >/dev/null # warm-up (JIT, caches)
row "\`GET /\` (catalog, anonymous)" "$connections" "$(load "$connections" http://127.0.0.1:5902/)" "≥ 0.05, p99 ≤ 50 ms"
row "\`GET /products/basic-plan\`" "$connections" "$(load "$connections" http://127.0.0.1:5902/products/basic-plan)" "≥ 0.05, p99 ≤ 50 ms"

python3 bench/load/signed_webhooks.py 2000 "$secret" "$work/warm.tsv"
load 8 http://127.0.0.1:5902/webhooks/dodo webhooks.lua "$work/warm.tsv" >/dev/null
python3 bench/load/signed_webhooks.py 150000 "$secret" "$work/valid.tsv"
valid=$(load "$connections" http://127.0.0.1:5902/webhooks/dodo webhooks.lua "$work/valid.tsv")
stopped=$(date +%s.%N)
backlog() { python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute(\"select count(*) from WebhookInbox where Status in ('Received','Processing')\").fetchone()[0])" "$work/store.db"; }
left_at_stop=$(backlog)
while [ "$(backlog)" != 0 ]; do sleep 0.1; done
drained=$(python3 -c "import time; print(f'{time.time() - $stopped:.1f}')")
row "valid signed webhooks, unique ids" "$connections" "$valid" "≥ 0.10, p99 ≤ 50 ms"

python3 bench/load/signed_webhooks.py 2000 "$secret" "$work/forged.tsv" --forge
row "forged webhooks (bad signature)" "$connections" "$(load "$connections" http://127.0.0.1:5902/webhooks/dodo webhooks.lua "$work/forged.tsv")" "≥ 0.5"

echo
echo "$(nproc) cores, $(dotnet --version) SDK, $(date -u +%F), commit $(git rev-parse --short HEAD); ${seconds}s per row; server on core $server_core, wrk on core $load_core."
echo
echo "| work | connections | requests/s | p50 ms | p99 ms | errors | ratio to minimal Kestrel | goal |"
echo "|---|---|---|---|---|---|---|---|"
echo "| minimal Kestrel \`GET /plaintext\` | $connections | $baseline_rps | $baseline_p50 | $baseline_p99 | $baseline_failed | 1 | |"
printf '%s\n' "${rows[@]}"
echo
echo "Webhook backlog when the load stopped: $left_at_stop events; processed in full ${drained}s later (goal: ≤ 2 s)."
echo
echo "In-process offer measurements (OfferBench):" >&2
dotnet run -c Release --project bench/OfferBench -- 200 20
