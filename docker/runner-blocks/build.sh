#!/usr/bin/env bash
# Builds the grader-runner-blocks image FROM grader-runner-python (build that first:
# docker/build-images.sh python), adding node and the block runtimes of this folder:
#   node /opt/grader/blocks/run-scratch.js project.json < answers
#   node /opt/grader/blocks/run-entry.js project.json < answers
#   node /opt/grader/blocks/blockly-to-python.js workspace.json|workspace.xml > main.py
#
# The node shipped is the one on this machine that installs the node_modules and runs their tests
# (its binary needs only glibc and libstdc++, both in the Debian base). The build is skipped when
# the image's grader.inputs-hash label matches its inputs, as in build-images.sh.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
image="${1:-grader-runner-blocks}"
base=grader-runner-python
context="$here/../.build/runner-blocks-context"   # docker/.build is ignored by git
hash_label=grader.inputs-hash
node_binary="$(readlink -f "$(command -v node)")"

log() { echo "[runner-blocks] $*" >&2; }

# Every module of lib/ goes in: the runners require them.
mapfile -t lib_files < <(cd "$here" && ls lib/*.js)
runtime_files=(run-scratch.js run-entry.js blockly-to-python.js entry-blocks.json "${lib_files[@]}" package.json package-lock.json)

inputs_hash() {
    {
        docker image inspect -f '{{.Id}}' "$base"
        "$node_binary" --version
        cat "$here/Dockerfile"
        for file in "${runtime_files[@]}"; do printf '%s\n' "$file"; cat "$here/$file"; done
    } | sha256sum | cut -c1-16
}

docker image inspect "$base" >/dev/null 2>&1 || { log "$base is missing: run docker/build-images.sh python first"; exit 1; }
hash="$(inputs_hash)"
if [ "$(docker image inspect -f "{{ index .Config.Labels \"$hash_label\" }}" "$image" 2>/dev/null)" = "$hash" ]; then
    log "$image is current"; exit 0
fi

rm -rf "$context"
mkdir -p "$context/blocks/lib"
for file in "${runtime_files[@]}"; do cp "$here/$file" "$context/blocks/$file"; done
cp "$here/Dockerfile" "$context/Dockerfile"
cp "$node_binary" "$context/node"
# The production node_modules depend only on the lock file: installed once per lock (npm ci takes
# minutes here), not on every rebuild of the base image below this one.
modules="$here/../.build/runner-blocks-modules-$(cat "$here/package.json" "$here/package-lock.json" | sha256sum | cut -c1-16)"
if [ ! -d "$modules/node_modules" ]; then
    log "npm ci (production dependencies only)"
    rm -rf "$modules" "$modules.partial" && mkdir -p "$modules.partial"
    cp "$here/package.json" "$here/package-lock.json" "$modules.partial/"
    (cd "$modules.partial" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
    # Never read at run time: source maps, browser bundles, docs and sources already bundled in dist/.
    find "$modules.partial/node_modules" \( -name '*.map' -o -name '*.md' -o -name '*.d.ts' \) -type f -delete
    rm -rf "$modules.partial/node_modules/scratch-vm/dist/web" "$modules.partial/node_modules/scratch-vm/src" \
        "$modules.partial/node_modules/scratch-vm/docs"
    mv "$modules.partial" "$modules"
fi
cp -a "$modules/node_modules" "$context/blocks/node_modules"

log "building $image"
DOCKER_BUILDKIT=0 docker build -q --network none --label "$hash_label=$hash" -t "$image" "$context" >/dev/null
rm -rf "$context"
log "$image built ($(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%d MB", $1/1e6}'))"
