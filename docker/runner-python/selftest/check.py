"""Compares the harness's result lines (stdin) with expectations (argv[1], JSON): one per test, by index.

An expectation names the outcome (or a list of acceptable ones) and optionally stdout, exitCode,
errorType, errorLine, returnValue, stdoutBytes (length) and stderrContains.
"""
import base64
import json
import sys

expectations = json.loads(sys.argv[1])
label = sys.argv[2]
results = {}
for line in sys.stdin:
    try:
        result = json.loads(line)
        results[result["index"]] = result
    except (ValueError, KeyError, TypeError):
        print("  not a result line: %r" % line[:200])

passed = failed = 0
for index, expected in enumerate(expectations):
    result = results.get(index)
    problems = []
    if result is None:
        problems.append("no result line")
    else:
        stdout = base64.b64decode(result["stdout"])
        outcomes = expected["outcome"] if isinstance(expected["outcome"], list) else [expected["outcome"]]
        if result["outcome"] not in outcomes:
            problems.append("outcome %s, expected %s" % (result["outcome"], "|".join(outcomes)))
        if "stdout" in expected and stdout != expected["stdout"].encode("utf-8", "surrogateescape"):
            problems.append("stdout %r" % stdout[:200])
        if "stdoutBytes" in expected and len(stdout) != expected["stdoutBytes"]:
            problems.append("stdout is %d bytes" % len(stdout))
        if "exitCode" in expected and result["exitCode"] != expected["exitCode"]:
            problems.append("exitCode %s" % result["exitCode"])
        error = result.get("error") or {}
        if "errorType" in expected and error.get("type") != expected["errorType"]:
            problems.append("error %s" % error)
        if "errorLine" in expected and error.get("line") != expected["errorLine"]:
            problems.append("error line %s" % error.get("line"))
        if "errorColumn" in expected and error.get("column") != expected["errorColumn"]:
            problems.append("error column %s" % error.get("column"))
        if "returnValue" in expected and result.get("returnValue") != expected["returnValue"]:
            problems.append("returnValue %r" % result.get("returnValue"))
        if "stderrContains" in expected and expected["stderrContains"] not in result["stderr"]:
            problems.append("stderr %r" % result["stderr"][-300:])
        for text in (result["stderr"], json.dumps(error)):
            if "/opt/" in text or "/tmp/run" in text:
                problems.append("a harness path leaks: %r" % text[-300:])
    name = expected.get("name", index)
    timing = "" if result is None else " (cpu %d ms, wall %d ms)" % (result["cpuMs"], result["wallMs"])
    if problems:
        failed += 1
        print("  FAIL %s/%s: %s%s" % (label, name, "; ".join(problems), timing))
    else:
        passed += 1
        print("  ok   %s/%s: %s%s" % (label, name, result["outcome"], timing))
print("%s: %d passed, %d failed" % (label, passed, failed))
sys.exit(1 if failed else 0)
