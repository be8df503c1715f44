#!/usr/bin/env bash
# Brings a Debian 12 machine (root) to the state Grader needs: PostgreSQL with a grader role and
# database, a running Docker engine, and current runner images. Safe to run again at any time.
# Prints the connection string on its last line of stdout; everything else goes to stderr.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
db_name="${GRADER_DB_NAME:-grader}"
db_user="${GRADER_DB_USER:-grader}"
db_password="${GRADER_DB_PASSWORD:-grader}"
dockerd_log=/var/log/grader-dockerd.log
docker_wait_seconds=60

log() { echo "[ensure-infra] $*" >&2; }

install_missing_packages() {
    local missing=()
    # chromium and a Korean font: the browser the web-page tests drive headless, and what it draws Hangul with.
    for pkg in docker.io debootstrap postgresql-15 chromium fonts-nanum; do
        [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" = "install ok installed" ] || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Update the lists only when apt cannot find a package as things stand.
    if ! apt-get install -y --no-install-recommends "${missing[@]}" >&2; then
        apt-get update >&2
        apt-get install -y --no-install-recommends "${missing[@]}" >&2
    fi
}

# psql as the postgres superuser, from a folder it may enter.
as_postgres() { (cd / && runuser -u postgres -- "$@"); }

start_postgres() {
    local cluster_status
    cluster_status="$(pg_lsclusters -h 2>/dev/null | awk '$1 == "15" && $2 == "main" {print $4}')"
    if [ -z "$cluster_status" ]; then
        log "creating PostgreSQL cluster 15/main"
        pg_createcluster 15 main >&2
    fi
    if [ "$cluster_status" != online ]; then
        log "starting PostgreSQL"
        pg_ctlcluster 15 main start >&2
    fi
    for _ in $(seq 1 30); do
        pg_isready -q -h 127.0.0.1 -p 5432 && break
        sleep 1
    done
    pg_isready -q -h 127.0.0.1 -p 5432 || { log "PostgreSQL does not answer on 127.0.0.1:5432"; exit 1; }

    # Tests create their own databases, so the role needs CREATEDB.
    as_postgres psql -v ON_ERROR_STOP=1 -q -d postgres >&2 <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${db_user}') THEN
    CREATE ROLE "${db_user}" LOGIN CREATEDB PASSWORD '${db_password}';
  ELSE
    ALTER ROLE "${db_user}" LOGIN CREATEDB PASSWORD '${db_password}';
  END IF;
END
\$\$;
SQL
    if [ "$(as_postgres psql -tAq -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '${db_name}'")" != 1 ]; then
        log "creating database ${db_name}"
        as_postgres createdb -O "${db_user}" "${db_name}" >&2
    fi
}

docker_answers() { timeout 10 docker info >/dev/null 2>&1; }

start_docker() {
    docker_answers && return 0
    if ! pgrep -x dockerd >/dev/null; then
        log "starting dockerd (log: ${dockerd_log})"
        # No bridge network on these machines; graders always run with --network none.
        nohup dockerd --bridge=none --iptables=false >>"$dockerd_log" 2>&1 </dev/null &
        disown || true
    fi
    for _ in $(seq 1 "$docker_wait_seconds"); do
        docker_answers && { log "docker is up"; return 0; }
        sleep 1
    done
    log "docker did not answer within ${docker_wait_seconds}s; see ${dockerd_log}"
    tail -n 20 "$dockerd_log" >&2 || true
    exit 1
}

# The student pages' editors (web/: CodeMirror and Blockly from npm), bundled into Grader.Api/wwwroot/lib before
# the .NET build so the API serves them as its own static files. npm ci only when the lock file changed.
build_web_assets() {
    command -v npm >/dev/null || {
        log "installing nodejs and npm"
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm >&2 \
            || { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm >&2; }
    }
    local web="$repo_root/web"
    ( cd "$web" && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error >&2; } \
        && node build.mjs >&2 )
}

install_missing_packages
build_web_assets
start_postgres
start_docker
"$repo_root/docker/build-images.sh" >&2

# On loopback, TLS to PostgreSQL (Npgsql prefers it when the server offers it) only costs CPU on every round trip.
echo "Host=127.0.0.1;Port=5432;Username=${db_user};Password=${db_password};SSL Mode=Disable;Database=${db_name}"
