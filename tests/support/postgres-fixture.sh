#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the *_postgres test runs (ctest fixture "postgres").
#
#   postgres-fixture.sh start DIR   initdb DIR/data (wiping what was there) and start the server
#                                   on a unix socket in DIR (no TCP port, so nothing can clash)
#   postgres-fixture.sh stop DIR    stop it and remove DIR
#
# Tests reach it with BENCHTOP_TEST_POSTGRES=postgresql://postgres@/postgres?host=DIR; each
# TestLabServer makes its own database there and drops it again. PostgreSQL refuses to run as
# root, so as root (CI) the cluster runs as the "postgres" user from Debian's postgresql package.
set -euo pipefail

action="${1:-}"
dir="${2:-}"
if [ -z "$action" ] || [ -z "$dir" ]; then
    echo "usage: $0 start|stop DIR" >&2
    exit 2
fi

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
    echo "postgres-fixture: PostgreSQL is not installed (Debian package 'postgresql'; scripts/setup.sh installs it)" >&2
    exit 1
fi

as_owner=()
if [ "$(id -u)" -eq 0 ]; then
    as_owner=(runuser -u postgres --)
fi

stop_server() {
    if [ -f "$dir/data/postmaster.pid" ]; then
        "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
}

case "$action" in
start)
    stop_server # a cluster left behind by an interrupted run
    rm -rf "$dir"
    mkdir -p "$dir"
    chmod 755 "$dir"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres: "$dir"
    fi
    "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 \
        --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        exit 1
    }
    # Unix socket only; fsync off because the data is thrown away anyway.
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
        -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off \
            -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        >/dev/null || {
        cat "$dir/server.log" >&2
        exit 1
    }
    echo "postgres-fixture: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on socket dir $dir"
    ;;
stop)
    stop_server
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
