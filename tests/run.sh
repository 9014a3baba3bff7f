#!/usr/bin/env bash
# The test command (README, .ci/run): every test in the solution, the browser tests included.
# On a fresh Debian machine it installs what is missing (Debian's Chromium and PostgreSQL, through apt as root)
# and stops with a clear error when it cannot. Browser tests are never skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "tests/run.sh: ERROR: $*" >&2; exit 1; }

apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { apt-get update -qq || fail "apt-get update failed."; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || fail "apt-get install $* failed."
}

command -v dotnet >/dev/null || fail "the .NET SDK is not on PATH (see global.json for the version)."

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "tests/run.sh: installing Debian's chromium for the browser tests..."
    apt_install chromium
  else
    fail "Chromium is missing at /usr/bin/chromium and this is not root: run 'sudo apt-get install -y chromium' first."
  fi
fi
[ -x /usr/bin/chromium ] || fail "Chromium is still missing at /usr/bin/chromium."

# A real SMTP server for the email tests (Debian's aiosmtpd); each test fixture starts its own on a free port.
if [ ! -x /usr/bin/aiosmtpd ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "tests/run.sh: installing Debian's python3-aiosmtpd for the email tests..."
    apt_install python3-aiosmtpd
  else
    fail "aiosmtpd is missing at /usr/bin/aiosmtpd and this is not root: run 'sudo apt-get install -y python3-aiosmtpd' first."
  fi
fi
[ -x /usr/bin/aiosmtpd ] || fail "aiosmtpd is still missing at /usr/bin/aiosmtpd."

# nginx: the two-instance browser test runs the README's sticky (ip_hash) configuration in front of two stores.
if [ ! -x /usr/sbin/nginx ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "tests/run.sh: installing Debian's nginx for the two-instance test..."
    apt_install nginx-light || apt_install nginx
  else
    fail "nginx is missing at /usr/sbin/nginx and this is not root: run 'sudo apt-get install -y nginx' first."
  fi
fi
[ -x /usr/sbin/nginx ] || fail "nginx is still missing at /usr/sbin/nginx."

# PostgreSQL (the scale-out provider): the same migrations and flows are tested on it. A local cluster is
# installed and started when missing; a role for the tests is created. Set STOREFRONT_TEST_POSTGRES to use another.
if [ -z "${STOREFRONT_TEST_POSTGRES:-}" ]; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    [ "$(id -u)" -eq 0 ] || fail "PostgreSQL is missing and this is not root: install postgresql or set STOREFRONT_TEST_POSTGRES."
    echo "tests/run.sh: installing Debian's postgresql for the PostgreSQL tests..."
    apt_install postgresql
  fi
  pg_version=$(ls /etc/postgresql | sort -V | tail -n 1)
  [ -n "$pg_version" ] || fail "No PostgreSQL cluster found under /etc/postgresql."
  pg_ctlcluster "$pg_version" main start 2>/dev/null || pg_ctlcluster "$pg_version" main status >/dev/null || fail "Could not start PostgreSQL $pg_version."
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='storefront_test'\"" | grep -q 1 \
    || su postgres -c "psql -qc \"CREATE ROLE storefront_test LOGIN CREATEDB PASSWORD 'storefront-test'\"" \
    || fail "Could not create the PostgreSQL test role."
  export STOREFRONT_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=storefront_test;Password=storefront-test"
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
started=$(date +%s)

dotnet build Storefront.sln -nologo -v quiet
built=$(date +%s)
set +e
dotnet test Storefront.sln --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

echo "Wall time: build $(( built - started )) s, tests $(( $(date +%s) - built )) s"

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
