#!/usr/bin/env bash
# Builds IncidentBot and runs every test project, on a fresh Debian machine that has only the .NET SDK.
# Prints as its last line exactly: "tests: N passed, N failed". Exits non-zero if anything failed or no test ran.
set -euo pipefail

cd "$(dirname "$0")"
ROOT="$(pwd)"
RESULTS="${TEST_RESULTS_DIR:-$ROOT/TestResults/test-sh}"

# Root needs no sudo; anyone else does (and CI may lack sudo entirely when it runs as root).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

# ---------------------------------------------------------------------------------------------------------------
# 1. Machine prerequisites
# ---------------------------------------------------------------------------------------------------------------

# The browser tests drive Debian's Chromium through Playwright (ExecutablePath=/usr/bin/chromium). Playwright's own
# browser download ("playwright install") must never run: this machine has no network beyond loopback.
if [ ! -x /usr/bin/chromium ]; then
  echo "test.sh: installing Debian's chromium for the browser tests"
  apt_install chromium
fi

# --- PostgreSQL (hook) -----------------------------------------------------------------------------------------
# A later issue installs and starts PostgreSQL here, before the build, e.g.:
#   command -v pg_ctlcluster >/dev/null || apt_install postgresql
#   pg_ctlcluster 15 main start
#   export IncidentBot__Postgres__ConnectionString="Host=127.0.0.1;Username=...;Database=..."
# Keep it idempotent (the machine may already run it) and leave the server running for the tests below.
start_postgres() {
  :
}
start_postgres
# ---------------------------------------------------------------------------------------------------------------

# ---------------------------------------------------------------------------------------------------------------
# 2. Build once, then run every test project without rebuilding
# ---------------------------------------------------------------------------------------------------------------

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

rm -rf "$RESULTS"
mkdir -p "$RESULTS"

build_status=0
dotnet build IncidentBot.sln -c Release || build_status=$?

test_status=0
if [ "$build_status" -eq 0 ]; then
  # Keep going past failures: the count below reports them.
  dotnet test IncidentBot.sln -c Release --no-build --logger trx --results-directory "$RESULTS" || test_status=$?
else
  echo "test.sh: build failed (exit $build_status); no tests ran" >&2
fi

# ---------------------------------------------------------------------------------------------------------------
# 3. Count from the TRX files (one per test project)
# ---------------------------------------------------------------------------------------------------------------

# Plain grep/sed rather than python3: a fresh machine may have nothing but bash and the SDK.
# <Counters total=".." executed=".." passed=".." failed=".." error=".." timeout=".." aborted=".." ... />
counter() { # counter <attribute> <Counters element>
  local value
  value="$(printf '%s' "$2" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p")"
  echo "${value:-0}"
}
passed=0
failed=0
trx_count=0
while IFS= read -r -d '' trx; do
  trx_count=$((trx_count + 1))
  element="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)"
  if [ -z "$element" ]; then
    echo "test.sh: $trx has no counters (a test host crashed?)" >&2
    failed=$((failed + 1))
    continue
  fi
  passed=$((passed + $(counter passed "$element")))
  failed=$((failed + $(counter failed "$element") + $(counter error "$element") + $(counter timeout "$element") + $(counter aborted "$element")))
done < <(find "$RESULTS" -name '*.trx' -print0)
echo "test.sh: read $trx_count TRX file(s) from $RESULTS" >&2

status=0
if [ "$build_status" -ne 0 ] || [ "$test_status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  status=1
fi

echo "tests: $passed passed, $failed failed"
exit "$status"
