'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const {spawnSync} = require('child_process');
const {run, fixture} = require('./helpers');

const blockly = name => fixture('blockly', name);
const lines = (...output) => output.map(line => `${line}\n`).join('');
/** Converts the workspace and runs the Python with input() patched as the Python harness does (prompts are not output). */
function pythonOutput (name, answers) {
    const converted = run('blockly-to-python.js', blockly(name));
    assert.equal(converted.status, 0, converted.stderr);
    const prelude = 'import builtins, os\n_input = builtins.input\nbuiltins.input = lambda prompt="": _input()\n' +
        'exec(compile(os.environ["PROGRAM"], "main.py", "exec"))\n';
    const python = spawnSync('python3', ['-c', prelude], {
        input: answers, encoding: 'utf8', env: {...process.env, PROGRAM: converted.stdout}, timeout: 10000
    });
    assert.equal(python.stderr, '');
    return python.stdout;
}

test('JSON: a number prompt becomes float(input()), so Blockly doubles 21 to 42.0', () => {
    assert.equal(pythonOutput('double.json', '21\n'), lines('42.0'));
});

test('XML: a count loop sums 1..N; a loose value block does nothing', () => {
    assert.equal(pythonOutput('sum-loop.xml', '10\n'), lines('55'));
});

test('XML: a procedure with two arguments', () => {
    assert.equal(pythonOutput('function.xml', 'Ana\n'), lines('Hello Ana', 'Hello Ana', 'Bye'));
});

test('JSON: a list filled from prompts, sorted numerically', () => {
    assert.equal(pythonOutput('sort-list.json', '4\n5\n1\n10\n3\n'), lines('1.0', '3.0', '5.0', '10.0'));
});

test('a file that is neither JSON nor XML fails on stderr', () => {
    const result = run('blockly-to-python.js', fixture('scratch', 'double.sb3'));
    assert.notEqual(result.status, 0);
    assert.equal(result.stdout, '');
});

test('blockly-blocks.json lists exactly the blocks the Python generator knows', () => {
    const {pythonGenerator} = require('blockly/python');
    const listed = require('../blockly-blocks.json').blocks;
    assert.deepEqual([...listed].sort(), Object.keys(pythonGenerator.forBlock).sort());
});
