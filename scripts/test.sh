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

# Scale-out tests (issue 9) run Debian's PostgreSQL, Redis and nginx; the tests start their own
# throw-away servers on free ports (Tests/Support), so only the packages are needed here.
missing=()
[ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
        echo "Installing Debian's ${missing[*]} for the scale-out tests…"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "warning: ${missing[*]} missing and this is not root: scale-out tests will fail." >&2
    fi
fi

# --postgres runs the domain and HTTP tests again on PostgreSQL (a throw-away cluster the tests
# start, or the server PARTNERSPACE_TEST_POSTGRES names) instead of the whole suite on SQLite.
args=()
for arg in "$@"; do
    if [ "$arg" = "--postgres" ]; then
        export PARTNERSPACE_TEST_DATABASE=Postgres
        args+=(--filter "FullyQualifiedName~PartnerSpace.Tests.Domain|FullyQualifiedName~PartnerSpace.Tests.Http")
    else
        args+=("$arg")
    fi
done
set -- "${args[@]+"${args[@]}"}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
dotnet build PartnerSpace.Blazor.sln -c Release -nologo -clp:ErrorsOnly

# The committed migrations of each provider must describe the model exactly.
for context in PartnerSpaceDbContext PostgresDbContext; do
    dotnet ef migrations has-pending-model-changes --context "$context" --project PartnerSpace.Domain \
        --startup-project PartnerSpace.Domain --configuration Release --no-build
done

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
