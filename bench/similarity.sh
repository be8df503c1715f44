#!/usr/bin/env bash
# Measures the similarity report (README "Similarity"): recall on planted copies and the share of honest pairs
# flagged, on seeded corpora. No stack, database or Docker needed. Extra arguments go to Grader.SimilarityBench
# (e.g. --seeds 50 --copies 10). Exits 1 when recall is below 0.9 or more than 5 % of honest pairs are flagged.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet build "$repo_root/bench/Grader.SimilarityBench/Grader.SimilarityBench.csproj" -c Release -v quiet -nologo >&2
dotnet "$repo_root/bench/Grader.SimilarityBench/bin/Release/net10.0/Grader.SimilarityBench.dll" \
    --fixtures "$repo_root/tests/Grader.Grading.Tests/Fixtures" "$@"
