'use strict';
const {spawnSync} = require('child_process');
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

module.exports = {run, fixture, runnerDir};
