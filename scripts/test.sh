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
status=0  # with pipefail, the pipeline fails when dotnet test does
dotnet test "$repo_root/Grader.sln" \
    --logger "console;verbosity=normal" --logger trx --results-directory "$results_dir" \
    2>&1 | tee "$results_dir/dotnet-test.log" || status=$?

# One closing line over all test assemblies, from the "Passed: N" / "Failed: N" lines of each run summary.
awk '/^ +(Passed|Failed|Skipped): [0-9]+$/ { count[$1] += $2 }
     END { printf "dotnet: %d passed, %d failed, %d skipped\n", count["Passed:"], count["Failed:"], count["Skipped:"] }' \
    "$results_dir/dotnet-test.log"
[ "$status" -eq 0 ] || echo "dotnet test exited with status $status (a failed test, a build error or a crashed test host; see above)"
exit "$status"
