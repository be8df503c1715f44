'use strict';
const {spawn, spawnSync} = require('child_process');
const path = require('path');

const runnerDir = path.join(__dirname, '..');
const fixturesDir = path.join(runnerDir, '..', '..', 'tests', 'Grader.Grading.Tests', 'Fixtures');

/** Runs one of the runner scripts as the harness would, with stdin text and a wall limit. */
function run (script, file, stdin = '', timeoutMs = 20000) {
    const result = spawnSync(process.execPath, [path.join(runnerDir, script), file], {
        input: stdin, encoding: 'utf8', timeout: timeoutMs
    });
    return {stdout: result.stdout, stderr: result.stderr, status: result.status, timedOut: result.error?.code === 'ETIMEDOUT'};
}

const fixture = (kind, name) => path.join(fixturesDir, kind, name);

/**
 * Drives a runner in batch mode (lib/batch.js) as the harness does: one request per test, its output
 * on stdout, then its report line on fd 3 saying how many of those bytes are the test's.
 */
function startBatch (script, file) {
    const child = spawn(process.execPath, [path.join(runnerDir, script), '--tests', file], {stdio: ['pipe', 'pipe', 'pipe', 'pipe']});
    let stdout = Buffer.alloc(0);
    let reports = '';
    let waiting = null;
    const settle = () => {
        if (!waiting) return;
        const newline = reports.indexOf('\n');
        if (newline < 0) return;
        const report = JSON.parse(reports.slice(0, newline));
        const bytes = report.outputBytes || 0;
        if (stdout.length < bytes) return;
        reports = reports.slice(newline + 1);
        const output = stdout.subarray(0, bytes).toString('utf8');
        stdout = stdout.subarray(bytes);
        const resolve = waiting;
        waiting = null;
        resolve({report, stdout: output});
    };
    child.stdout.on('data', chunk => {
        stdout = Buffer.concat([stdout, chunk]);
        settle();
    });
    child.stdio[3].on('data', chunk => {
        reports += chunk.toString('utf8');
        settle();
    });
    const next = () => new Promise(resolve => {
        waiting = resolve;
        settle();
    });
    return {
        child,
        ready: next(),
        runTest (index, stdin, cpuSeconds = 5) {
            child.stdin.write(`${JSON.stringify({index, cpuSeconds, stdin: Buffer.from(stdin).toString('base64')})}\n`);
            return next();
        },
        close () {
            child.stdin.end();
            return new Promise(resolve => child.on('exit', resolve));
        }
    };
}

module.exports = {run, fixture, runnerDir, startBatch};
