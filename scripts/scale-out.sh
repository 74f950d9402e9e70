#!/usr/bin/env bash
# Two PartnerSpace nodes on PostgreSQL and Redis behind nginx (DESIGN §8), on one machine, from
# Debian's packages: everything lives in one folder and listens on loopback only.
#
#   scripts/scale-out.sh start [FOLDER]   publish the portal, start PostgreSQL, Redis, node a, node b, nginx
#   scripts/scale-out.sh stop  [FOLDER]   stop them all (the folder stays, with the logs)
#
# The portal is then at https://localhost:$PS_HTTPS_PORT/ (a self-signed certificate; nginx ends
# TLS and forwards to the nodes, which trust its X-Forwarded-* headers). Blazor circuits are
# sticky: nginx sends a browser to the node its `psnode` cookie names (a or b), and gives a new
# browser one of the two at random. Each node answers with `X-PartnerSpace-Node: a|b`.
# FOLDER/cluster.env lists the addresses, for the tests (Tests/Support/TwoNodeCluster) and bench/.
#
# Ports (override by environment): PS_HTTPS_PORT=8443 PS_NODE_A_PORT=5101 PS_NODE_B_PORT=5102
# PS_PG_PORT=55432 PS_REDIS_PORT=6390. PS_NO_BUILD=1 publishes the existing Release build.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

command=${1:-}
dir=$(realpath -m "${2:-/tmp/partnerspace-scale-out}")
https_port=${PS_HTTPS_PORT:-8443}
node_a_port=${PS_NODE_A_PORT:-5101}
node_b_port=${PS_NODE_B_PORT:-5102}
pg_port=${PS_PG_PORT:-55432}
redis_port=${PS_REDIS_PORT:-6390}
pg_bin=/usr/lib/postgresql/15/bin

log() { echo "scale-out: $*" >&2; }

wait_for() { # what, seconds, command...
    local what=$1 seconds=$2
    shift 2
    for _ in $(seq $((seconds * 10))); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.1
    done
    log "$what did not start in ${seconds}s"
    return 1
}

as_postgres() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_postgres() {
    mkdir -p "$dir/pg"
    [ "$(id -u)" = "0" ] && chown postgres "$dir/pg"
    if [ ! -f "$dir/pg/data/PG_VERSION" ]; then
        as_postgres "$pg_bin/initdb" -D "$dir/pg/data" -A trust -U postgres >"$dir/pg/initdb.log"
    fi
    as_postgres "$pg_bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/postgres.log" -w -s \
        -o "-p $pg_port -k $dir/pg -c listen_addresses=127.0.0.1 -c max_connections=300" start
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='partnerspace'" | grep -q 1 \
        || psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE partnerspace"
}

start_redis() {
    # Persistent (append-only file): the Data Protection key ring lives in Redis.
    redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly yes --daemonize yes \
        --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
    wait_for Redis 10 redis-cli -p "$redis_port" ping
}

write_nginx_conf() {
    mkdir -p "$dir/nginx/tmp" "$dir/tls"
    if [ ! -f "$dir/tls/cert.pem" ]; then
        openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=localhost" \
            -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
            -keyout "$dir/tls/key.pem" -out "$dir/tls/cert.pem" 2>/dev/null
    fi
    cat >"$dir/nginx/nginx.conf" <<EOF
worker_processes 1;
# Each open Blazor circuit holds two connections (browser side and node side): 2,000 circuits
# and the scanning devices need well over 4,096.
worker_rlimit_nofile 32768;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log warn;
events { worker_connections 16384; }
http {
    access_log off;
    client_body_temp_path $dir/nginx/tmp/body;
    proxy_temp_path $dir/nginx/tmp/proxy;
    fastcgi_temp_path $dir/nginx/tmp/fastcgi;
    uwsgi_temp_path $dir/nginx/tmp/uwsgi;
    scgi_temp_path $dir/nginx/tmp/scgi;
    client_max_body_size 64m;

    upstream node_a { server 127.0.0.1:$node_a_port; keepalive 64; }
    upstream node_b { server 127.0.0.1:$node_b_port; keepalive 64; }

    # Sticky sessions: the psnode cookie names the node; a browser without one gets either.
    split_clients "\${remote_addr}\${remote_port}\${msec}" \$psnode_new { 50% a; * b; }
    map \$cookie_psnode \$psnode { a a; b b; default \$psnode_new; }
    map \$http_upgrade \$connection_upgrade { default upgrade; '' ''; }

    server {
        listen 127.0.0.1:$https_port ssl http2;
        server_name localhost;
        ssl_certificate $dir/tls/cert.pem;
        ssl_certificate_key $dir/tls/key.pem;

        location / {
            add_header Set-Cookie "psnode=\$psnode; Path=/; Secure; HttpOnly; SameSite=Lax" always;
            proxy_pass http://node_\$psnode;
            proxy_http_version 1.1;
            proxy_set_header Host \$host:\$server_port;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto https;
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection \$connection_upgrade;
            proxy_read_timeout 1h;
            proxy_buffering off;
        }
    }
}
EOF
}

start_node() { # name port
    local name=$1 port=$2
    (
        cd "$dir/publish" # the content root: wwwroot and the static assets manifest are there
        export ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
            DOTNET_CLI_TELEMETRY_OPTOUT=1 \
            PartnerSpace__Database=Postgres \
            ConnectionStrings__PartnerSpace="Host=127.0.0.1;Port=$pg_port;Database=partnerspace;Username=postgres;Maximum Pool Size=100" \
            PartnerSpace__Redis="127.0.0.1:$redis_port" \
            PartnerSpace__NodeName="$name" \
            PartnerSpace__Demo=true \
            PartnerSpace__FilesFolder="$dir/files" \
            PartnerSpace__KeysFolder="$dir/keys" \
            PartnerSpace__PublicUrl="https://localhost:$https_port/" \
            PartnerSpace__Https__KnownProxies__0=127.0.0.1
        nohup dotnet "$dir/publish/PartnerSpace.Web.dll" >"$dir/node-$name.log" 2>&1 &
        echo $! >"$dir/node-$name.pid"
    )
    if ! wait_for "node $name" 120 curl -fsS "http://127.0.0.1:$port/health"; then
        tail -30 "$dir/node-$name.log" >&2
        return 1
    fi
}

start() {
    mkdir -p "$dir"
    chmod o+x "$dir" # PostgreSQL runs as its own user and must reach its data folder inside
    log "publishing the portal into $dir/publish"
    dotnet publish "$repo/PartnerSpace.Web/PartnerSpace.Web.csproj" -c Release -o "$dir/publish" -nologo -v quiet \
        ${PS_NO_BUILD:+--no-build} >"$dir/publish.log" 2>&1 || { tail -20 "$dir/publish.log" >&2; exit 1; }
    log "PostgreSQL on $pg_port, Redis on $redis_port"
    start_postgres
    start_redis
    # Node a first: it applies the migrations and seeds the demo; node b then finds them.
    log "node a on $node_a_port"
    start_node a "$node_a_port"
    log "node b on $node_b_port"
    start_node b "$node_b_port"
    write_nginx_conf
    nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx" -e "$dir/nginx/error.log"
    wait_for nginx 10 curl -fsSk "https://localhost:$https_port/health"
    cat >"$dir/cluster.env" <<EOF
PS_URL=https://localhost:$https_port/
PS_NODE_A_URL=http://127.0.0.1:$node_a_port/
PS_NODE_B_URL=http://127.0.0.1:$node_b_port/
PS_POSTGRES=Host=127.0.0.1;Port=$pg_port;Database=partnerspace;Username=postgres
PS_REDIS=127.0.0.1:$redis_port
EOF
    log "ready: https://localhost:$https_port/ (node a http://127.0.0.1:$node_a_port, node b http://127.0.0.1:$node_b_port)"
}

stop() {
    [ -f "$dir/nginx/nginx.pid" ] && nginx -c "$dir/nginx/nginx.conf" -p "$dir/nginx" -e "$dir/nginx/error.log" -s stop 2>/dev/null || true
    for name in a b; do
        if [ -f "$dir/node-$name.pid" ]; then
            kill "$(cat "$dir/node-$name.pid")" 2>/dev/null || true
            rm -f "$dir/node-$name.pid"
        fi
    done
    [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
    [ -f "$dir/pg/data/postmaster.pid" ] && as_postgres "$pg_bin/pg_ctl" -D "$dir/pg/data" -m fast -w -s stop || true
    log "stopped ($dir kept)"
}

case "$command" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop [FOLDER]" >&2; exit 2 ;;
esac
