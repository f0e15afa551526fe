#!/usr/bin/env bash
# Starts Switchboard on its embedded default: a SQLite file under ./data, the development sign-in
# (pick a role, no identity provider needed) and demo data seeded on first start.
set -euo pipefail
cd "$(dirname "$0")"

url="${SWITCHBOARD_URL:-http://localhost:5080}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export DemoData__Enabled="${DemoData__Enabled:-true}"

# The Exchange Listener demo deployment, when its simulator runs (dotnet run --project tests/ExchangeListenerSimulator -- --urls http://localhost:8082).
if curl -s -o /dev/null --max-time 1 http://localhost:8082/api/listeners/status; then
  export ExchangeListeners__Deployments__0__Name="${ExchangeListeners__Deployments__0__Name:-demo-listener}"
  export ExchangeListeners__Deployments__0__ServiceUrl="${ExchangeListeners__Deployments__0__ServiceUrl:-http://localhost:8082}"
  export ExchangeListeners__Deployments__0__Replicas="${ExchangeListeners__Deployments__0__Replicas:-2}"
  export ExchangeListeners__Deployments__0__ActiveMailboxes="${ExchangeListeners__Deployments__0__ActiveMailboxes:-130}"
  export ExchangeListeners__AlertRecipients__0="${ExchangeListeners__AlertRecipients__0:-it-admins}"
fi

echo "Building Switchboard…"
dotnet build src/Portal -c Release --nologo -v quiet
echo "Switchboard starts on ${url} — open it in a browser; Ctrl+C stops it."
exec dotnet src/Portal/bin/Release/net10.0/Switchboard.Portal.dll --urls "${url}"
