# One program, many behaviours: the first input line picks what this test does. Run as a single
# container so that every hazard is followed by more tests that must still run normally.
import os
import sys
import time

what = input("what? ")


def divide(x):
    return 1 // x


def recurse():
    recurse()


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
elif what == "kill1":
    os.kill(1, 9)
    print("survived")
elif what == "killppid":
    os.kill(os.getppid(), 9)
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
elif what == "steal-stdout":
    try:
        open("/proc/1/fd/1", "w").write('{"index": 99}\n')
        print("opened")
    except OSError:
        print("denied")
