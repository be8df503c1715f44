"""In-container harness: PID 1 of a runner container. Implements docs/harness-protocol.md.

Reads the plan and every test's input from /job/private (readable by root only) into memory, runs
every test in a fresh child with its own limits, and writes one JSON line per test to stdout. The
container starts it as root with only CAP_SETUID and CAP_SETGID; it then acts as the runner uid, and
each child drops to that uid for good before it runs the program, with only its own test's input
(stdin and call arguments in memory files). Nothing a test does may stop the next test, forge a
result or see another test's input: the harness is init of the PID namespace (signals without a
handler never reach it) and keeps root as its real and saved uid (the program cannot signal, trace or
limit it), it is non-dumpable (its fds and memory in /proc cannot be opened), and after each test it
kills and reaps every process, removes every file and IPC object the test left, and charges the test
with the CPU of the whole container (orphaned grandchildren included).
"""

import base64
import ctypes
import fcntl
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
PRIVATE_DIR = os.path.join(JOB_DIR, "private")  # plan and inputs: 0700, never readable by the program
PLAN_PATH = os.path.join(PRIVATE_DIR, "plan.json")
PROGRAM_SOURCE_DIR = os.path.join(JOB_DIR, "program")
# Every place a test can write (POSIX semaphores live in /dev/shm, POSIX queues in /dev/mqueue), emptied
# before each test.
SCRATCH_DIRS = ("/tmp", "/dev/shm", "/dev/mqueue")
# SysV IPC objects outlive their processes: listed here, removed before each test.
SYSV_IPC = {"shm": "shmctl", "sem": "semctl", "msg": "msgctl"}
IPC_RMID = 0
RUNNER_UID = RUNNER_GID = 10001  # the plan may name others
# The container's CPU usage, cgroup v1 then v2: every process of a test counts, orphaned ones included.
CGROUP_CPU_USAGE = (("/sys/fs/cgroup/cpuacct/cpuacct.usage", 1), ("/sys/fs/cgroup/cpu,cpuacct/cpuacct.usage", 1),
                    ("/sys/fs/cgroup/cpu.stat", 1000))  # (file, nanoseconds per unit)
# How often the container's CPU is read while a test runs: a test overshoots its CPU limit by at most this.
CPU_POLL_SECONDS = 0.05
RUN_DIR = "/tmp/run"
RUNNER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "run_program.pyc")  # compiled in the Dockerfile
PYTHON = "/usr/bin/python3"
# Block programs (the grader-runner-blocks image): Scratch and Entry run every test of a submission in
# one node process (docker/runner-blocks/lib/batch.js: the runtime and the project load once, each test
# gets a fresh program); Blockly becomes main.py once, through Blockly's own generator, and runs as Python.
NODE = "/usr/local/bin/node"
BLOCKS_DIR = "/opt/grader/blocks"
NODE_RUNTIMES = {"scratch": "run-scratch.js", "entry": "run-entry.js"}
# Starting node and loading the runtime and the project, before the first test: the plan's runtimeStart, or these.
RUNTIME_START = {"cpuSeconds": 10, "wallSeconds": 60}

REPORT_FD = 3
CALL_FD = 4  # a call test's function and arguments, as JSON
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
# What a program writes besides its output (docs/harness-protocol.md): a metric test's predictions, capped as stdout
# is, and the figures it saved (plt.savefig("chart.png")): PNG files at the top of its working folder, the first
# FIGURES_PER_TEST by name of at most FIGURE_LIMIT_BYTES each. A file it was given unchanged is not its own.
PREDICTIONS_FILE = "predictions.csv"
FIGURES_PER_TEST = 3
FIGURE_LIMIT_BYTES = 1024 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def make_non_dumpable():
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_DUMPABLE) failed")


def write_line(payload, fd=1):
    data = (json.dumps(payload, ensure_ascii=False) + "\n").encode("utf-8", "surrogatepass")
    while data:
        data = data[os.write(fd, data):]


def read_private_job():
    """The plan and every test's input, read as the owner of /job/private (the worker's uid; root may not
    read another uid's 0600 files without CAP_DAC_OVERRIDE, which the container does not have).
    Returns the plan and {index: bytes, or the OSError that reading the input met}."""
    owner = os.stat(PRIVATE_DIR).st_uid
    os.seteuid(owner)
    try:
        with open(PLAN_PATH, encoding="utf-8") as plan_file:
            plan = json.load(plan_file)
        inputs = {}
        for test in plan["tests"]:
            try:
                inputs[test["index"]] = read_input(test)
            except OSError as exc:
                inputs[test["index"]] = exc
        return plan, inputs
    finally:
        os.seteuid(0)


def read_input(test):
    if not test.get("stdin"):
        return b""
    with open(os.path.join(PRIVATE_DIR, test["stdin"]), "rb") as input_file:
        return input_file.read()


def act_as_runner(uid, gid):
    """From here on the harness's files are the runner's and it may kill the runner's processes; its real and
    saved uid stay root, so a program cannot signal it and each child can still drop to the runner for good."""
    os.setgroups([])
    os.setegid(gid)
    os.seteuid(uid)


def drop_to_runner(uid, gid):
    """In the child, before exec: every uid and gid becomes the runner's, so no capability is left."""
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)
    if os.getresuid() != (uid, uid, uid) or os.getresgid() != (gid, gid, gid) or os.getgroups():
        raise PermissionError("the program would not run as uid %d" % uid)


def memory_file(name, data):
    """A file in memory holding only this test's data, for the child to read; nothing on disk."""
    fd = os.memfd_create(name, os.MFD_CLOEXEC)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    os.lseek(fd, 0, os.SEEK_SET)
    return fd


class CpuMeter:
    """CPU of everything in the container but the harness, from the container's cgroup: RLIMIT_CPU and rusage
    count a process and the children it waited for, not the grandchildren it orphaned."""

    def __init__(self):
        self.fd = self.unit_ns = None
        for path, unit_ns in CGROUP_CPU_USAGE:
            try:
                self.fd, self.unit_ns = os.open(path, os.O_RDONLY | os.O_CLOEXEC), unit_ns
                break
            except OSError:
                continue
        self.started_ns = None

    def usage_ns(self):
        text = os.pread(self.fd, 4096, 0).decode("ascii")
        if text.startswith("usage_usec"):  # cgroup v2 cpu.stat
            text = text.split()[1]
        return int(text) * self.unit_ns - time.process_time_ns()  # the harness's own CPU is not the test's

    def start(self):
        self.started_ns = self.usage_ns() if self.fd is not None else None

    def used_ms(self):
        """CPU since start() of every process but the harness; None without a readable cgroup."""
        return None if self.started_ns is None else (self.usage_ns() - self.started_ns) // 1000000


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


DIRECTORY_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


def unlink_files_in(directory_fd):
    """Removes every entry of the folder but its subfolders, whose names it returns."""
    subfolders = []
    with os.scandir(directory_fd) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                subfolders.append(entry.name)
            else:
                os.unlink(entry.name, dir_fd=directory_fd)
    return subfolders


def empty_folder(path):
    """Removes everything under path, however deep, without recursion: one folder open at a time, entered by
    name and left by "..", so neither the interpreter's stack nor PATH_MAX limits the depth. A test may have
    chmod-ed its folders so that they cannot be read; they are the runner's, so made readable again. Only
    the harness runs now (every test process is dead), so nothing moves under it."""
    if not os.path.isdir(path):
        return
    current = os.open(path, DIRECTORY_FLAGS)
    try:
        entered = []  # names of the folders entered below path, outermost first
        pending = [unlink_files_in(current)]  # per level, the subfolders still to remove
        while True:
            if pending[-1]:
                name = pending[-1].pop()
                os.chmod(name, 0o700, dir_fd=current)
                inner = os.open(name, DIRECTORY_FLAGS, dir_fd=current)
                os.close(current)
                current = inner
                entered.append(name)
                pending.append(unlink_files_in(current))
            elif entered:
                pending.pop()
                outer = os.open("..", DIRECTORY_FLAGS, dir_fd=current)
                os.close(current)
                current = outer
                os.rmdir(entered.pop(), dir_fd=current)
            else:
                return
    finally:
        os.close(current)


def remove_sysv_ipc(libc):
    """Shared memory, semaphores and message queues outlive their processes (and their memory counts against the
    container): remove every one; the runner created them, so the runner may."""
    for kind, control in SYSV_IPC.items():
        with open("/proc/sysvipc/" + kind) as listing:
            identifiers = [int(line.split()[1]) for line in listing.read().splitlines()[1:] if line.strip()]
        for identifier in identifiers:
            if kind == "sem":
                libc.semctl(identifier, 0, IPC_RMID)
            else:
                getattr(libc, control)(identifier, IPC_RMID, None)


def prepare_run_dir(libc):
    for folder in SCRATCH_DIRS:
        empty_folder(folder)
    remove_sysv_ipc(libc)
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
    # python-data: matplotlib draws to files only (no display), its cache outside the program's folder.
    "MPLBACKEND": "Agg",
    "MPLCONFIGDIR": "/tmp/matplotlib",
    # numpy's OpenBLAS maps a buffer per thread: one thread keeps it inside the address-space limit (and one core).
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
}


def node_command(script, memory_mb, program_file):
    return [NODE, "--max-old-space-size=%d" % memory_mb, os.path.join(BLOCKS_DIR, script), program_file]


def runner_command(plan, test):
    entry = "main.py" if plan.get("language") == "blockly" else plan.get("entry") or "main.py"
    # Interactive: every line reaches the other side as it is printed, so nobody waits on a full buffer.
    flags = ["-I", "-B", "-X", "utf8"] + (["-u"] if plan.get("interactive") else [])
    return ([PYTHON] + flags + [RUNNER, entry, "yes" if plan.get("promptsAreOutput") else "no",
                                str(CALL_FD) if test.get("call") else "-"]
            + [str(arg) for arg in test.get("args") or []])


# The child's fds are moved above this before they are put in place, so that none overwrites another.
CHILD_FDS_BELOW = 64


def start_child(job, command, limits, stdin, call, stdin_fd=None):
    """Forks the child that becomes the program. It gets fds 0-3 (and CALL_FD for a call test), nothing else:
    stdin is a memory file of the test's input, or stdin_fd (a pipe the harness writes to), which it then owns.
    Whatever stops it before exec comes back on a close-on-exec pipe the program can never write to."""
    sources = [memory_file("stdin", stdin) if stdin_fd is None else stdin_fd]
    stdout_r, stdout_w = os.pipe()
    stderr_r, stderr_w = os.pipe()
    report_r, report_w = os.pipe()
    errors_r, errors_w = os.pipe()
    sources += [stdout_w, stderr_w, report_w]
    if call is not None:
        sources.append(memory_file("call", json.dumps(call, ensure_ascii=False).encode("utf-8", "surrogatepass")))
    pid = os.fork()
    if pid == 0:
        errors_fd = errors_w
        try:
            errors_fd = fcntl.fcntl(errors_w, fcntl.F_DUPFD_CLOEXEC, CHILD_FDS_BELOW)
            moved = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, CHILD_FDS_BELOW) for fd in sources]
            for target, fd in enumerate(moved):
                os.dup2(fd, target)
            os.closerange(len(moved), CHILD_FDS_BELOW)
            for signum in (signal.SIGPIPE, signal.SIGXFSZ, signal.SIGXCPU):
                signal.signal(signum, signal.SIG_DFL)
            drop_to_runner(job.runner_uid, job.runner_gid)
            os.chdir(RUN_DIR)
            limits.apply_in_child()
            os.execve(command[0], command, CHILD_ENV)
        except BaseException as exc:  # noqa: BLE001 - nothing may escape a forked child
            os.write(errors_fd, repr(exc).encode("utf-8", "replace"))
        finally:
            os._exit(127)
    for fd in sources + [errors_w]:
        os.close(fd)
    with open(errors_r, "rb") as errors:
        failure = errors.read()  # ends at the exec: the pipe is close-on-exec
    if failure:
        os.waitpid(pid, 0)
        for fd in (stdout_r, stderr_r, report_r):
            os.close(fd)
        raise RuntimeError("cannot start the program: " + failure.decode("utf-8", "replace"))
    return pid, stdout_r, stderr_r, report_r


class Capture:
    """Reads one pipe: either the first `limit` bytes (overflowing past it) or only the last `limit`. With
    forward_fd, what it keeps is also written there as it arrives (an interactive test's stdout)."""

    def __init__(self, fd, limit, keep_tail=False, forward_fd=None):
        self.fd, self.limit, self.keep_tail, self.forward_fd = fd, limit, keep_tail, forward_fd
        self.data = bytearray()
        self.overflowed = False
        self.closed = False

    def read(self):
        chunk = os.read(self.fd, READ_CHUNK)
        if not chunk:
            self.closed = True
            return
        if self.forward_fd is not None:
            self.forward(chunk[:max(0, self.limit - len(self.data))])
        self.data += chunk
        if len(self.data) > self.limit:
            if self.keep_tail:
                del self.data[:len(self.data) - self.limit]
            else:
                del self.data[self.limit:]
                self.overflowed = True

    def forward(self, chunk):
        try:
            while chunk:
                chunk = chunk[os.write(self.forward_fd, chunk):]
        except BrokenPipeError:
            self.forward_fd = None  # the other side is gone; the program's output is still kept and capped


def run_child(pid, pipes, limits, output_limit, stderr_limit, cpu, forward_stdout_to=None):
    """Waits for the child within the wall limit and the container's CPU within the CPU limit, reading its
    pipes meanwhile. Returns what happened."""
    stdout_fd, stderr_fd, report_fd = pipes
    started = time.monotonic()
    deadline = started + limits.wall_seconds
    next_cpu_check = started + CPU_POLL_SECONDS
    captures = {stdout_fd: Capture(stdout_fd, output_limit, forward_fd=forward_stdout_to),
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
                if now >= next_cpu_check:
                    if (cpu.used_ms() or 0) > limits.cpu_seconds * 1000:
                        killed_for = "time_limit"
                        break
                    next_cpu_check = now + CPU_POLL_SECONDS
                timeout = min(deadline, next_cpu_check) - now
                if exit_fd is None:
                    timeout = min(timeout, 0.01)
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
    """The runner's last report line; anything unreadable counts as no report. The program runs in the runner's
    process and can write there too, so an "internal" report is never taken (only the harness decides that), and
    a compile error only as the first line: run_program writes {"kind": "started"} before any student code runs."""
    lines = bytes(raw).decode("utf-8", "replace").splitlines()
    for position in reversed(range(len(lines))):
        try:
            report = json.loads(lines[position])
        except ValueError:
            continue
        if isinstance(report, dict):
            kind = report.get("kind")
            if kind == "internal" or (kind == "compile_error" and position > 0):
                continue
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


class Job:
    """What the harness holds for the whole container: the plan, every test's input, whom the program runs as,
    and the container's CPU meter."""

    def __init__(self, plan, inputs):
        self.plan, self.inputs = plan, inputs
        self.runner_uid = int(plan.get("runnerUid") or RUNNER_UID)
        self.runner_gid = int(plan.get("runnerGid") or RUNNER_GID)
        if self.runner_uid in (0, os.stat(PRIVATE_DIR).st_uid):
            raise PermissionError("the program would run as uid %d, which can read the private folder" % self.runner_uid)
        self.libc = ctypes.CDLL(None, use_errno=True)
        self.cpu = CpuMeter()


def run_in_child(job, command, limits, stdin, call, generated_files, interactive=False):
    """Runs one command in a fresh /tmp/run (the program's files plus any generated ones), then clears up.
    Its CPU is the container's during the run (every process it started), or its own rusage if that is more.
    Interactive: the child reads the container's stdin and its stdout is copied to the container's stdout as it
    comes (the worker connects it to the other side), still captured and capped as any test's."""
    prepare_run_dir(job.libc)
    for name, content in generated_files.items():
        with open(os.path.join(RUN_DIR, name), "wb") as generated:
            generated.write(content)
    job.cpu.start()
    pid, *pipes = start_child(job, command, limits, stdin, call, stdin_fd=os.dup(0) if interactive else None)
    status, rusage, wall_ms, killed_for, captures = run_child(
        pid, pipes, limits, int(job.plan.get("outputLimitBytes") or 1048576),
        int(job.plan.get("stderrLimitBytes") or 16384), job.cpu, forward_stdout_to=1 if interactive else None)
    kill_everything_else()
    cpu_ms = max(int((rusage.ru_utime + rusage.ru_stime) * 1000), job.cpu.used_ms() or 0)
    stdout, stderr, report = (bytes(captures[fd].data) for fd in pipes)
    return status, rusage, cpu_ms, wall_ms, killed_for, stdout, stderr, parse_report(report)


def run_test(job, test, generated_files):
    """A Python test (Blockly's included) in a fresh process."""
    limits = Limits(test)
    stdin = job.inputs[test["index"]]
    if isinstance(stdin, OSError):
        raise stdin  # the input could not be read: the harness's error, not the program's

    status, rusage, cpu_ms, wall_ms, killed_for, stdout, stderr, report = run_in_child(
        job, runner_command(job.plan, test), limits, stdin, test.get("call"), generated_files,
        interactive=bool(job.plan.get("interactive")))

    outcome, exit_code, error = judge(status, cpu_ms, limits, killed_for, report, stderr)
    return_value = report.get("returnValue") if report and outcome == "exited" and test.get("call") else None
    written = written_files(int(job.plan.get("outputLimitBytes") or 1048576))
    return test_result(test, outcome, exit_code, cpu_ms, wall_ms, rusage.ru_maxrss, stdout, stderr, error, return_value,
                       written)


def read_written_file(folder_fd, name, limit):
    """The bytes of a regular file the program left in its working folder, or None: a symlink (it could point at a
    file the program may not show), a FIFO or device, a file over limit bytes (read no further than that, however
    large), one it cannot read, or one it was given and did not change. The program is dead: nothing moves now."""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=folder_fd)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        data = bytearray()
        while len(data) <= limit:
            chunk = os.read(fd, limit + 1 - len(data))
            if not chunk:
                break
            data += chunk
    finally:
        os.close(fd)
    if len(data) > limit or given_unchanged(name, data):
        return None
    return bytes(data)


def given_unchanged(name, data):
    """True when the program folder (the submission and the suite's data files) holds this very file."""
    try:
        with open(os.path.join(PROGRAM_SOURCE_DIR, name), "rb") as given:
            return given.read(len(data) + 1) == data
    except OSError:
        return False


def written_files(output_limit):
    """The predictions file (base64, or None) and the figures ([{"name", "png"}]) the program left in /tmp/run,
    itself opened without following a symlink (the program may have replaced the folder with one)."""
    try:
        folder_fd = os.open(RUN_DIR, DIRECTORY_FLAGS)
    except OSError:
        return None, []
    try:
        predictions = read_written_file(folder_fd, PREDICTIONS_FILE, output_limit)
        figures = []
        for name in sorted(name for name in os.listdir(folder_fd) if name.lower().endswith(".png")):
            if len(figures) == FIGURES_PER_TEST:
                break
            png = read_written_file(folder_fd, name, FIGURE_LIMIT_BYTES)
            if png is not None and png.startswith(PNG_SIGNATURE):
                # A name that is not UTF-8 would make the line unreadable; the worker sanitises it further.
                shown = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                figures.append({"name": shown, "png": base64.b64encode(png).decode("ascii")})
    finally:
        os.close(folder_fd)
    return (None if predictions is None else base64.b64encode(predictions).decode("ascii")), figures


def test_result(test, outcome, exit_code, cpu_ms, wall_ms, max_rss_kb, stdout, stderr, error, return_value=None,
                written=(None, ())):
    """One test's line of the protocol."""
    predictions, figures = written
    return {
        "index": test["index"],
        "outcome": outcome,
        "exitCode": exit_code,
        "cpuMs": cpu_ms,
        "wallMs": wall_ms,
        "maxRssKb": max_rss_kb,
        "stdout": base64.b64encode(stdout).decode("ascii"),
        "stderr": stderr.decode("utf-8", "replace"),
        "error": error,
        "returnValue": return_value,
        "predictions": predictions,
        "figures": list(figures),
    }


def internal_result(test, exc):
    """The harness failed on this test: its traceback goes to the container's stderr for operators."""
    traceback.print_exc(file=sys.stderr)
    return {"index": test.get("index"), "outcome": "internal", "exitCode": None, "cpuMs": 0, "wallMs": 0,
            "maxRssKb": 0, "stdout": "", "stderr": "",
            "error": {"type": "HarnessError", "message": "%s: %s" % (type(exc).__name__, exc),
                      "line": None, "column": None},
            "returnValue": None}


def peak_rss_kb(pid):
    """VmHWM of a live process: a batch process is not reaped between tests, so its rusage is not there yet."""
    try:
        with open("/proc/%d/status" % pid) as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class NodeBatch:
    """One node process serving every test of a Scratch or Entry submission (docker/runner-blocks/lib/batch.js):
    a request line per test on its stdin (that test's input only, sent when the test starts), the test's output on
    stdout, then a report line on fd 3. Each test keeps its own limits: its CPU is the container's while it runs
    (the runtime also stops a program past it at the next frame), its wall time from the request; a test that
    passes either, passes its output limit or kills node is stopped with the process, and the next test gets a
    new one. RLIMIT_CPU and the heap limit bound the whole process (every test's CPU, the largest memoryMb)."""

    def __init__(self, job):
        self.job = job
        tests = job.plan["tests"]
        self.start_limits = dict(RUNTIME_START, **(job.plan.get("runtimeStart") or {}))
        self.limits = Limits({"cpuSeconds": sum(float(t.get("cpuSeconds") or 2) for t in tests)
                              + float(self.start_limits["cpuSeconds"]),
                              "memoryMb": max(int(t.get("memoryMb") or 128) for t in tests)}, NODE_ALLOWANCE_MB)
        self.output_limit = int(job.plan.get("outputLimitBytes") or 1048576)
        self.stderr_limit = int(job.plan.get("stderrLimitBytes") or 16384)
        self.pid = self.status = self.rusage = None
        self.reports = bytearray()

    def start(self):
        """Starts node and waits until the runtime and the project are loaded. Returns None, or the result every
        test gets when they cannot be (a compile error, or the start's own time or memory limit)."""
        prepare_run_dir(self.job.libc)
        control_r, self.control = os.pipe()
        os.set_blocking(self.control, False)
        script = NODE_RUNTIMES[self.job.plan["language"]]
        command = [NODE, "--max-old-space-size=%d" % self.limits.memory_mb, os.path.join(BLOCKS_DIR, script),
                   "--tests", self.job.plan["entry"]]
        self.job.cpu.start()
        self.pid, self.stdout, self.stderr, self.report_fd = start_child(
            self.job, command, self.limits, b"", None, stdin_fd=control_r)
        self.exit_fd = os.pidfd_open(self.pid)
        report, killed_for, captures, _ = self.exchange(b"", self.start_limits)
        if report is not None and report.get("kind") == "ready":
            return None
        status = self.stop()
        start_limits = Limits(self.start_limits, None)
        cpu_ms = self.job.cpu.used_ms() or 0
        outcome, _, error = judge(status, cpu_ms, start_limits, killed_for, report, bytes(captures["stderr"].data))
        if outcome == "exited":
            outcome, error = "internal", {"type": "HarnessError", "message": "the block runtime did not start",
                                          "line": None, "column": None}
        return {"outcome": outcome, "exitCode": None, "cpuMs": 0, "wallMs": 0, "maxRssKb": 0, "stdout": "",
                "stderr": bytes(captures["stderr"].data).decode("utf-8", "replace"), "error": error, "returnValue": None}

    def exchange(self, request, limits):
        """Sends a request and reads until its report line. Returns (report or None, killed_for, captures, wall_ms):
        no report when node ended, or was killed for its limits, first."""
        captures = {"stdout": Capture(self.stdout, self.output_limit),
                    "stderr": Capture(self.stderr, self.stderr_limit, keep_tail=True)}
        by_fd = {self.stdout: captures["stdout"], self.stderr: captures["stderr"]}
        pending = memoryview(request)
        started = time.monotonic()
        deadline = started + float(limits.get("wallSeconds") or float(limits["cpuSeconds"]) * 3)
        cpu_limit_ms = float(limits["cpuSeconds"]) * 1000
        next_cpu_check = started + CPU_POLL_SECONDS
        report = None
        while True:
            if report is None and b"\n" in self.reports:
                line, _, rest = bytes(self.reports).partition(b"\n")
                self.reports = bytearray(rest)
                report = json.loads(line.decode("utf-8"))
            if report is not None and len(captures["stdout"].data) >= int(report.get("outputBytes") or 0):
                return report, None, captures, int((time.monotonic() - started) * 1000)
            if captures["stdout"].overflowed:
                return None, "output_limit", captures, int((time.monotonic() - started) * 1000)
            if self.status is None:
                waited_pid, wait_status, wait_rusage = os.wait4(self.pid, os.WNOHANG)
                if waited_pid == self.pid:
                    self.status, self.rusage = wait_status, wait_rusage
                    self.drain(by_fd)
                    return None, None, captures, int((time.monotonic() - started) * 1000)
            now = time.monotonic()
            if now >= deadline:
                return None, "time_limit", captures, int((now - started) * 1000)
            if now >= next_cpu_check:
                if (self.job.cpu.used_ms() or 0) > cpu_limit_ms:
                    return None, "time_limit", captures, int((now - started) * 1000)
                next_cpu_check = now + CPU_POLL_SECONDS
            selector = selectors.DefaultSelector()
            try:
                for fd in (self.stdout, self.stderr, self.report_fd, self.exit_fd):
                    selector.register(fd, selectors.EVENT_READ)
                if pending:
                    selector.register(self.control, selectors.EVENT_WRITE)
                for key, events in selector.select(max(0.0, min(deadline, next_cpu_check) - now)):
                    if events & selectors.EVENT_WRITE:
                        try:
                            pending = pending[os.write(self.control, pending):]
                        except BlockingIOError:
                            pass
                    elif key.fd == self.report_fd:
                        chunk = os.read(self.report_fd, READ_CHUNK)
                        self.reports += chunk
                        if len(self.reports) > self.output_limit + 65536:
                            raise RuntimeError("the block runtime's report is too long")
                    elif key.fd in by_fd:
                        by_fd[key.fd].read()
            finally:
                selector.close()

    def drain(self, by_fd):
        """What an exited node left in its pipes."""
        for fd, capture in by_fd.items():
            os.set_blocking(fd, False)
            try:
                while not capture.closed and not capture.overflowed:
                    capture.read()
            except BlockingIOError:
                pass
            finally:
                os.set_blocking(fd, True)

    def run_test(self, test):
        """One test in the running node. Returns its result and whether node is still usable."""
        limits = Limits(test, NODE_ALLOWANCE_MB)
        stdin = self.job.inputs[test["index"]]
        if isinstance(stdin, OSError):
            raise stdin  # the input could not be read: the harness's error, not the program's
        request = {"index": test["index"], "cpuSeconds": limits.cpu_seconds,
                   "stdin": base64.b64encode(stdin).decode("ascii")}
        self.job.cpu.start()
        report, killed_for, captures, wall_ms = self.exchange(
            (json.dumps(request) + "\n").encode("ascii"),
            {"cpuSeconds": limits.cpu_seconds, "wallSeconds": limits.wall_seconds})
        cpu_ms = self.job.cpu.used_ms() or 0
        max_rss_kb = peak_rss_kb(self.pid)
        alive = report is not None
        if alive:
            if report.get("index") != test["index"]:
                raise RuntimeError("the block runtime reported test %r for test %r" % (report.get("index"), test["index"]))
            kind = report.get("kind")
            status = (1 if kind == "exception" else 0) << 8  # as a process of its own would have exited
            killed_for = "time_limit" if kind == "time_limit" else None
        else:
            status = self.stop()
            max_rss_kb = max(max_rss_kb, self.rusage.ru_maxrss if self.rusage else 0)
        stderr = bytes(captures["stderr"].data)
        outcome, exit_code, error = judge(status, cpu_ms, limits, killed_for, report, stderr)
        if outcome == "memory_limit":
            stderr = b"JavaScript heap out of memory\n"  # not V8's stack dump
        return test_result(test, outcome, exit_code, cpu_ms, wall_ms, max_rss_kb, bytes(captures["stdout"].data),
                           stderr, error), alive

    def stop(self):
        """Ends node (if it still runs) and everything else, closes the pipes; returns node's wait status."""
        if self.pid is not None and self.status is None:
            os.kill(self.pid, signal.SIGKILL)
            _, self.status, self.rusage = os.wait4(self.pid, 0)
        kill_everything_else()
        for fd in (self.control, self.stdout, self.stderr, self.report_fd, self.exit_fd):
            try:
                os.close(fd)
            except OSError:
                pass
        return self.status


def run_node_tests(job):
    """Scratch and Entry: yields each test's result, every test in one node process while it lasts."""
    batch = None
    start_failure = None
    for test in job.plan["tests"]:
        try:
            if batch is None and start_failure is None:
                batch = NodeBatch(job)
                start_failure = batch.start()
                if start_failure is not None:
                    batch = None
            if start_failure is not None:
                result = dict(start_failure, index=test["index"])
            else:
                result, alive = batch.run_test(test)
                if not alive:
                    batch = None
        except Exception as exc:  # noqa: BLE001 - one test's failure must not stop the next
            if batch is not None:
                batch.stop()
                batch = None
            kill_everything_else()
            result = internal_result(test, exc)
        yield result
    if batch is not None:
        batch.stop()


def blockly_to_python(job):
    """Blockly's own generator writes main.py once for every test. Returns the generated files, or the
    compile_error result every test gets when the workspace cannot become Python (e.g. an unknown block)."""
    limits = Limits(CONVERSION_TEST, allowance_mb=None)
    command = node_command("blockly-to-python.js", limits.memory_mb, job.plan["entry"])
    status, _, _, _, killed_for, stdout, stderr, report = run_in_child(job, command, limits, b"", None, {})
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
    job = Job(*read_private_job())
    act_as_runner(job.runner_uid, job.runner_gid)

    if job.plan.get("language") in NODE_RUNTIMES:
        for result in run_node_tests(job):
            write_line(result)
        return

    # Interactive: the container's stdout carries the program's output to the other side, so results go to stderr.
    results_fd = 2 if job.plan.get("interactive") else 1
    # The program's text is the same for every test: one syntax error (or unconvertible workspace) fails all.
    generated_files = compile_error = None
    for test in job.plan["tests"]:
        try:
            if generated_files is None:
                generated_files, compile_error = blockly_to_python(job) if job.plan.get("language") == "blockly" else ({}, None)
            if compile_error is not None:
                result = dict(compile_error, index=test["index"])
            else:
                result = run_test(job, test, generated_files)
                if result["outcome"] == "compile_error":
                    compile_error = result
        except Exception as exc:  # noqa: BLE001 - one test's failure must not stop the next
            kill_everything_else()
            result = internal_result(test, exc)
        write_line(result, results_fd)


if __name__ == "__main__":
    main()
