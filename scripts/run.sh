#!/usr/bin/env bash
# Sets up and runs Grader on this machine: infrastructure, a Release build, then Grader.Api on
# http://127.0.0.1:5080 and Grader.Worker on http://127.0.0.1:5081 in the background.
# Logs and process ids go to .state/. Running it again restarts the two processes it started;
# `scripts/run.sh stop` stops them.
#   GRADER_API_URL, GRADER_WORKER_URL  bind addresses (defaults above)
#   Grader__AdminToken                 bootstrap admin token (default: generated once, kept in .state/admin-token)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state_dir="$repo_root/.state"
api_url="${GRADER_API_URL:-http://127.0.0.1:5080}"
worker_url="${GRADER_WORKER_URL:-http://127.0.0.1:5081}"
ready_wait_seconds=120

log() { echo "[run] $*" >&2; }
mkdir -p "$state_dir"

# Stops a process this script started earlier (by its recorded id only).
stop_previous() {
    local pid_file="$state_dir/$1.pid" pid
    [ -s "$pid_file" ] || return 0
    pid="$(cat "$pid_file")"
    # Only if that id is still one of our dotnet processes, not a later process that reuses the number.
    if tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" | grep -q 'Grader\.[A-Za-z]*\.dll'; then
        log "stopping previous $1 (pid $pid)"
        kill "$pid"
        for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    fi
    rm -f "$pid_file"
}

# start NAME PROJECT URL: runs the built project from its output folder (its content root).
start() {
    local name="$1" project="$2" url="$3" out_dir="$repo_root/$2/bin/Release/net10.0"
    stop_previous "$name"
    log "starting $name on $url (log: $state_dir/$name.log)"
    (cd "$out_dir" && exec nohup dotnet "$project.dll" --urls "$url" >"$state_dir/$name.log" 2>&1 </dev/null) &
    echo $! > "$state_dir/$name.pid"
}

wait_ready() {
    local name="$1" url="$2"
    for _ in $(seq 1 "$ready_wait_seconds"); do
        curl -fsS -o /dev/null "$url/health/ready" 2>/dev/null && { log "$name is ready"; return 0; }
        kill -0 "$(cat "$state_dir/$name.pid")" 2>/dev/null || { log "$name exited; see $state_dir/$name.log"; tail -n 30 "$state_dir/$name.log" >&2; exit 1; }
        sleep 1
    done
    log "$name not ready after ${ready_wait_seconds}s; see $state_dir/$name.log"
    exit 1
}

if [ "${1:-}" = stop ]; then
    stop_previous worker
    stop_previous api
    exit 0
fi

ConnectionStrings__Grader="$("$repo_root/scripts/ensure-infra.sh" | tail -n 1)"
export ConnectionStrings__Grader
if [ -z "${Grader__AdminToken:-}" ]; then
    [ -s "$state_dir/admin-token" ] || head -c 32 /dev/urandom | base64 | tr -d '/+=\n' > "$state_dir/admin-token"
    Grader__AdminToken="$(cat "$state_dir/admin-token")"
fi
export Grader__AdminToken

log "building"
dotnet build "$repo_root/Grader.Api/Grader.Api.csproj" -c Release -v quiet -nologo >&2
dotnet build "$repo_root/Grader.Worker/Grader.Worker.csproj" -c Release -v quiet -nologo >&2

# The API applies migrations on start, so the worker starts once the API is ready.
start api Grader.Api "$api_url"
wait_ready api "$api_url"

# The demo course (users, a course, a suite and an assignment), over the public API, once per machine.
if [ ! -s "$state_dir/demo.txt" ]; then
    "$repo_root/scripts/seed-demo.sh" "$api_url" "$Grader__AdminToken" > "$state_dir/demo.txt"
fi
cat "$state_dir/demo.txt" >&2

start worker Grader.Worker "$worker_url"
wait_ready worker "$worker_url"

log "Grader is running: API $api_url, worker $worker_url; logs and pids in $state_dir"
log "admin token: $Grader__AdminToken"
