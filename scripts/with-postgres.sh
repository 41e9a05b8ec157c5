#!/usr/bin/env bash
# scripts/with-postgres.sh COMMAND ARGS…
#
# Runs COMMAND with a throwaway PostgreSQL server: a fresh cluster in a
# temporary directory, reached only through a Unix socket in that directory
# (no TCP), trust authentication, superuser "postgres". With
# AMICUS_TEST_PG_TCP=1 it listens on a free port of 127.0.0.1 instead (the
# Windows tests under Wine reach it so; Wine has no Unix sockets). Exported
# for the command:
#   AMICUS_TEST_PG      libpq key=value connection string ("host=DIR user=postgres",
#                       or "host=127.0.0.1 port=N user=postgres")
#   AMICUS_TEST_PG_DIR  the temporary directory (socket, data/, log)
#   AMICUS_TEST_PG_BIN  the server's bin directory (pg_ctl, psql, …)
# The server is stopped and the directory removed when the command ends,
# fails or the script is interrupted; the exit status is the command's.
# With AMICUS_TEST_PG already set, the command just runs against that server.
# AMICUS_TEST_PG_OPTS adds server settings ("-c shared_buffers=1GB", as the
# load bench's server has).
#
# The system cluster that Debian's postgresql package creates is left alone.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS…]" >&2
  exit 2
fi

if [ -n "${AMICUS_TEST_PG:-}" ]; then
  exec "$@"
fi

# The newest server of version 15 or later.
find_bin() {
  local best="" best_v=0 d v
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] || continue
    v=$(basename "$(dirname "$d")")
    [[ "$v" =~ ^[0-9]+$ ]] || continue
    if [ "$v" -ge 15 ] && [ "$v" -gt "$best_v" ]; then
      best="$d" best_v="$v"
    fi
  done
  [ -n "$best" ] && echo "$best"
}

if ! BIN=$(find_bin); then
  echo "with-postgres: installing postgresql" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
  BIN=$(find_bin) || { echo "with-postgres: no PostgreSQL 15 or later under /usr/lib/postgresql" >&2; exit 1; }
fi

# As root the server runs as the postgres user (it refuses to run as root);
# otherwise as whoever runs this script.
if [ "$(id -u)" -eq 0 ]; then
  as_server() { runuser -u postgres -- "$@"; }
else
  as_server() { "$@"; }
fi

D=$(mktemp -d /tmp/amicus-pg.XXXXXX)
started=0
child=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$child" ]; then
    kill -TERM "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  if [ "$started" -eq 1 ] || [ -f "$D/data/postmaster.pid" ]; then
    as_server "$BIN/pg_ctl" -D "$D/data" -m fast -w stop >/dev/null 2>&1 \
      || as_server "$BIN/pg_ctl" -D "$D/data" -m immediate -w stop >/dev/null 2>&1 \
      || true
  fi
  rm -rf "$D"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "$(id -u)" -eq 0 ]; then chown postgres "$D"; fi

if ! as_server "$BIN/initdb" -D "$D/data" -A trust -U postgres -N --no-instructions \
     -E UTF8 --locale=C.UTF-8 >"$D/initdb.log" 2>&1; then
  cat "$D/initdb.log" >&2
  echo "with-postgres: initdb failed" >&2
  exit 1
fi
listen="-c listen_addresses=''"
if [ "${AMICUS_TEST_PG_TCP:-}" = 1 ]; then
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  listen="-c listen_addresses=127.0.0.1 -p $PORT"
fi
if ! as_server "$BIN/pg_ctl" -D "$D/data" -l "$D/log" \
     -o "-k $D $listen -c fsync=off -c max_connections=200 ${AMICUS_TEST_PG_OPTS:-}" -w start >/dev/null; then
  cat "$D/log" >&2 || true
  echo "with-postgres: the server did not start" >&2
  exit 1
fi
started=1

if [ "${AMICUS_TEST_PG_TCP:-}" = 1 ]; then
  export AMICUS_TEST_PG="host=127.0.0.1 port=$PORT user=postgres"
else
  export AMICUS_TEST_PG="host=$D user=postgres"
fi
export AMICUS_TEST_PG_DIR="$D"
export AMICUS_TEST_PG_BIN="$BIN"

# In the background, so a TERM to this script is handled at once (and the
# command stopped with it); stdin is passed on explicitly.
set +e
"$@" <&0 &
child=$!
wait "$child"
status=$?
child=""
exit "$status"
