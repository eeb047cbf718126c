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

# --- PostgreSQL ------------------------------------------------------------------------------------------------
# The PostgreSQL store's tests run against a throwaway cluster: initialised in a fresh temporary folder, listening on
# 127.0.0.1 at a free port, run by an unprivileged user (Debian's "postgres" when this script runs as root, else the
# current user), stopped and deleted when this script exits, whether it succeeds or not. Its superuser
# "incidentbot_admin" gets a random password, handed to the tests in IncidentBot__Tests__PostgresAdmin. If the
# cluster cannot start, the reason is printed and the script carries on: the PostgreSQL tests then fail and say so.
# A caller that already exports IncidentBot__Tests__PostgresAdmin (its own server) is left alone.
PG_DIR=""
PG_BIN=""
PG_RUN_AS=""

pg_find_bin() {
  local candidate
  PG_BIN=""
  # Highest major version first (sort -V), e.g. /usr/lib/postgresql/17/bin over .../15/bin.
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then PG_BIN="$candidate"; return 0; fi
  done
  return 1
}

pg_as_owner() { # pg_as_owner <command> [args...]: runs it as the cluster's unprivileged owner
  if [ -n "$PG_RUN_AS" ]; then runuser -u "$PG_RUN_AS" -- "$@"; else "$@"; fi
}

pg_port_in_use() { # pg_port_in_use <port>: true when something accepts connections there
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

stop_postgres() {
  if [ -n "$PG_DIR" ] && [ -d "$PG_DIR" ]; then
    if [ -f "$PG_DIR/data/postmaster.pid" ]; then
      pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_DIR"
  fi
  PG_DIR=""
}

start_postgres() {
  if [ -n "${IncidentBot__Tests__PostgresAdmin:-}" ]; then return 0; fi
  if ! pg_find_bin; then
    echo "test.sh: installing Debian's postgresql for the PostgreSQL store tests"
    apt_install postgresql >/dev/null || true
    if ! pg_find_bin; then
      echo "test.sh: PostgreSQL is not available (no /usr/lib/postgresql/*/bin/initdb); its tests will fail" >&2
      return 0
    fi
  fi
  PG_RUN_AS=""
  if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
      echo "test.sh: running as root but there is no 'postgres' user to run PostgreSQL as; its tests will fail" >&2
      return 0
    fi
    PG_RUN_AS=postgres
  fi

  # /tmp rather than $TMPDIR: the unprivileged owner must reach it, and the socket path must stay short.
  PG_DIR="$(mktemp -d /tmp/incidentbot-pg.XXXXXX)" || { echo "test.sh: cannot create a folder for PostgreSQL" >&2; return 0; }
  trap stop_postgres EXIT
  if [ -n "$PG_RUN_AS" ]; then chown "$PG_RUN_AS" "$PG_DIR"; fi

  local password
  password="$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
  (umask 077 && printf '%s\n' "$password" >"$PG_DIR/pwfile")
  if [ -n "$PG_RUN_AS" ]; then chown "$PG_RUN_AS" "$PG_DIR/pwfile"; fi
  if ! pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U incidentbot_admin --pwfile="$PG_DIR/pwfile" \
      --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1; then
    echo "test.sh: initdb failed; PostgreSQL tests will fail. Its output:" >&2
    tail -n 20 "$PG_DIR/initdb.log" >&2 || true
    stop_postgres
    return 0
  fi
  rm -f "$PG_DIR/pwfile"

  # A port that nothing answers on; another process may take it first, so a failed start tries another one.
  local attempt port started=0
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    if pg_port_in_use "$port"; then continue; fi
    # -h: TCP on loopback only; -k: the unix socket stays inside the throwaway folder; max_connections: test projects
    # run in parallel, and the scale-out tests run two bot processes with a pool each.
    if pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
        -o "-p $port -h 127.0.0.1 -k $PG_DIR -c max_connections=300" start >/dev/null 2>&1; then
      started=1
      break
    fi
  done
  if [ "$started" -ne 1 ]; then
    echo "test.sh: PostgreSQL did not start; its tests will fail. Its log:" >&2
    tail -n 20 "$PG_DIR/server.log" >&2 || true
    stop_postgres
    return 0
  fi
  export IncidentBot__Tests__PostgresAdmin="Host=127.0.0.1;Port=$port;Username=incidentbot_admin;Password=$password;Database=postgres"
}
# Signals end the script through exit, so the EXIT trap that stops PostgreSQL runs for them too.
trap 'exit 130' INT
trap 'exit 143' TERM
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
