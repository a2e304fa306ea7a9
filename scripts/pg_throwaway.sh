#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL cluster on a free loopback port, without systemd.
#   scripts/pg_throwaway.sh start DIR   → prints DATABASE_URL on stdout
#   scripts/pg_throwaway.sh stop DIR
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?data directory}

pg_bin() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$found" ] || { echo "PostgreSQL server binaries not found" >&2; exit 1; }
    echo "$found"
}

as_pg() {
    # initdb and postgres refuse to run as root; use the postgres account when we are root.
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

case "$cmd" in
start)
    bin=$(pg_bin)
    rm -rf "$dir"; mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    as_pg "$bin/initdb" -D "$dir/data" --locale=C.UTF-8 --encoding=UTF8 -U postgres --auth=trust >"$dir/initdb.log" 2>&1
    port=$(free_port)
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null
    echo "$port" >"$dir/port"
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres thidua
    echo "postgres://postgres@127.0.0.1:$port/thidua"
    ;;
stop)
    [ -d "$dir/data" ] || exit 0
    as_pg "$(pg_bin)/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
