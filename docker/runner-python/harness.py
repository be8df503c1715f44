"""In-container harness: PID 1 of a runner container. Implements docs/harness-protocol.md.

Reads /job/plan.json, runs every test in a fresh child with its own limits, and writes one JSON
line per test to stdout. Nothing a test does may stop the next test or forge a result: the harness
is init of the PID namespace (signals without a handler never reach it), non-dumpable (its fds in
/proc cannot be opened by the student), and kills and reaps every process after each test.
"""

import base64
import ctypes
import json
import math
import os
import resource
import selectors
import shutil
import signal
import stat
import sys
import time
import traceback

JOB_DIR = "/job"
PLAN_PATH = os.path.join(JOB_DIR, "plan.json")
PROGRAM_SOURCE_DIR = os.path.join(JOB_DIR, "program")
SCRATCH_DIRS = ("/tmp", "/dev/shm")  # every place a test can write, emptied before each test
RUN_DIR = "/tmp/run"
RUNNER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "run_program.pyc")  # compiled in the Dockerfile
PYTHON = "/usr/bin/python3"
# Block programs (the grader-runner-blocks image): Scratch and Entry run in node once per test;
# Blockly becomes main.py once, through Blockly's own generator, and runs as Python.
NODE = "/usr/local/bin/node"
BLOCKS_DIR = "/opt/grader/blocks"
NODE_RUNTIMES = {"scratch": "run-scratch.js", "entry": "run-entry.js"}

REPORT_FD = 3
PR_SET_DUMPABLE = 4
# The interpreter's own address space (about 18 MB: libraries, arenas, a thread stack) on top of the test's
# memory limit, so that `memoryMb: 128` means 128 MB for the program's data.
INTERPRETER_ALLOWANCE_MB = 48
# V8 reserves far more address space than it uses (node does not start under about 700 MB), so for node
# the address-space limit is only a backstop: --max-old-space-size bounds its heap to memoryMb, and the
# container's memory limit holds the rest.
NODE_ALLOWANCE_MB = 1024
# Turning a Blockly workspace into Python is the grader's work, not the student's: its own limits, and no
# address-space limit, because Blockly's DOM (jsdom) instantiates WebAssembly, which reserves gigabytes.
CONVERSION_TEST = {"cpuSeconds": 10, "wallSeconds": 60, "memoryMb": 256}
FILE_SIZE_LIMIT_BYTES = 32 * 1024 * 1024
OPEN_FILES_LIMIT = 256
# After the program exits, how long its leftover children may keep the output pipes open.
DRAIN_AFTER_EXIT_SECONDS = 0.2
READ_CHUNK = 65536


def make_non_dumpable():
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_DUMPABLE) failed")


def write_line(payload):
    data = (json.dumps(payload, ensure_ascii=False) + "\n").encode("utf-8", "surrogatepass")
    while data:
        data = data[os.write(1, data):]


def reap_zombies():
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def kill_everything_else(give_up_after_seconds=10.0):
    """kill(-1) reaches every process but PID 1 (zombies included, until reaped): repeat until none is left."""
    give_up_at = time.monotonic() + give_up_after_seconds
    while time.monotonic() < give_up_at:
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            return
        reap_zombies()
        time.sleep(0.0005)
    raise RuntimeError("processes of the previous test survive SIGKILL")


def make_writable(path):
    """A test may chmod its folders so that they cannot be emptied; undo that (they are ours)."""
    for root, dirs, _ in os.walk(path):
        for name in dirs:
            try:
                os.chmod(os.path.join(root, name), stat.S_IRWXU)
            except OSError:
                pass


def empty_folder(path):
    if not os.path.isdir(path) or not os.access(path, os.W_OK):
        return
    make_writable(path)
    for name in os.listdir(path):
        child = os.path.join(path, name)
        if os.path.isdir(child) and not os.path.islink(child):
            shutil.rmtree(child)
        else:
            os.unlink(child)


def prepare_run_dir():
    for folder in SCRATCH_DIRS:
        empty_folder(folder)
    shutil.copytree(PROGRAM_SOURCE_DIR, RUN_DIR, symlinks=False)


class Limits:
    def __init__(self, test, allowance_mb=INTERPRETER_ALLOWANCE_MB):
        self.cpu_seconds = float(test.get("cpuSeconds") or 2)
        self.wall_seconds = float(test.get("wallSeconds") or self.cpu_seconds * 3)
        self.memory_mb = int(test.get("memoryMb") or 128)
        self.allowance_mb = allowance_mb

    def apply_in_child(self):
        cpu_soft = max(1, math.ceil(self.cpu_seconds))
        # SIGXCPU at the soft limit; SIGKILL a second later if the program ignores SIGXCPU.
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_soft, cpu_soft + 1))
        if self.allowance_mb is not None:
            address_space = (self.memory_mb + self.allowance_mb) * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
        resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT_BYTES, FILE_SIZE_LIMIT_BYTES))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_NOFILE, (OPEN_FILES_LIMIT, OPEN_FILES_LIMIT))


CHILD_ENV = {
    "PATH": "/usr/bin:/bin",
    "HOME": RUN_DIR,
    "LANG": "C.UTF-8",
    "TMPDIR": "/tmp",
}


def node_command(script, memory_mb, program_file):
    return [NODE, "--max-old-space-size=%d" % memory_mb, os.path.join(BLOCKS_DIR, script), program_file]


def runner_command(plan, test, limits):
    language = plan.get("language")
    if language in NODE_RUNTIMES:
        return node_command(NODE_RUNTIMES[language], limits.memory_mb, plan["entry"])
    entry = "main.py" if language == "blockly" else plan.get("entry") or "main.py"
    command = [PYTHON, "-I", "-B", "-X", "utf8", RUNNER, entry, "yes" if plan.get("promptsAreOutput") else "no"]
    return command + [PLAN_PATH, str(test["index"])] if test.get("call") else command


def start_child(command, limits, stdin_path):
    stdin_fd = os.open(stdin_path, os.O_RDONLY)  # here, so that a missing input is the harness's error
    stdout_r, stdout_w = os.pipe()
    stderr_r, stderr_w = os.pipe()
    report_r, report_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        report_to = report_w
        try:
            # In this order: stdin_fd may itself be fd 3.
            os.dup2(stdin_fd, 0)
            os.dup2(stdout_w, 1)
            os.dup2(stderr_w, 2)
            os.dup2(report_w, REPORT_FD)
            report_to = REPORT_FD
            os.closerange(REPORT_FD + 1, 1024)
            for signum in (signal.SIGPIPE, signal.SIGXFSZ, signal.SIGXCPU):
                signal.signal(signum, signal.SIG_DFL)
            os.chdir(RUN_DIR)
            limits.apply_in_child()
            os.execve(command[0], command, CHILD_ENV)
        except BaseException as exc:  # noqa: BLE001 - nothing may escape a forked child
            os.write(report_to, json.dumps({"kind": "internal", "message": "cannot start the program: %r" % exc}).encode())
        finally:
            os._exit(127)
    for fd in (stdin_fd, stdout_w, stderr_w, report_w):
        os.close(fd)
    return pid, stdout_r, stderr_r, report_r


class Capture:
    """Reads one pipe: either the first `limit` bytes (overflowing past it) or only the last `limit`."""

    def __init__(self, fd, limit, keep_tail=False):
        self.fd, self.limit, self.keep_tail = fd, limit, keep_tail
        self.data = bytearray()
        self.overflowed = False
        self.closed = False

    def read(self):
        chunk = os.read(self.fd, READ_CHUNK)
        if not chunk:
            self.closed = True
            return
        self.data += chunk
        if len(self.data) > self.limit:
            if self.keep_tail:
                del self.data[:len(self.data) - self.limit]
            else:
                del self.data[self.limit:]
                self.overflowed = True


def run_child(pid, pipes, limits, output_limit, stderr_limit):
    """Waits for the child within the wall limit while reading its pipes. Returns what happened."""
    stdout_fd, stderr_fd, report_fd = pipes
    started = time.monotonic()
    deadline = started + limits.wall_seconds
    captures = {stdout_fd: Capture(stdout_fd, output_limit),
                stderr_fd: Capture(stderr_fd, stderr_limit, keep_tail=True),
                report_fd: Capture(report_fd, output_limit + 65536)}
    selector = selectors.DefaultSelector()
    for fd in captures:
        selector.register(fd, selectors.EVENT_READ)
    try:
        exit_fd = os.pidfd_open(pid)
        selector.register(exit_fd, selectors.EVENT_READ)
    except (AttributeError, OSError):
        exit_fd = None  # no pidfd: poll the child's state instead

    status = rusage = None
    killed_for = None
    exited_at = None
    try:
        while True:
            now = time.monotonic()
            if status is None:
                waited_pid, wait_status, wait_rusage = os.wait4(pid, os.WNOHANG)
                if waited_pid == pid:
                    status, rusage, exited_at = wait_status, wait_rusage, now
                    if exit_fd is not None:
                        selector.unregister(exit_fd)  # a reaped pidfd stays readable
            if captures[stdout_fd].overflowed or captures[report_fd].overflowed:
                killed_for = "output_limit"
                break
            if status is not None:
                # Done when every pipe closed, or when leftover children hold them open too long.
                if all(c.closed for c in captures.values()) or now - exited_at > DRAIN_AFTER_EXIT_SECONDS:
                    break
                timeout = exited_at + DRAIN_AFTER_EXIT_SECONDS - now
            elif now >= deadline:
                killed_for = "time_limit"
                break
            else:
                timeout = deadline - now if exit_fd is not None else min(deadline - now, 0.01)
            for key, _ in selector.select(max(0.0, timeout)):
                capture = captures.get(key.fd)
                if capture is not None:  # else the pidfd: the child exited, collected above
                    capture.read()
                    if capture.closed:
                        selector.unregister(key.fd)
    finally:
        wall_ms = int(((exited_at or time.monotonic()) - started) * 1000)
        if status is None:
            os.kill(pid, signal.SIGKILL)
            _, status, rusage = os.wait4(pid, 0)
        selector.close()
        for fd in list(captures) + ([exit_fd] if exit_fd is not None else []):
            os.close(fd)
    return status, rusage, wall_ms, killed_for, captures


def parse_report(raw):
    """The runner's last report line; anything unreadable counts as no report."""
    for line in reversed(bytes(raw).decode("utf-8", "replace").strip().splitlines()):
        try:
            report = json.loads(line)
        except ValueError:
            continue
        if isinstance(report, dict):
            return report
    return None


def signal_name(signum):
    try:
        return signal.Signals(signum).name
    except ValueError:
        return "signal %d" % signum


def is_node_out_of_memory(signum, stderr):
    """V8 aborts (SIGABRT, or SIGTRAP when an allocation fails outright) with a FATAL ERROR naming the heap."""
    return signum in (signal.SIGABRT, signal.SIGTRAP) and b"out of memory" in stderr


def judge(status, cpu_ms, limits, killed_for, report, stderr=b""):
    """The protocol outcome, exit code and error of one finished test."""
    if killed_for == "output_limit":
        return "output_limit", None, None
    signaled = os.WIFSIGNALED(status)
    signum = os.WTERMSIG(status) if signaled else None
    over_cpu = cpu_ms > limits.cpu_seconds * 1000
    if killed_for == "time_limit" or signum == signal.SIGXCPU or over_cpu:
        return "time_limit", None, None
    kind = report.get("kind") if report else None
    error = report.get("error") if report else None
    if kind == "internal":
        return "internal", None, {"type": "HarnessError", "message": report.get("message", ""), "line": None, "column": None}
    if kind == "compile_error":
        return "compile_error", None, error
    if kind == "exception":
        outcome = "memory_limit" if (error or {}).get("type") == "MemoryError" else "runtime_error"
        return outcome, os.WEXITSTATUS(status) if os.WIFEXITED(status) else None, error
    if signaled:
        if signum == signal.SIGKILL or is_node_out_of_memory(signum, stderr):
            # Not killed by us and not for CPU: the kernel's OOM killer (container memory limit).
            return "memory_limit", None, {"type": "MemoryError", "message": "killed for using too much memory",
                                          "line": None, "column": None}
        message = "killed by %s" % signal_name(signum)
        if signum == signal.SIGSEGV:
            message += " (often a recursion too deep for the stack)"
        return "runtime_error", None, {"type": signal_name(signum), "message": message, "line": None, "column": None}
    return "exited", os.WEXITSTATUS(status), None


def run_in_child(plan, command, limits, stdin_path, generated_files):
    """Runs one command in a fresh /tmp/run (the program's files plus any generated ones), then clears up."""
    prepare_run_dir()
    for name, content in generated_files.items():
        with open(os.path.join(RUN_DIR, name), "wb") as generated:
            generated.write(content)
    pid, *pipes = start_child(command, limits, stdin_path)
    status, rusage, wall_ms, killed_for, captures = run_child(
        pid, pipes, limits, int(plan.get("outputLimitBytes") or 1048576), int(plan.get("stderrLimitBytes") or 16384))
    kill_everything_else()
    stdout, stderr, report = (bytes(captures[fd].data) for fd in pipes)
    return status, rusage, wall_ms, killed_for, stdout, stderr, parse_report(report)


def run_test(plan, test, generated_files):
    uses_node = plan.get("language") in NODE_RUNTIMES
    limits = Limits(test, NODE_ALLOWANCE_MB if uses_node else INTERPRETER_ALLOWANCE_MB)
    stdin_path = os.path.join(JOB_DIR, test["stdin"]) if test.get("stdin") else os.devnull

    status, rusage, wall_ms, killed_for, stdout, stderr, report = run_in_child(
        plan, runner_command(plan, test, limits), limits, stdin_path, generated_files)

    cpu_ms = int((rusage.ru_utime + rusage.ru_stime) * 1000)
    outcome, exit_code, error = judge(status, cpu_ms, limits, killed_for, report, stderr)
    if outcome == "memory_limit" and uses_node:
        stderr = b"JavaScript heap out of memory\n"  # not V8's stack dump
    return_value = report.get("returnValue") if report and outcome == "exited" and test.get("call") else None
    return {
        "index": test["index"],
        "outcome": outcome,
        "exitCode": exit_code,
        "cpuMs": cpu_ms,
        "wallMs": wall_ms,
        "maxRssKb": rusage.ru_maxrss,
        "stdout": base64.b64encode(stdout).decode("ascii"),
        "stderr": stderr.decode("utf-8", "replace"),
        "error": error,
        "returnValue": return_value,
    }


def internal_result(test, exc):
    """The harness failed on this test: its traceback goes to the container's stderr for operators."""
    traceback.print_exc(file=sys.stderr)
    return {"index": test.get("index"), "outcome": "internal", "exitCode": None, "cpuMs": 0, "wallMs": 0,
            "maxRssKb": 0, "stdout": "", "stderr": "",
            "error": {"type": "HarnessError", "message": "%s: %s" % (type(exc).__name__, exc),
                      "line": None, "column": None},
            "returnValue": None}


def blockly_to_python(plan):
    """Blockly's own generator writes main.py once for every test. Returns the generated files, or the
    compile_error result every test gets when the workspace cannot become Python (e.g. an unknown block)."""
    limits = Limits(CONVERSION_TEST, allowance_mb=None)
    command = node_command("blockly-to-python.js", limits.memory_mb, plan["entry"])
    status, rusage, wall_ms, killed_for, stdout, stderr, report = run_in_child(plan, command, limits, os.devnull, {})
    if killed_for is None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
        return {"main.py": stdout}, None
    message = (report or {}).get("error", {}).get("message") or stderr.decode("utf-8", "replace").strip()[-1000:]
    return {}, {"outcome": "compile_error", "exitCode": None, "cpuMs": 0, "wallMs": 0, "maxRssKb": 0,
                "stdout": "", "stderr": message,
                "error": {"type": "BlocklyError", "message": message or "the workspace cannot become Python",
                          "line": None, "column": None},
                "returnValue": None}


def main():
    make_non_dumpable()
    with open(PLAN_PATH, encoding="utf-8") as plan_file:
        plan = json.load(plan_file)

    # The program's text is the same for every test: one syntax error (or unconvertible workspace) fails all.
    generated_files = compile_error = None
    for test in plan["tests"]:
        try:
            if generated_files is None:
                generated_files, compile_error = blockly_to_python(plan) if plan.get("language") == "blockly" else ({}, None)
            if compile_error is not None:
                result = dict(compile_error, index=test["index"])
            else:
                result = run_test(plan, test, generated_files)
                if result["outcome"] == "compile_error":
                    compile_error = result
        except Exception as exc:  # noqa: BLE001 - one test's failure must not stop the next
            kill_everything_else()
            result = internal_result(test, exc)
        write_line(result)


if __name__ == "__main__":
    main()
