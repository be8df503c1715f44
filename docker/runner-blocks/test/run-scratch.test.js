'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const JSZip = require('jszip');
const {run, fixture} = require('./helpers');

const scratch = name => fixture('scratch', name);
const lines = (...output) => output.map(line => `${line}\n`).join('');

test('ask a number, say its double (from an .sb3, asking sprite visible: the question is not output)', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(scratch('double.sb3')));
    const projectPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sb3-')), 'project.json');
    fs.writeFileSync(projectPath, await zip.file('project.json').async('string'));
    const result = run('run-scratch.js', projectPath, '21\n');
    assert.equal(result.stdout, lines('42'));
    assert.equal(result.status, 0);
});

test('a repeat loop sums 1..N; say for 2 seconds costs no wall time', () => {
    const started = Date.now();
    const result = run('run-scratch.js', scratch('sum-loop.json'), '10\n');
    assert.equal(result.stdout, lines('The sum is', '55'));
    assert.ok(Date.now() - started < 10000);
});

test('a list filled from the answers is sorted by index from 1', () => {
    const result = run('run-scratch.js', scratch('sort-list.json'), '4\n5\n1\n10\n3\n');
    assert.equal(result.stdout, lines('1', '3', '5', '10'));
});

test('a custom block with arguments', () => {
    const result = run('run-scratch.js', scratch('custom-block.json'), 'Ana\r\n');
    assert.equal(result.stdout, lines('Hello Ana', 'Hello Ana', 'Bye'));
});

test('broadcast and wait, a wait in the receiver, a clone', () => {
    const result = run('run-scratch.js', scratch('broadcast.json'), 'Ana\n');
    assert.equal(result.stdout, lines('Hi Ana', 'Nice to meet you!', 'I am a clone'));
});

test('Scratch casts as Scratch does and says numbers as its speech bubble shows them', () => {
    const result = run('run-scratch.js', scratch('casting.json'), '');
    assert.equal(result.stdout, lines(
        '15', // "10" + "5"
        'true', // "apple" = "APPLE"
        '0.30000000000000004', // join (0.1 + 0.2) ""
        '0.30', // a non-integer number in a bubble shows two decimals
        '2.50',
        'apple', // item 1 of the list
        '42' // think
    )); // say "" clears the bubble and is not output
});

test('missing answers are empty: the program goes on', () => {
    const result = run('run-scratch.js', scratch('custom-block.json'), '');
    assert.equal(result.stdout, lines('Hello ', 'Hello ', 'Bye'));
});

test('a forever loop runs until it is killed', () => {
    const result = run('run-scratch.js', scratch('forever.json'), '', 3000);
    assert.ok(result.timedOut);
    assert.equal(result.stdout, '');
});

test('a file that is not a project fails on stderr, not stdout', () => {
    const notAProject = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bad-')), 'project.json');
    fs.writeFileSync(notAProject, '{"hello": 1}');
    const result = run('run-scratch.js', notAProject, '');
    assert.equal(result.stdout, '');
    assert.notEqual(result.status, 0);
});

test('frames run as in the editor: a timer hat fires, a moving loop and a waiting script interleave by frame', () => {
    // editor-order.json, one visible sprite with a 96 × 100 costume (rotation centre 48, 50):
    //   A: when flag clicked, go to 0 0, repeat 5 (change x by 10), say "A x=" x, go to x 1000, say x
    //   B: when flag clicked, wait 0.09, say "B sees " x
    //   C: when timer > 0.5, say "half a second"
    // scratch-gui runs scratch-vm in compatibility mode, not turbo: a frame is 1000/30 ms
    // (scratch-vm 5.0.300 src/engine/runtime.js:724, chosen in start() at runtime.js:2851-2855), and its
    // rounds stop once a block requested a redraw (sequencer.js:88-91: `turboMode || !redrawRequested`).
    // A visible sprite's change x requests one (sprites/rendered-target.js:277-280), so A moves 10 per
    // frame (30 fps), and B's wait (a stack timer on currentMSecs, block-utility.js:25-27, updated once
    // per frame at sequencer.js:76) ends in A's fourth frame, after A in the round: B sees 40.
    // Turbo mode, or no renderer, ran all of A in the first frame: "A x=50", "1000", "B sees 1000".
    // The stage keeps 15 pixels of the sprite on it (scratch-render RenderWebGL getFencedPositionOfDrawable:
    // 240 - 15 + 48 = 273). The timer hat is judged in startHats, before the frame's currentMSecs is set
    // (runtime.js:2067-2072), so it fires in the first frame after one that ran past 0.5 s; the run goes on
    // for it after A and B have ended, and the half second costs no half second.
    const started = Date.now();
    const result = run('run-scratch.js', scratch('editor-order.json'), '');
    assert.equal(result.stdout, lines('B sees 40', 'A x=50', '273', 'half a second'));
    assert.equal(result.status, 0);
    assert.ok(Date.now() - started < 10000);
});
