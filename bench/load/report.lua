-- One machine-readable line per wrk run, read by bench/run.sh: requests/s, p50 and p99 in ms, and the share of
-- answers that were not 2xx/3xx (a store that answers fast with errors has not met a goal).
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT rps=%.1f p50=%.2f p99=%.2f requests=%d failed=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests, failed))
end
