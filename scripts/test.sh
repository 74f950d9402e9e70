#!/usr/bin/env bash
# Runs every test of PartnerSpace: domain, components, HTTP and browser (Debian's Chromium).
# Installs what is missing when it can (chromium, as root), and ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
        echo "Installing Debian's chromium for the browser tests…"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "warning: /usr/bin/chromium is missing and this is not root: browser tests will fail." >&2
    fi
fi

# E-mail tests send through a real SMTP server: Debian's aiosmtpd (tests start it themselves).
if ! /usr/bin/python3 -c "import aiosmtpd" 2>/dev/null; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
        echo "Installing Debian's python3-aiosmtpd for the e-mail tests…"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd >/dev/null
    else
        echo "warning: python3-aiosmtpd is missing and this is not root: e-mail tests will fail." >&2
    fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
dotnet build PartnerSpace.Blazor.sln -c Release -nologo -clp:ErrorsOnly

# The committed migrations must describe the model exactly.
dotnet ef migrations has-pending-model-changes --project PartnerSpace.Domain --startup-project PartnerSpace.Domain \
    --configuration Release --no-build

results="$(pwd)/TestResults/$(date +%Y%m%d-%H%M%S)"
status=0
dotnet test PartnerSpace.Tests/PartnerSpace.Tests.csproj -c Release --no-build \
    --logger "trx;LogFileName=tests.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" "$@" || status=$?

trx="$results/tests.trx"
if [ -f "$trx" ]; then
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    passed=$(echo "$counters" | sed -E 's/.* passed="([0-9]+)".*/\1/')
    failed=$(echo "$counters" | sed -E 's/.* failed="([0-9]+)".*/\1/')
    echo "$passed passed, $failed failed"
else
    echo "0 passed, 1 failed"
    status=1
fi
exit $status
