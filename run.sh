#!/usr/bin/env bash
# Starts Switchboard on its embedded default: a SQLite file under ./data, the development sign-in
# (pick a role, no identity provider needed) and demo data seeded on first start.
set -euo pipefail
cd "$(dirname "$0")"

url="${SWITCHBOARD_URL:-http://localhost:5080}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export DemoData__Enabled="${DemoData__Enabled:-true}"

echo "Building Switchboard…"
dotnet build src/Portal -c Release --nologo -v quiet
echo "Switchboard starts on ${url} — open it in a browser; Ctrl+C stops it."
exec dotnet src/Portal/bin/Release/net10.0/Switchboard.Portal.dll --urls "${url}"
