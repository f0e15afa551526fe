#!/usr/bin/env bash
# Installs what the tests need when it is missing, then checks formatting, builds, and runs every test project.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Debian packages: Chromium for the browser tests, Node.js for the test identity provider, RabbitMQ for the event
#    queue and provisioning tests, Redis for the Exchange Listener tests, PostgreSQL for the second database provider,
#    nginx for the TLS reverse proxy in front of several instances (the tests start their own servers on loopback
#    ports from temporary folders and stop them by PID; system services, if any, are left alone).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "== Installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# 2. npm packages: the OpenID provider the browser tests sign in through, the SMTP server mail is delivered to.
echo "== npm packages for the test identity provider and SMTP server"
(cd tests/Playwright/oidc && npm ci --no-audit --no-fund --loglevel=error)
(cd tests/Integration/maildev && npm ci --no-audit --no-fund --loglevel=error)

# 3. Formatting, build, tests.
echo "== Formatting (dotnet format --verify-no-changes)"
dotnet format Switchboard.slnx --verify-no-changes

echo "== Build"
dotnet build Switchboard.slnx -c Release --nologo -v quiet

echo "== Tests"
rm -rf TestResults
log=$(mktemp)
status=0
dotnet test --solution Switchboard.slnx -c Release --no-build 2>&1 | tee "$log" || status=$?

# The failures again at the end, where a reader of the log's tail (CI) sees them.
if grep -qE '^\s*failed [A-Za-z_][A-Za-z0-9_]*\.' "$log"; then
  echo "== Failed tests"
  grep -E -A 12 '^\s*failed [A-Za-z_][A-Za-z0-9_]*\.' "$log" | grep -v -E '^\s+at ' | head -200
fi

# One closing line that any reader (and CI) can count.
total_failed=$(grep -E '^\s+failed: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
total_passed=$(grep -E '^\s+succeeded: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
rm -f "$log"
echo "${total_passed} passed, ${total_failed} failed"
exit "$status"
