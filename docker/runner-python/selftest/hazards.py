# One program, many behaviours: the first input line picks what this test does. Run as a single
# container so that every hazard is followed by more tests that must still run normally.
import ctypes
import os
import re
import stat
import sys
import time

what = input("what? ")


def divide(x):
    return 1 // x


def recurse():
    recurse()


def readable_files():
    """Every regular file the program can open: the job folder, scratch space, every process's open files."""
    for top in ("/job", "/tmp", "/dev/shm", "/dev/mqueue"):
        for root, _, files in os.walk(top, onerror=lambda e: None):
            yield from (os.path.join(root, name) for name in files)
    for pid in filter(str.isdigit, os.listdir("/proc")):
        yield from ("/proc/%s/cmdline" % pid, "/proc/%s/environ" % pid)
        try:
            yield from ("/proc/%s/fd/%s" % (pid, fd) for fd in os.listdir("/proc/%s/fd" % pid))
        except OSError:
            pass


def find_tokens():
    """Every input token anywhere the program can read, and in its environment."""
    pattern = re.compile(rb"hazard-token-[0-9a-z]+")
    found = set(pattern.findall("\n".join("%s=%s" % item for item in os.environ.items()).encode()))
    for path in readable_files():
        try:
            if stat.S_ISREG(os.stat(path).st_mode):
                with open(path, "rb") as f:
                    found.update(pattern.findall(f.read(64 * 1024 * 1024)))
        except OSError:
            pass
    return sorted(token.decode() for token in found)


def burn_in_orphans(count, seconds):
    """Grandchildren burn the CPU after their parent exited: nobody waits for them but PID 1, and each stays
    under RLIMIT_CPU, which is per process."""
    read_end, write_end = os.pipe()
    if os.fork() == 0:
        for _ in range(count):
            if os.fork() == 0:
                started = time.process_time()
                while time.process_time() - started < seconds:
                    pass
                os.write(write_end, b"burnt\n")
                os._exit(0)
        os._exit(0)
    os.close(write_end)
    os.wait()
    with os.fdopen(read_end) as results:
        print("ok" if results.read() == "burnt\n" * count else "lost")


def leave_ipc():
    libc = ctypes.CDLL(None, use_errno=True)
    libc.shmat.restype = ctypes.c_void_p
    for _ in range(2):
        size = 90 * 1024 * 1024
        address = libc.shmat(libc.shmget(0, size, 0o1600), None, 0)
        ctypes.memset(address, 1, size)
        libc.shmdt(ctypes.c_void_p(address))
    libc.semget(0, 4, 0o1600)
    libc.msgget(0, 0o1600)
    libc.mq_open(b"/left", os.O_CREAT | os.O_RDWR, 0o600, None)


def other_processes():
    return [p for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, os.getpid())]


if what == "hello":
    print("hello world")
elif what == "wrong":
    print(41)
elif what == "raise":
    divide(0)
elif what == "loop":
    while True:
        pass
elif what == "sleep":
    time.sleep(10 ** 6)
elif what == "forkbomb":
    while True:
        try:
            os.fork()
        except OSError:
            pass
elif what == "memhog":
    hog = [0] * (500 * 1024 * 1024 // 8)
elif what == "memgrow":
    hog = []
    while True:
        hog.append(bytearray(1024 * 1024))
elif what == "bigprint":
    line = "x" * 1023
    for _ in range(1024 * 1024):
        print(line)
elif what in ("kill1", "killppid"):
    try:
        os.kill(1 if what == "kill1" else os.getppid(), 9)
    except PermissionError:
        pass  # the harness is root's: the runner cannot signal it at all
    print("survived")
elif what == "closestdout":
    os.close(1)
    while True:
        pass
elif what == "background":
    if os.fork() == 0:
        os.setsid()
        time.sleep(10 ** 6)
    print("parent done")
elif what == "others":
    print(len(other_processes()))
elif what == "recursion":
    recurse()
elif what == "leave-file":
    open("/tmp/leftover", "w").write("x")
    open("left.txt", "w").write("x")
    os.makedirs("/tmp/locked/inner")
    os.chmod("/tmp/locked/inner", 0)
    os.chmod("/tmp/locked", 0)
elif what == "find-file":
    print(os.path.exists("/tmp/leftover"), os.path.exists("left.txt"), os.path.exists("/tmp/locked"))
elif what == "bad-utf8":
    sys.stdout.buffer.write(b"\xff\xfe\n")
elif what == "exit3":
    sys.exit(3)
elif what == "scan-inputs":
    # "ok" when the only token found is this test's own (the search works): else what it found.
    own, tokens = input(), find_tokens()
    print("ok" if tokens == [own] else " ".join(tokens) or "nothing")
elif what == "orphan-cpu":
    burn_in_orphans(3, float(input()))
elif what == "deep-dir":
    os.chdir("/tmp")
    for _ in range(1500):
        os.mkdir("d")
        os.chdir("d")
elif what == "list-tmp":
    print(sorted(os.listdir("/tmp")))
elif what == "leave-ipc":
    leave_ipc()
elif what == "find-ipc":
    hoard = bytearray(100 * 1024 * 1024)
    for offset in range(0, len(hoard), 4096):
        hoard[offset] = 1
    print(*[len(open("/proc/sysvipc/" + kind).read().splitlines()) - 1 for kind in ("shm", "sem", "msg")],
          len(os.listdir("/dev/mqueue")))
elif what == "forge-internal":
    os.write(3, b'{"kind": "internal", "message": "forged"}\n')
    sys.exit(1)
elif what == "forge-compile":
    os.write(3, b'{"kind": "compile_error", "error": {"type": "SyntaxError", "message": "forged", "line": 1, "column": 1}}\n')
    print("ran")
elif what == "steal-stdout":
    try:
        open("/proc/1/fd/1", "w").write('{"index": 99}\n')
        print("opened")
    except OSError:
        print("denied")
