#!/usr/bin/env bash
# Builds every runner image offline (Debian packages only, no registry) and skips those already
# current. An image is current when its label grader.inputs-hash equals the hash of what it is
# built from (its base's package list; every file of its Dockerfile folder), so editing the harness
# rebuilds only the small top layer, and the debootstrap base (about 2.5 minutes) is built once.
#
# Usage: docker/build-images.sh [NAME...]   (default: every image in all_images)
# Adding an image: write build_<name>() that calls ensure_debootstrap_base (a rootfs of Debian
# packages) and ensure_image_from_context (a folder with a Dockerfile FROM that base), then add
# <name> to all_images.
set -euo pipefail

docker_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache_dir="$docker_dir/.build"          # debootstrap work folders; ignored by git
hash_label=grader.inputs-hash
# Bump when ensure_debootstrap_base changes what goes into a base rootfs; editing the rest of this
# script must not rebuild the slow debootstrap bases.
base_recipe_version=1
suite=bookworm
export DOCKER_BUILDKIT=0                # the legacy builder resolves FROM of a local image without a registry

log() { echo "[build-images] $*" >&2; }

# Hash of the named files' contents plus any extra words (package lists, parameters).
inputs_hash() {
    local extra="$1"; shift
    { printf '%s\n' "$extra"; for f in "$@"; do printf '%s\n' "${f#"$docker_dir"/}"; cat "$f"; done; } \
        | sha256sum | cut -c1-16
}

image_is_current() {
    local image="$1" hash="$2"
    [ "$(docker image inspect -f "{{ index .Config.Labels \"$hash_label\" }}" "$image" 2>/dev/null)" = "$hash" ]
}

# The Debian mirror apt already uses here, so debootstrap needs no other host.
debian_mirror() {
    local uri
    uri="$(grep -rhsE '^(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/ \
        | grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -n1 | tr -d ' ')"
    echo "${uri:-http://deb.debian.org/debian}"
}

# Imports a minbase Debian rootfs with the given packages as image $1, once per package list.
# $3, optional, is a command run inside the rootfs (chroot) before it is imported.
ensure_debootstrap_base() {
    local image="$1" packages="$2" setup_command="${3:-}" hash rootfs
    hash="$(inputs_hash "recipe $base_recipe_version $suite minbase $packages $setup_command")"
    if image_is_current "$image" "$hash"; then log "$image is current"; return 0; fi
    rootfs="$cache_dir/$image-rootfs"
    rm -rf "$rootfs"; mkdir -p "$rootfs"
    log "debootstrap $image ($packages) from $(debian_mirror)"
    # A second try, from scratch, rides out a dropped download.
    debootstrap --variant=minbase --include="$packages" "$suite" "$rootfs" "$(debian_mirror)" >&2 \
        || { rm -rf "$rootfs"; mkdir -p "$rootfs"; debootstrap --variant=minbase --include="$packages" "$suite" "$rootfs" "$(debian_mirror)" >&2; }
    [ -n "$setup_command" ] && chroot "$rootfs" /bin/sh -c "$setup_command" >&2
    # What a runner never needs at run time: package caches, docs, locales beyond C.UTF-8.
    rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* \
        "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/var/log/*
    find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name 'locale.alias' -exec rm -rf {} + 2>/dev/null || true
    tar -C "$rootfs" -c . | docker import -c "LABEL $hash_label=$hash" - "$image" >/dev/null
    rm -rf "$rootfs"
    log "$image imported"
}

# docker build of a folder holding a Dockerfile; the hash covers every file in it. $4, optional, is the
# image its Dockerfile's ARG BASE names instead of its default.
ensure_image_from_context() {
    local image="$1" context="$2" base_hash="$3" base="${4:-}" hash
    local files; mapfile -t files < <(find "$context" -type f ! -name '*.pyc' ! -path '*/__pycache__/*' ! -path "$context/selftest*" | sort)
    hash="$(inputs_hash "$base_hash $base" "${files[@]}")"
    if image_is_current "$image" "$hash"; then log "$image is current"; return 0; fi
    log "building $image"
    docker build -q --network none --label "$hash_label=$hash" ${base:+--build-arg "BASE=$base"} -t "$image" "$context" >/dev/null
    log "$image built"
}

base_hash_of() { docker image inspect -f "{{ index .Config.Labels \"$hash_label\" }}" "$1"; }

build_python() {
    # python3-minimal lacks json, base64, random, ctypes...: libpython3.11-stdlib brings the
    # standard library students and the harness use, without the python3 dev tooling.
    # Byte-compiling the standard library halves the interpreter's start (25 ms instead of 50) on
    # the read-only root, where Python cannot write the .pyc files itself.
    ensure_debootstrap_base grader-base-python "python3-minimal,libpython3.11-stdlib" \
        "python3 -m compileall -q -j0 /usr/lib/python3.11 >/dev/null || true"
    ensure_image_from_context grader-runner-python "$docker_dir/runner-python" "$(base_hash_of grader-base-python)"
}

# The Python runner with Debian's data-science packages (image: python-data): the same harness on a base
# that adds numpy, pandas, scikit-learn and matplotlib (about 5 minutes to debootstrap, once).
build_python_data() {
    ensure_debootstrap_base grader-base-python-data \
        "python3-minimal,libpython3.11-stdlib,python3-numpy,python3-pandas,python3-sklearn,python3-matplotlib" \
        "python3 -m compileall -q -j0 /usr/lib/python3.11 /usr/lib/python3/dist-packages >/dev/null || true"
    ensure_image_from_context grader-runner-python-data "$docker_dir/runner-python" "$(base_hash_of grader-base-python-data)" \
        grader-base-python-data
}

# node and the block runtimes on top of the Python runner (Blockly runs as Python); build.sh skips
# the build when the image is current, as above.
build_blocks() {
    build_python
    "$docker_dir/runner-blocks/build.sh"
}

all_images=(python blocks python_data)

main() {
    local wanted=("$@")
    [ ${#wanted[@]} -eq 0 ] && wanted=("${all_images[@]}")
    mkdir -p "$cache_dir"
    # One build at a time on this machine: tests and scripts may call this concurrently.
    exec 9>"$cache_dir/build.lock"
    flock 9
    for name in "${wanted[@]}"; do "build_$name"; done
}

main "$@"
