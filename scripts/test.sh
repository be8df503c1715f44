#!/usr/bin/env bash
# The whole test suite in one command: infrastructure (PostgreSQL, Docker, runner images), the
# runner images' own self-tests, then every .NET test project. Exits non-zero on any failure.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
results_dir="$repo_root/TestResults"

ConnectionStrings__Grader="$("$repo_root/scripts/ensure-infra.sh" | tail -n 1)"
export ConnectionStrings__Grader

"$repo_root/docker/runner-python/selftest.sh"

rm -rf "$results_dir" && mkdir -p "$results_dir"
# The block runtimes' node tests run beside the .NET tests (about a minute, mostly waiting on Blockly's load).
# npm ci only when the lock file changed since the last install: it takes minutes here.
blocks_dir="$repo_root/docker/runner-blocks"
( cd "$blocks_dir" && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error; } \
    && npm test ) > "$results_dir/node-test.log" 2>&1 &
node_tests=$!
status=0  # with pipefail, a pipeline fails when dotnet does
# Build once, then one test project at a time: several end-to-end stacks, browsers and sandboxes at
# once on a two-core machine would turn honest programs into timeouts.
dotnet build "$repo_root/Grader.sln" -nologo -v quiet 2>&1 | tee "$results_dir/dotnet-build.log" || status=$?
: > "$results_dir/dotnet-test.log"
if [ "$status" -eq 0 ]; then
    for project in "$repo_root"/tests/*/*.Tests.csproj; do
        dotnet test "$project" --no-build --logger "console;verbosity=normal" --logger trx \
            --results-directory "$results_dir" 2>&1 | tee -a "$results_dir/dotnet-test.log" || status=$?
    done
fi

# One closing line over all test assemblies, from the "Passed: N" / "Failed: N" lines of each run summary.
awk '/^ +(Passed|Failed|Skipped): [0-9]+$/ { count[$1] += $2 }
     END { printf "dotnet: %d passed, %d failed, %d skipped\n", count["Passed:"], count["Failed:"], count["Skipped:"] }' \
    "$results_dir/dotnet-test.log"
[ "$status" -eq 0 ] || echo "dotnet test exited with status $status (a failed test, a build error or a crashed test host; see above)"

node_status=0
wait "$node_tests" || node_status=$?
echo "node (docker/runner-blocks): $(grep -E '^# (pass|fail) ' "$results_dir/node-test.log" | tr '\n' ' ' || true)"
[ "$node_status" -eq 0 ] || { echo "node tests failed:"; cat "$results_dir/node-test.log"; status=1; }
exit "$status"
