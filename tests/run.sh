#!/usr/bin/env bash
# The test command (README, .ci/run): every test in the solution, the browser tests included.
# On a fresh Debian machine it installs what is missing (Debian's Chromium, through apt when run as root)
# and stops with a clear error when it cannot. Browser tests are never skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "tests/run.sh: ERROR: $*" >&2; exit 1; }

command -v dotnet >/dev/null || fail "the .NET SDK is not on PATH (see global.json for the version)."

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "tests/run.sh: installing Debian's chromium for the browser tests..."
    apt-get update -qq || fail "apt-get update failed."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || fail "apt-get install chromium failed."
  else
    fail "Chromium is missing at /usr/bin/chromium and this is not root: run 'sudo apt-get install -y chromium' first."
  fi
fi
[ -x /usr/bin/chromium ] || fail "Chromium is still missing at /usr/bin/chromium."

log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet build Storefront.sln -nologo -v quiet
set +e
dotnet test Storefront.sln --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole run, summed over the test assemblies.
awk '
  /(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+/ {
    gsub(",", ""); for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") f += $(i + 1); if ($i == "Passed:") p += $(i + 1); if ($i == "Skipped:") s += $(i + 1)
    }
    assemblies++
  }
  END { printf "Test assemblies: %d\nTotal: %d passed, %d failed, %d skipped\n", assemblies, p, f, s }
' "$log"

exit "$status"
