'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const {execFileSync} = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const {run, fixture} = require('./helpers');

const entry = name => fixture('entry', name);
const lines = (...output) => output.map(line => `${line}\n`).join('');

test('ask a number, say its double (the project.json inside an .ent)', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-'));
    execFileSync('tar', ['-xzf', entry('double.ent'), '-C', folder]);
    const result = run('run-entry.js', path.join(folder, 'temp', 'project.json'), '21\n');
    assert.equal(result.stdout, lines('42'));
    assert.equal(result.status, 0);
});

test('a repeat sums 1..N; dialog_time waits without costing wall time', () => {
    const started = Date.now();
    assert.equal(run('run-entry.js', entry('sum-loop.json'), '10\n').stdout, lines('The sum is', '55'));
    assert.ok(Date.now() - started < 1500);
});

test('a list is filled, sorted and read by index from 1', () => {
    assert.equal(run('run-entry.js', entry('sort-list.json'), '4\n5\n1\n10\n3\n').stdout, lines('1', '3', '5', '10'));
});

test('a function with two parameters', () => {
    assert.equal(run('run-entry.js', entry('function.json'), 'Ana\n').stdout, lines('Hello Ana', 'Hello Ana', 'Bye'));
});

test('message_cast_wait waits for the receiving object', () => {
    assert.equal(run('run-entry.js', entry('broadcast.json'), 'Ana\n').stdout, lines('Hi Ana', 'Nice to meet you!'));
});

test('Entry casts as entryjs does: exact decimals, case-sensitive =, three decimals shown', () => {
    assert.equal(run('run-entry.js', entry('casting.json'), '').stdout, lines(
        '15', // "10" + "5"
        'False', // "apple" = "APPLE": block_looks.js dialog shows a boolean `message ? 'True' : 'False'`
        '0.3', // BigNumber addition
        '3.333', // 10 / 3 shown with three decimals
        'apple1',
        'apple', // item 1 of the list
        '2' // 17 mod 5
    ));
});

test('a block outside the interpreter stops the run, named on stderr', () => {
    const result = run('run-entry.js', entry('unsupported.json'), '');
    assert.equal(result.stdout, '');
    assert.equal(result.status, 1);
    assert.match(result.stderr, /coordinate_mouse/);
});
