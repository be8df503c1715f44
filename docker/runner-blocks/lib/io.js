'use strict';
// Input and output shared by the block runtimes: stdin lines answer the program's questions in
// order, and every output line is written synchronously so nothing is lost when the harness
// kills the process at its time limit.
const fs = require('fs');

// The harness (docker/runner-python/harness.py) reads a JSON report on this fd, as run_program.py writes it.
const REPORT_FD = 3;

/** Reads all of stdin at once and returns a function giving the next line, or '' once it runs out. */
function inputLines () {
    let text = '';
    try {
        text = fs.readFileSync(0, 'utf8');
    } catch (error) {
        if (error.code !== 'EAGAIN' && error.code !== 'EOF') throw error;
    }
    return answersFrom(text);
}

/** A function giving the text's next line (without its CR LF), or '' once they run out. */
function answersFrom (text) {
    const lines = text.split('\n').map(line => line.replace(/\r$/, ''));
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    let next = 0;
    // A program asking more than it was given gets an empty answer, as if the child pressed Enter.
    return () => (next < lines.length ? lines[next++] : '');
}

let outputBytes = 0;

function writeLine (text) {
    const bytes = Buffer.from(`${text}\n`, 'utf8');
    outputBytes += bytes.length;
    let written = 0;
    while (written < bytes.length) {
        try {
            written += fs.writeSync(1, bytes, written);
        } catch (error) {
            if (error.code !== 'EAGAIN') throw error;
        }
    }
}

/** A runtime's own libraries may log (missing assets, deprecations): keep stdout for the program's output. */
function silenceConsole () {
    for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
        console[method] = () => {};
    }
}

/** Tells the harness how the program failed; outside the harness (no fd 3) there is no one to tell. */
function report (kind, type, message) {
    writeReport({kind, error: programError(type, message)});
}

const programError = (type, message) => ({type, message, line: null, column: null});

/** One JSON line on the harness's report channel, if there is one. */
function writeReport (record) {
    try {
        fs.writeSync(REPORT_FD, `${JSON.stringify(record)}\n`);
    } catch {
        // not run by the harness
    }
}

/** The program could not be loaded: nothing ran, so for the harness it is a compile error. */
function fail (message) {
    fs.writeSync(2, `${message}\n`);
    report('compile_error', 'UnreadableProgram', message);
    process.exit(2);
}

/** A block failed at run time: a runtime error with a message a child can read. */
function failAtRunTime (type, message) {
    fs.writeSync(2, `${message}\n`);
    report('exception', type, message);
    process.exit(1);
}

/**
 * When the container runs out of memory the kernel should kill the program, not the harness. (The
 * harness cannot set this before exec: a child of a non-dumpable process cannot write its /proc.)
 */
function offerToOomKiller () {
    try {
        fs.writeFileSync('/proc/self/oom_score_adj', '1000');
    } catch {
        // not Linux, or not allowed: the container's limit still holds
    }
}

/** Bytes written by writeLine so far. */
const writtenBytes = () => outputBytes;

module.exports = {inputLines, answersFrom, writeLine, writtenBytes, writeReport, programError, silenceConsole, fail, failAtRunTime,
    offerToOomKiller};
