#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster on loopback (Debian's postgresql, installed by ./test.sh: initdb into a temporary
# folder, pg_ctl, no system service) and runs the several-instances bench against it; stops the cluster by its PID.
# Build the portal in Release first: dotnet build src/Portal -c Release
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
folder=$(mktemp -d)
port=${BENCH_PG_PORT:-25432}
as_postgres=()
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$folder"; as_postgres=(runuser -u postgres --); fi
"${as_postgres[@]}" "$bin/initdb" -D "$folder/data" -U postgres --auth=trust -E UTF8 --no-locale --no-sync > /dev/null
"${as_postgres[@]}" "$bin/pg_ctl" -D "$folder/data" -l "$folder/log" -w start \
  -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$folder -c max_connections=300" > /dev/null
pid=$(head -1 "$folder/data/postmaster.pid")
trap 'kill -INT $pid 2>/dev/null; while kill -0 $pid 2>/dev/null; do sleep 0.2; done; rm -rf "$folder"' EXIT
dotnet run -c Release --project bench/SeveralInstances -- "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres" "$@"
