'use strict';
// Batch mode (lib/batch.js): one process runs every test of a submission, each in a fresh program.
const test = require('node:test');
const assert = require('node:assert/strict');
const {fixture, startBatch} = require('./helpers');
const {block, text, say, whenStart, repeat, writeProject} = require('./entry-project');

test('Scratch: the project is loaded once and each test runs in a fresh VM with only its own answers', async () => {
    const batch = startBatch('run-scratch.js', fixture('scratch', 'sum-loop.json'));
    assert.equal((await batch.ready).report.kind, 'ready');
    const first = await batch.runTest(0, '10\n');
    const second = await batch.runTest(1, '3\n');
    // Each run sums its own answer: nothing of the first VM is left in the second.
    assert.deepEqual(first, {report: {kind: 'exited', index: 0, outputBytes: 14}, stdout: 'The sum is\n55\n'});
    assert.deepEqual(second, {report: {kind: 'exited', index: 1, outputBytes: 13}, stdout: 'The sum is\n6\n'});
    assert.equal(await batch.close(), 0);
});

test('Scratch: a test past its CPU time ends as a time limit and the next test still runs', async () => {
    const forever = startBatch('run-scratch.js', fixture('scratch', 'forever.json'));
    await forever.ready;
    const started = process.hrtime.bigint();
    const result = await forever.runTest(0, '', 0.5);
    assert.equal(result.report.kind, 'time_limit');
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 5000);
    assert.equal((await forever.runTest(1, '', 0.3)).report.kind, 'time_limit');
    assert.equal(await forever.close(), 0);
});

test('Scratch: the editor-order program gives the same output in every test of a batch', async () => {
    const batch = startBatch('run-scratch.js', fixture('scratch', 'editor-order.json'));
    await batch.ready;
    for (const index of [0, 1, 2]) {
        assert.equal((await batch.runTest(index, '')).stdout, 'B sees 40\nA x=50\n273\nhalf a second\n');
    }
    await batch.close();
});

test('Entry: a block that fails is that test\'s runtime error; the next test runs from a fresh program', async () => {
    // repeat (answer) times: say "x"; a negative count is an error (block_flow.js repeat_basic).
    const answer = block('get_canvas_input_value');
    const projectPath = writeProject({objects: [{scripts: [[whenStart(),
        block('ask_and_wait', [text('how many?'), null]), repeat(answer, [say(text('x'))])]]}]});
    const batch = startBatch('run-entry.js', projectPath);
    await batch.ready;
    const failed = await batch.runTest(0, '-1\n');
    assert.equal(failed.report.kind, 'exception');
    assert.match(failed.report.error.message, /negative count/);
    assert.deepEqual(await batch.runTest(1, '2\n'), {report: {kind: 'exited', index: 1, outputBytes: 4}, stdout: 'x\nx\n'});
    await batch.close();
});

test('a project that cannot be read is a compile error before any test', async () => {
    const batch = startBatch('run-entry.js', '/nonexistent/project.json');
    const {report} = await batch.ready;
    assert.equal(report.kind, 'compile_error');
    assert.equal(await batch.close(), 2);
});
