"""Runs the student's program for one test, inside the process the harness started with limits set.

    python3 -I -B -X utf8 run_program.py ENTRY PROMPTS_ARE_OUTPUT(yes|no) CALL_FD|- [ARG...]

CALL_FD is given for a call test only (else "-"): an fd holding its function and arguments as JSON (this
test's only; the plan never reaches the program). ARGs become the program's sys.argv[1:] (an interactor's
input file). The working folder is the program folder (a fresh copy
per test). What the harness needs beyond exit status goes to fd 3 as JSON lines: a compile error,
or {"kind": "started"} before any of the student's code runs, then an uncaught exception with the
line in the student's file, or (for a call test) the function's return value as JSON text. The
student's code runs in this same process and could write to fd 3 too; the harness takes a compile
error only before "started" and an internal error never, and a forged exception or return value
gains nothing the program could not get by raising or returning it.
"""

# json and traceback are imported only where needed: on the common path (a program that prints and
# exits) they would be a third of the interpreter's start-up, counted in the student's time.
import builtins
import mmap
import os
import sys
import types

REPORT_FD = 3
PROGRAM_DIR = os.getcwd()

# Freed on MemoryError so that reporting it still has room to work. A MemoryError here means the address-space
# limit, so untouched pages serve: a bytearray would fault in every page, 8 ms of each test's start.
_memory_reserve = mmap.mmap(-1, 2 * 1024 * 1024)


def report(payload):
    import json
    write_report((json.dumps(payload, ensure_ascii=False) + "\n").encode("utf-8", "surrogatepass"))


def write_report(data):
    try:
        while data:
            data = data[os.write(REPORT_FD, data):]
    except OSError:
        pass  # The harness reads what arrives; a report it cannot parse leaves the exit status to speak.


def relative_name(filename):
    """The file name as the student knows it: relative to the program folder."""
    prefix = PROGRAM_DIR + os.sep
    return filename[len(prefix):] if filename.startswith(prefix) else filename


def is_student_file(filename):
    return filename.startswith(PROGRAM_DIR + os.sep) or not os.path.isabs(filename) and filename.endswith(".py")


def clean_message(text):
    return text.replace(PROGRAM_DIR + os.sep, "").replace(os.path.dirname(os.path.abspath(__file__)) + os.sep, "")


def student_frames(tb):
    import traceback
    return [frame for frame in traceback.extract_tb(tb) if is_student_file(frame.filename)]


def print_student_traceback(exc):
    """A traceback without the harness's own frames, with paths relative to the program folder."""
    lines = ["Traceback (most recent call last):\n"]
    previous, repeats = None, 0

    def note_repeats():
        if repeats > 2:  # deep recursion: say how often instead of a thousand equal lines
            lines.append("  [Previous line repeated %d more times]\n" % (repeats - 2))

    for frame in student_frames(exc.__traceback__):
        where = (frame.filename, frame.lineno, frame.name)
        if where == previous:
            repeats += 1
            if repeats > 2:
                continue
        else:
            note_repeats()
            previous, repeats = where, 0
        lines.append('  File "%s", line %s, in %s\n' % (relative_name(frame.filename), frame.lineno, frame.name))
        if frame.line:
            lines.append("    %s\n" % frame.line.strip())
    note_repeats()
    import traceback
    lines.extend(clean_message(line) for line in traceback.format_exception_only(type(exc), exc))
    sys.stderr.write("".join(lines))
    sys.stderr.flush()


def report_exception(exc):
    if isinstance(exc, SyntaxError) and exc.filename and is_student_file(exc.filename):
        # A syntax error in a module the program imports: its line is in that file, not in a frame.
        line, column = exc.lineno, exc.offset
    else:
        frames = student_frames(exc.__traceback__)
        line, column = (frames[-1].lineno, None) if frames else (None, None)
    message = clean_message(str(exc.msg if isinstance(exc, SyntaxError) else exc))
    report({"kind": "exception",
            "error": {"type": type(exc).__name__, "message": message, "line": line, "column": column}})


def report_memory_error(exc):
    global _memory_reserve
    _memory_reserve = None
    frames = student_frames(exc.__traceback__)
    exc.__traceback__ = None  # drop the frames, and with them the program's large objects
    report({"kind": "exception",
            "error": {"type": "MemoryError", "message": "memory limit exceeded",
                      "line": frames[-1].lineno if frames else None, "column": None}})
    sys.stderr.write("MemoryError: memory limit exceeded\n")


def input_without_prompt(prompt=""):
    """input() that reads a line but keeps the prompt out of the output (SPEC: a prompt is not output)."""
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line:
        raise EOFError("EOF when reading a line")
    return line[:-1] if line.endswith("\n") else line


def decode_korean_windows_source(source):
    """A program saved by an older Korean Windows editor ("ANSI", i.e. CP949) instead of UTF-8 still runs.
    UTF-8 bytes are left to compile(), which also honours a coding declaration."""
    try:
        source.decode("utf-8")
        return source
    except UnicodeDecodeError:
        try:
            return source.decode("cp949")
        except UnicodeDecodeError:
            return source  # compile() reports the undecodable line


def compile_program(entry):
    """Compiles the entry and every other .py file of the program, so that a syntax error anywhere is
    a compile error before anything runs. Returns the entry's code."""
    others = sorted(os.path.relpath(os.path.join(root, name), PROGRAM_DIR)
                    for root, _, names in os.walk(PROGRAM_DIR) for name in names
                    if name.endswith(".py") and os.path.join(root, name) != os.path.join(PROGRAM_DIR, entry))
    entry_code = None
    for filename in [entry] + others:
        try:
            with open(filename, "rb") as source_file:
                source = source_file.read()
            if filename == entry:
                source = decode_korean_windows_source(source)
            code = compile(source, filename, "exec", dont_inherit=True)
        except (SyntaxError, ValueError, OSError) as exc:  # ValueError: null bytes; OSError: no such entry
            is_syntax = isinstance(exc, SyntaxError)
            message = clean_message(str(exc.msg if is_syntax else exc.strerror if isinstance(exc, OSError) else exc))
            report({"kind": "compile_error",
                    "error": {"type": type(exc).__name__,
                              "message": message if filename == entry and is_syntax else "%s: %s" % (filename, message),
                              "line": exc.lineno if is_syntax else None,
                              "column": exc.offset if is_syntax else None}})
            import traceback
            sys.stderr.write(clean_message("".join(traceback.format_exception_only(type(exc), exc))))
            sys.exit(1)
        entry_code = entry_code or code
    return entry_code


def run_module(code, entry, module_name):
    module = types.ModuleType(module_name)
    module.__file__ = os.path.join(PROGRAM_DIR, entry)
    module.__builtins__ = builtins
    sys.modules[module_name] = module
    exec(code, module.__dict__)
    return module


def call_function(module, call):
    function = getattr(module, call["function"], None)
    if not callable(function):
        raise AttributeError("function '%s' is not defined" % call["function"])
    args = call.get("args") or []
    kwargs = call.get("kwargs") or {}
    result = function(*args, **kwargs)
    import json
    try:
        return json.dumps(result, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        raise TypeError("the return value of %s() is not JSON-serialisable: %s"
                        % (call["function"], type(result).__name__)) from None


def read_call(call_fd):
    import json
    with open(call_fd, encoding="utf-8") as call_file:  # closes it: the program has no use for it
        return json.load(call_file)


def offer_to_oom_killer():
    """When the container runs out of memory, the kernel should kill the program, not the harness.
    (The harness cannot set this before exec: a child of a non-dumpable process cannot write its /proc.)"""
    try:
        with open("/proc/self/oom_score_adj", "w") as oom_score:
            oom_score.write("1000")
    except OSError:
        pass


def main():
    offer_to_oom_killer()
    entry, prompts_are_output = sys.argv[1], sys.argv[2] == "yes"
    call = read_call(int(sys.argv[3])) if sys.argv[3] != "-" else None

    sys.argv = [entry] + sys.argv[4:]
    if not prompts_are_output:
        builtins.input = input_without_prompt

    code = compile_program(entry)
    # Only now may the program's own modules shadow the standard library: reporting a compile error imports
    # json and traceback, and the student's json.py must not run before "started".
    write_report(b'{"kind": "started"}\n')
    sys.path[0:0] = [PROGRAM_DIR]
    try:
        # A call test imports the program as a module, so its `if __name__ == "__main__":` part stays quiet.
        module = run_module(code, entry, os.path.splitext(entry)[0] if call else "__main__")
        if call:
            return_value = call_function(module, call)
            sys.stdout.flush()
            report({"kind": "returned", "returnValue": return_value})
    except MemoryError as exc:
        report_memory_error(exc)
        sys.exit(1)
    except SystemExit:
        raise
    except BaseException as exc:
        report_exception(exc)
        print_student_traceback(exc)
        sys.exit(1)


if __name__ == "__main__":
    main()
