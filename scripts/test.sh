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

# One closing line over all test assemblies, from dotnet test's per-assembly summaries.
awk '/(Passed|Failed)! +- +Failed:/ {
        gsub(/,/, ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "dotnet: %d passed, %d failed, %d skipped\n", p, f, s }' "$results_dir/dotnet-test.log"
exit "$status"
