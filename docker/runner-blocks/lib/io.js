'use strict';
// Input and output shared by the block runtimes: stdin lines answer the program's questions in
// order, and every output line is written synchronously so nothing is lost when the harness
// kills the process at its time limit.
const fs = require('fs');

/** Reads all of stdin at once and returns a function giving the next line, or '' once it runs out. */
function inputLines () {
    let text = '';
    try {
        text = fs.readFileSync(0, 'utf8');
    } catch (error) {
        if (error.code !== 'EAGAIN' && error.code !== 'EOF') throw error;
    }
    const lines = text.split('\n').map(line => line.replace(/\r$/, ''));
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    let next = 0;
    // A program asking more than it was given gets an empty answer, as if the child pressed Enter.
    return () => (next < lines.length ? lines[next++] : '');
}

function writeLine (text) {
    const bytes = Buffer.from(`${text}\n`, 'utf8');
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

function fail (message) {
    fs.writeSync(2, `${message}\n`);
    process.exit(2);
}

module.exports = {inputLines, writeLine, silenceConsole, fail};
