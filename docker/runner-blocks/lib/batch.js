'use strict';
// Every test of a submission in one node process (the harness's batch mode, docs/harness-protocol.md):
// the runtime and the project are loaded once, then each test runs in a fresh program. Per test:
//   fd 0  the harness sends one request line when the previous test is over:
//         {"index": 0, "cpuSeconds": 2, "stdin": "<base64 of the test's input>"}
//   fd 1  the test's output lines
//   fd 3  after the output, one line: {"kind": "exited"|"exception"|"time_limit", "index": 0,
//         "outputBytes": how many bytes of fd 1 are this test's, "error": …}
// Before the first request the runtime writes {"kind": "ready"} on fd 3 (or a compile error, and exits).
// A test that passes its CPU time ends at the next frame as a time limit; one that never gets to a frame
// end (a block that never returns) or fills the heap is stopped by the harness, which starts a new
// process for the tests after it.
const readline = require('readline');
const fs = require('fs');
const {answersFrom, writeReport, writtenBytes, fail} = require('./io');

const cpuMsSince = start => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
};

/**
 * Serves the harness's requests until its pipe closes. runTest(nextAnswer, shouldStop) runs one test
 * in a fresh program and resolves once it is over; it rejects with the error of a block that failed,
 * which describeError turns into {type, message}.
 */
async function serveTests (runTest, describeError) {
    writeReport({kind: 'ready'});
    const requests = readline.createInterface({input: fs.createReadStream(null, {fd: 0}), crlfDelay: Infinity});
    for await (const line of requests) {
        if (!line.trim()) continue;
        const request = JSON.parse(line);
        const cpuStart = process.cpuUsage();
        const outputStart = writtenBytes();
        let overTime = false;
        const shouldStop = () => {
            overTime = overTime || cpuMsSince(cpuStart) > request.cpuSeconds * 1000;
            return overTime;
        };
        let result;
        try {
            await runTest(answersFrom(Buffer.from(request.stdin || '', 'base64').toString('utf8')), shouldStop);
            result = {kind: overTime ? 'time_limit' : 'exited'};
        } catch (error) {
            result = {kind: 'exception', error: describeError(error)};
        }
        writeReport({...result, index: request.index, outputBytes: writtenBytes() - outputStart});
    }
    process.exit(0);
}

/** A runner's command line: `[--tests] PROJECT_JSON_PATH`; fails with the usage when the path is missing. */
function runnerArguments (script) {
    const args = process.argv.slice(2);
    const batch = args[0] === '--tests';
    const projectPath = batch ? args[1] : args[0];
    if (!projectPath) fail(`usage: ${script} [--tests] PROJECT_JSON_PATH`);
    return {batch, projectPath};
}

module.exports = {serveTests, runnerArguments};
