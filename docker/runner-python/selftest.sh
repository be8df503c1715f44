#!/usr/bin/env bash
# Runs grader-runner-python against hand-made jobs with the sandbox flags the worker uses and
# asserts each test's outcome: hazards (loops, fork bombs, memory hogs, huge output, killing PID 1,
# closed stdout, leftovers) must each get their own outcome and never disturb the tests after them.
# Usage: docker/runner-python/selftest.sh   (after docker/build-images.sh). Exits non-zero on failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
image="${GRADER_PYTHON_IMAGE:-grader-runner-python}"
work="$(mktemp -d /tmp/grader-selftest.XXXXXX)"
trap 'rm -rf "$work"' EXIT
failures=0

# make_job NAME PROGRAM_FILE PLAN_EXTRAS_JSON TEST_JSON... ; a test is {"stdin": "...", ...limits}
make_job() {
    local job="$work/$1" program="$2" extras="$3"; shift 3
    mkdir -p "$job/program" "$job/private/inputs"
    cp "$program" "$job/program/main.py"
    python_in_image "$job" "$extras" "$@" <<'PY'
import json, sys
job, extras, tests = sys.argv[1], json.loads(sys.argv[2]), [json.loads(t) for t in sys.argv[3:]]
plan = {"language": "python", "entry": "main.py", "promptsAreOutput": False,
        "outputLimitBytes": 65536, "stderrLimitBytes": 4096, "tests": []}
plan.update(extras)
for index, test in enumerate(tests):
    with open("%s/private/inputs/%d.in" % (job, index), "w") as f:
        f.write(test.pop("stdin", ""))
    plan["tests"].append(dict({"index": index, "stdin": test.pop("stdinFile", "inputs/%d.in" % index), "cpuSeconds": 1,
                               "wallSeconds": 2, "memoryMb": 128, "call": None}, **test))
with open(job + "/private/plan.json", "w") as f:
    json.dump(plan, f)
PY
    # As the worker writes it: the program readable by all, the plan and inputs by their owner only.
    chmod -R a+rX "$job/program"
    chmod -R go-rwx "$job/private"
}

# The image's own python, so the host needs nothing but docker. Runs the script on stdin.
python_in_image() {
    docker run -i --rm --network none -u 0 -v "$work:$work" --entrypoint /usr/bin/python3 "$image" - "$@"
}

run_sandbox() {
    docker run --rm --network none --read-only --tmpfs /tmp:size=64m,mode=1777 --user 0:0 \
        --cap-drop ALL --cap-add SETUID --cap-add SETGID --security-opt no-new-privileges --pids-limit 64 \
        --memory 256m --memory-swap 256m -v "$work/$1:/job:ro" "$image"
}

# check NAME EXPECTATIONS_JSON: runs job NAME and compares its result lines.
check() {
    local started ended
    started=$(date +%s%N)
    run_sandbox "$1" > "$work/$1.out" 2> "$work/$1.err" || true
    ended=$(date +%s%N)
    echo "$1: container took $(( (ended - started) / 1000000 )) ms"
    if ! docker run -i --rm --network none -v "$here/selftest/check.py:/check.py:ro" --entrypoint /usr/bin/python3 \
        "$image" /check.py "$2" "$1" < "$work/$1.out"; then
        failures=$((failures + 1))
        echo "$1: the container's stderr:"; cat "$work/$1.err"
    fi
}

# --- one hello-world test: the end-to-end cost of a container ---
printf 'print("hello world")\n' > "$work/hello.py"
make_job hello "$work/hello.py" '{}' '{}'
check hello '[{"outcome": "exited", "stdout": "hello world\n", "exitCode": 0}]'

# --- hazards, each followed by tests that must still run normally ---
hazard_tests=() hazard_expectations=()
hazard() { # hazard NAME EXPECTATION_JSON [TEST_EXTRAS_JSON]
    local extras="${3:-}"
    hazard_tests+=("{\"stdin\": \"$1\n\"${extras:+, $extras}}")
    hazard_expectations+=("{\"name\": \"$1\", $2}")
}
hazard hello       '"outcome": "exited", "stdout": "hello world\n"'
hazard wrong       '"outcome": "exited", "stdout": "41\n"'
hazard raise       '"outcome": "runtime_error", "errorType": "ZeroDivisionError", "errorLine": 14, "stderrContains": "line 14, in divide"'
hazard loop        '"outcome": "time_limit"'
hazard hello       '"outcome": "exited", "stdout": "hello world\n"'
hazard sleep       '"outcome": "time_limit"'
hazard forkbomb    '"outcome": ["time_limit", "runtime_error"]'
hazard others      '"outcome": "exited", "stdout": "0\n"'
hazard memhog      '"outcome": "memory_limit", "errorType": "MemoryError", "errorLine": 102'
# Touching fresh memory is slow on some VMs (about 2 s for 160 MB here): more time than the rest.
hazard memgrow     '"outcome": "memory_limit", "errorType": "MemoryError"' '"cpuSeconds": 4, "wallSeconds": 8'
# The address-space limit lets this one pass the container's 256 MB: the kernel's OOM killer stops it.
hazard memgrow     '"outcome": "memory_limit"' '"memoryMb": 400, "cpuSeconds": 8, "wallSeconds": 15'
hazard hello       '"outcome": "exited", "stdout": "hello world\n"'
hazard bigprint    '"outcome": "output_limit", "stdoutBytes": 65536'
hazard kill1       '"outcome": "exited", "stdout": "survived\n"'
hazard killppid    '"outcome": "exited", "stdout": "survived\n"'
hazard closestdout '"outcome": "time_limit"'
hazard background  '"outcome": "exited", "stdout": "parent done\n"'
hazard others      '"outcome": "exited", "stdout": "0\n"'
hazard recursion   '"outcome": "runtime_error", "errorType": "RecursionError", "errorLine": 18'
hazard leave-file  '"outcome": "exited"'
hazard find-file   '"outcome": "exited", "stdout": "False False False\n"'
hazard no-input    '"outcome": "internal"' '"stdinFile": "inputs/missing.in"'
hazard bad-utf8    '"outcome": "exited", "stdout": "\udcff\udcfe\n"'
hazard exit3       '"outcome": "exited", "exitCode": 3'
hazard steal-stdout '"outcome": "exited", "stdout": "denied\n"'
hazard hello       '"outcome": "exited", "stdout": "hello world\n"'
# Another test's input is nowhere the program can read: scan-inputs finds its own token, not the next test's.
hazard scan-inputs '"outcome": "exited", "stdout": "ok\n"' '"stdin": "scan-inputs\nhazard-token-own\n"'
hazard hazard-token-secret '"outcome": "exited"'
# 3.6 s burnt by orphaned grandchildren (1.2 s each, under RLIMIT_CPU) counts: the container's cgroup, not rusage.
hazard orphan-cpu  '"outcome": "time_limit"' '"stdin": "orphan-cpu\n1.2\n", "cpuSeconds": 2, "wallSeconds": 20'
hazard deep-dir    '"outcome": "exited"'
hazard list-tmp    '"outcome": "exited", "stdout": "[\u0027run\u0027]\n"'
# 180 MB of SysV shared memory left behind would push find-ipc past the container's 256 MB.
hazard leave-ipc   '"outcome": "exited"' '"cpuSeconds": 4, "wallSeconds": 8'
hazard find-ipc    '"outcome": "exited", "stdout": "0 0 0 0\n"' '"cpuSeconds": 4, "wallSeconds": 8'
hazard forge-internal '"outcome": "exited", "exitCode": 1'
hazard forge-compile '"outcome": "exited", "stdout": "ran\n"'
hazard hello       '"outcome": "exited", "stdout": "hello world\n"'
make_job hazards "$here/selftest/hazards.py" '{}' "${hazard_tests[@]}"
check hazards "[$(IFS=,; echo "${hazard_expectations[*]}")]"

# --- a syntax error is a compile error for every test, with its line and column ---
printf 'print("a")\nif x = 1:\n    pass\n' > "$work/syntax.py"
make_job syntax "$work/syntax.py" '{}' '{}' '{}' '{}'
check syntax "[$(for i in 1 2 3; do printf '%s{"outcome": "compile_error", "errorType": "SyntaxError", "errorLine": 2, "errorColumn": 4}' "$([ $i -gt 1 ] && echo ,)"; done)]"

# --- an entry saved as CP949 by an older Korean Windows editor runs; its Korean prompt stays out ---
# name = input("이름: ") / print("안녕", name), in CP949 bytes
printf 'name = input("\xc0\xcc\xb8\xa7: ")\nprint("\xbe\xc8\xb3\xe7", name)\n' > "$work/cp949.py"
make_job cp949 "$work/cp949.py" '{}' '{"stdin": "Kim\n"}'
check cp949 '[{"outcome": "exited", "stdout": "안녕 Kim\n"}]'

# --- call tests import main.py without running its __main__ part; prompts when asked for ---
cat > "$work/functions.py" <<'PY'
def add(a, b):
    return a + b

def as_set(items):
    return set(items)

if __name__ == "__main__":
    name = input("name? ")
    print("hi", name)
PY
make_job calls "$work/functions.py" '{"promptsAreOutput": true}' \
    '{"call": {"function": "add", "args": [2, 3]}}' \
    '{"call": {"function": "add", "args": ["가", "나"]}}' \
    '{"call": {"function": "as_set", "args": [[1]]}}' \
    '{"call": {"function": "missing", "args": []}}' \
    '{"stdin": "Kim\n"}'
check calls '[{"outcome": "exited", "returnValue": "5", "stdout": ""},
              {"outcome": "exited", "returnValue": "\"가나\""},
              {"outcome": "runtime_error", "errorType": "TypeError"},
              {"outcome": "runtime_error", "errorType": "AttributeError"},
              {"outcome": "exited", "stdout": "name? hi Kim\n"}]'

# --- a program of several files: imports work, and a syntax error in any file is a compile error ---
printf 'import helper\nprint(helper.double(input()))\n' > "$work/modules.py"
make_job modules "$work/modules.py" '{}' '{"stdin": "21\n"}' '{"stdin": "x\n"}'
printf 'def double(text):\n    text = text.strip()\n    return int(text) * 2\n' > "$work/modules/program/helper.py"
check modules '[{"outcome": "exited", "stdout": "42\n"},
                {"outcome": "runtime_error", "errorType": "ValueError", "errorLine": 3, "stderrContains": "File \"helper.py\", line 3, in double"}]'
printf 'def double(text)\n    return text * 2\n' > "$work/modules/program/helper.py"
check modules '[{"outcome": "compile_error", "errorType": "SyntaxError", "errorLine": 1, "stderrContains": "helper.py"},
                {"outcome": "compile_error", "errorType": "SyntaxError", "errorLine": 1}]'

rm "$work/modules/program/main.py"
check modules '[{"outcome": "compile_error", "errorType": "FileNotFoundError"},
                {"outcome": "compile_error", "errorType": "FileNotFoundError"}]'

if [ "$failures" -ne 0 ]; then
    echo "runner-python selftest: $failures job(s) failed"
    exit 1
fi
echo "runner-python selftest: all jobs passed"
