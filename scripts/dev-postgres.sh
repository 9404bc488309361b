#!/usr/bin/env bash
# A throwaway PostgreSQL 15 on 127.0.0.1 for the tests that need a real server (and for trying
# `KAVAK_DB=postgres://…` by hand). Debian's postgresql-15 is installed when missing and we are root.
#
#   eval "$(scripts/dev-postgres.sh start)"   # starts it, exports KAVAK_TEST_PG_URL
#   scripts/dev-postgres.sh url               # prints the URL of the running one
#   scripts/dev-postgres.sh stop              # stops it and deletes its data
#   scripts/dev-postgres.sh down              # stops the server, keeps its data (an outage)
#   scripts/dev-postgres.sh up                # starts it again on the same port, same data
#
# Only the `export` line goes to stdout (so `eval` is safe); everything else goes to stderr.
# KAVAK_PG_PORT picks the first port to try (default 54329); KAVAK_PG_STATE where the running
# server is remembered (default $TMPDIR/kavak-dev-postgres-$UID.env).
set -euo pipefail

PG_VERSION=15
PG_BIN="/usr/lib/postgresql/${PG_VERSION}/bin"
STATE="${KAVAK_PG_STATE:-${TMPDIR:-/tmp}/kavak-dev-postgres-$(id -u).env}"
DATABASE=kavak_test
ROLE=kavak

say() { echo "dev-postgres: $*" >&2; }

# Root may not run PostgreSQL: the server and initdb run as the `postgres` user then.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_installed() {
  [ -x "${PG_BIN}/pg_ctl" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing postgresql-${PG_VERSION} (Debian)"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-${PG_VERSION}" >&2
  fi
  if [ ! -x "${PG_BIN}/pg_ctl" ]; then
    say "PostgreSQL ${PG_VERSION} is not installed (${PG_BIN}/pg_ctl missing)."
    say "  → sudo apt-get install postgresql-${PG_VERSION}, then run this again."
    exit 1
  fi
}

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The first free port from $1 (default KAVAK_PG_PORT, else 54329) on.
free_port() {
  local port="${1:-${KAVAK_PG_PORT:-54329}}" last
  last=$((port + 50))
  while [ "$port" -le "$last" ]; do
    if port_is_free "$port"; then echo "$port"; return 0; fi
    port=$((port + 1))
  done
  say "no free port between ${KAVAK_PG_PORT:-54329} and ${last}; set KAVAK_PG_PORT to another one"
  exit 1
}

# The state file holds DIR, PORT and URL of the server this script started.
read_state() {
  [ -f "$STATE" ] || return 1
  # shellcheck disable=SC1090
  . "$STATE"
}

is_running() {
  read_state && "${PG_BIN}/pg_isready" -q -h 127.0.0.1 -p "$PORT" 2>/dev/null
}

start() {
  ensure_installed
  if is_running; then
    say "already running on 127.0.0.1:${PORT} (data in ${DIR})"
    echo "export KAVAK_TEST_PG_URL=${URL}"
    return 0
  fi
  [ -f "$STATE" ] && stop_quietly
  local dir port password
  dir=$(mktemp -d "${TMPDIR:-/tmp}/kavak-postgres-XXXXXX")
  port=$(free_port)
  password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  chmod 700 "$dir"
  # Written first, so `stop` can clean up after a start that failed halfway.
  write_state "$dir" "$port" "$password"

  as_owner "${PG_BIN}/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  # Another process (a second copy of the test suite) may bind the port between free_port's check
  # and the server's bind: then the next free port, a few times.
  local attempt=1
  until run_server "$dir" "$port"; do
    if [ "$attempt" -ge 5 ]; then
      say "every port tried was taken by the time the server bound it; set KAVAK_PG_PORT to a quieter range"
      exit 1
    fi
    attempt=$((attempt + 1))
    port=$(free_port $((port + 1)))
    say "port taken meanwhile; trying 127.0.0.1:${port}"
    write_state "$dir" "$port" "$password"
  done

  # Over the unix socket (trust): a role with a password, and its database.
  as_owner "${PG_BIN}/psql" -q -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE ${ROLE} LOGIN CREATEDB PASSWORD '${password}'" \
    -c "CREATE DATABASE ${DATABASE} OWNER ${ROLE}" >&2
  say "PostgreSQL ${PG_VERSION} on 127.0.0.1:${port}, database ${DATABASE} (data in ${dir})"
  read_state
  echo "export KAVAK_TEST_PG_URL=${URL}"
}

write_state() {
  printf 'DIR=%q\nPORT=%q\nURL=%q\n' "$1" "$2" \
    "postgres://${ROLE}:${3}@127.0.0.1:${2}/${DATABASE}" >"$STATE"
}

# Starts the server of data directory $1/data on port $2 and waits (bounded) until it accepts
# connections. Returns 3 when the port was taken before the server could bind it.
run_server() {
  local dir="$1" port="$2"
  # A fresh log each start, so a bind failure read below is this start's.
  rm -f "$dir/server.log"
  as_owner "${PG_BIN}/pg_ctl" -D "$dir/data" -l "$dir/server.log" -W \
    -o "-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dir} -c fsync=off" \
    start >/dev/null

  # Bounded: up to 30 s for the server to accept connections. Asked on its own socket directory,
  # not on 127.0.0.1:port: a second copy of the suite may have a server of its own on that port,
  # which would answer for one that failed to bind it. (A server that cannot bind its TCP port
  # exits before it creates its socket.)
  local tries=0
  until "${PG_BIN}/pg_isready" -q -h "$dir" -p "$port"; do
    if grep -q "could not create any TCP/IP sockets" "$dir/server.log" 2>/dev/null; then return 3; fi
    tries=$((tries + 1))
    if [ "$tries" -ge 150 ]; then
      say "PostgreSQL did not accept connections within 30 s; its log:"
      cat "$dir/server.log" >&2 || true
      exit 1
    fi
    sleep 0.2
  done
}

down() {
  read_state || { say "no server started by this script (state: ${STATE})"; exit 1; }
  as_owner "${PG_BIN}/pg_ctl" -D "$DIR/data" -m fast -w -t 30 stop >/dev/null
  say "stopped 127.0.0.1:${PORT} (data kept in ${DIR}; 'up' starts it again)"
}

up() {
  read_state || { say "no server started by this script (state: ${STATE})"; exit 1; }
  if is_running; then say "already running on 127.0.0.1:${PORT}"; return 0; fi
  if ! run_server "$DIR" "$PORT"; then
    say "127.0.0.1:${PORT} was taken by another process while the server was down; its log:"
    cat "$DIR/server.log" >&2 || true
    exit 1
  fi
  say "PostgreSQL ${PG_VERSION} up again on 127.0.0.1:${PORT}"
}

stop_quietly() {
  read_state || return 0
  if [ -d "$DIR/data" ]; then
    as_owner "${PG_BIN}/pg_ctl" -D "$DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$DIR"
  rm -f "$STATE"
}

case "${1:-}" in
  start) start ;;
  stop)
    if read_state; then say "stopping 127.0.0.1:${PORT} and deleting ${DIR}"; fi
    stop_quietly
    ;;
  down) down ;;
  up) up ;;
  url)
    if is_running; then echo "$URL"; else say "not running; start it with: eval \"\$(scripts/dev-postgres.sh start)\""; exit 1; fi
    ;;
  *)
    echo "usage: scripts/dev-postgres.sh start|stop|down|up|url" >&2
    exit 2
    ;;
esac
