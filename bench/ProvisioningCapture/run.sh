#!/usr/bin/env bash
# Starts a throw-away RabbitMQ node on loopback (Debian's rabbitmq-server, installed by ./test.sh) and runs the capture bench against it.
set -euo pipefail
cd "$(dirname "$0")/../.."
folder=$(mktemp -d)
port=${BENCH_AMQP_PORT:-25672}
printf '[].' > "$folder/enabled_plugins"; : > "$folder/rabbitmq.conf"
HOME=$folder RABBITMQ_NODENAME=bench-$port@localhost RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$port RABBITMQ_DIST_PORT=$((port + 1)) \
RABBITMQ_MNESIA_BASE=$folder/mnesia RABBITMQ_LOG_BASE=$folder/log RABBITMQ_CONFIG_FILE=$folder/rabbitmq \
RABBITMQ_ENABLED_PLUGINS_FILE=$folder/enabled_plugins RABBITMQ_PID_FILE=$folder/pid ERL_EPMD_ADDRESS=127.0.0.1 ERL_CRASH_DUMP=$folder/erl_crash.dump \
  /usr/lib/rabbitmq/bin/rabbitmq-server > "$folder/out.txt" 2>&1 &
node=$!
trap 'kill $node 2>/dev/null; pkill -f "bench-$port@localhost" 2>/dev/null; rm -rf "$folder"' EXIT
until grep -q "Starting broker... completed" "$folder/out.txt"; do sleep 0.5; done
dotnet run -c Release --project bench/ProvisioningCapture -- "amqp://guest:guest@127.0.0.1:$port/" "$@"
