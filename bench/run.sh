#!/usr/bin/env bash
# Benchmarks Grader against bare `docker run` of the same runner image (issue 6): starts a fresh stack with
# scripts/run.sh on a new database, runs bench/Grader.Bench, stops the stack and drops the database.
# The last line of stdout is the JSON summary. Extra arguments go to Grader.Bench (e.g. --single 100 --ten 30
# --blocks 10: five-test Scratch, Entry and Blockly submissions each).
#   GRADER_API_URL, GRADER_WORKER_URL  where the stack listens (defaults 127.0.0.1:5180 and :5181)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state_dir="$repo_root/.state"
export GRADER_API_URL="${GRADER_API_URL:-http://127.0.0.1:5180}"
export GRADER_WORKER_URL="${GRADER_WORKER_URL:-http://127.0.0.1:5181}"
export GRADER_DB_NAME="grader_bench_$(date +%s)"
# The worker's defaults are measured. The two sandbox levers of README.md "Performance" can be tried by exporting
# Grader__Sandbox__PoolSize=2 and Grader__Sandbox__RemoveContainersInBackground=true before running this.
Grader__AdminToken="$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n')"
export Grader__AdminToken

log() { echo "[bench] $*" >&2; }

# run.sh keeps one stack's process ids in .state/; a stack someone else started there would be replaced.
for name in api worker; do
    if [ -s "$state_dir/$name.pid" ] && kill -0 "$(cat "$state_dir/$name.pid")" 2>/dev/null; then
        log "a Grader stack started by scripts/run.sh is running ($state_dir/$name.pid); stop it first: scripts/run.sh stop"
        exit 1
    fi
done

cleanup() {
    "$repo_root/scripts/run.sh" stop || true
    PGPASSWORD=grader dropdb -h 127.0.0.1 -U grader --if-exists "$GRADER_DB_NAME" || true
}
trap cleanup EXIT

log "building the benchmark"
dotnet build "$repo_root/bench/Grader.Bench/Grader.Bench.csproj" -c Release -v quiet -nologo >&2
log "starting a fresh stack on database $GRADER_DB_NAME"
"$repo_root/scripts/run.sh"

log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$repo_root/bench/Grader.Bench/bin/Release/net10.0/Grader.Bench.dll" \
    --api "$GRADER_API_URL" --admin-token "$Grader__AdminToken" --state "$state_dir" \
    --fixtures "$repo_root/tests/Grader.Grading.Tests/Fixtures" "$@"
