#!/usr/bin/env node
'use strict';
// Runs a Scratch 3 project.json (or a Scratch 2 one) in the real scratch-vm, headless, as the editor runs it.
//   node run-scratch.js PROJECT_JSON_PATH < answers
//   node run-scratch.js --tests PROJECT_JSON_PATH    every test of a submission, as lib/batch.js serves them
// Each stdin line answers one `ask` in order (an empty answer once they run out); each non-empty
// `say`/`think` is one stdout line, formatted as Scratch's speech bubble shows it. The `ask`
// question is not output. The run ends when no script is running any more and no `when timer >`
// hat is still to fire; a `forever` loop runs until the time limit.
//
// Frames as in the editor, against a virtual clock: scratch-gui runs scratch-vm in compatibility
// mode, not turbo, so a frame is 1/30 s and ends when a block asks for a redraw (motion, looks,
// `wait`) or when its work time is up. The clock that `wait`, glides, `say … for secs` and the
// `timer` read moves by exactly one frame per frame, however long the frame really took, so a
// 10 s wait costs no 10 s and scripts that coordinate through time interleave the same way on
// every run. A stand-in renderer (lib/scratch-stage.js) makes sprites request redraws and stay on
// the stage as they do in the editor.
const fs = require('fs');
const {inputLines, writeLine, programError, silenceConsole, fail, offerToOomKiller} = require('./lib/io');
const {serveTests, runnerArguments} = require('./lib/batch');
const {StandInRenderer} = require('./lib/scratch-stage');

silenceConsole();
stubSvgRenderer();
const VirtualMachine = require('scratch-vm');
const validateProject = require(require.resolve('scratch-parser', {paths: [require.resolve('scratch-vm')]}));

/**
 * scratch-svg-renderer loads a DOM implementation (seconds of start-up) to clean SVG costumes,
 * which a headless run without asset storage never loads: scratch-vm gets a stand-in.
 */
function stubSvgRenderer () {
    const path = require.resolve('scratch-svg-renderer', {paths: [require.resolve('scratch-vm')]});
    const unavailable = () => {
        throw new Error('SVG costumes are not rendered headless');
    };
    require.cache[path] = {id: path, filename: path, loaded: true,
        exports: {loadSvgString: unavailable, serializeSvgToString: unavailable}};
}

// scratch-vm 5.0.300 src/engine/runtime.js:724 THREAD_STEP_INTERVAL_COMPATIBILITY, chosen by start()
// (runtime.js:2851-2855) in compatibility mode, which scratch-gui turns on.
const FRAME_MS = 1000 / 30;
// scratch3_looks.js SAY_BUBBLE_LIMIT: a bubble shows at most this many characters.
const BUBBLE_LIMIT = 330;

/** scratch3_looks.js _formatBubbleText: non-integers show two decimals unless that would read 0.00. */
function bubbleText (message) {
    if (typeof message === 'number' && Math.abs(message) >= 0.01 && message % 1 !== 0) {
        return message.toFixed(2).substring(0, BUBBLE_LIMIT);
    }
    return String(message).substring(0, BUBBLE_LIMIT);
}

/**
 * The clock a program sees: it moves only when nextFrame() is called. scratch-vm reads time through
 * runtime.currentMSecs (stack timers, glides and the project timer: block-utility.js:25-27,
 * io/clock.js:5) and setTimeout (`say … for secs`, scratch3_looks.js:340 and 360).
 */
class VirtualClock {
    constructor () {
        this.frames = 0;
        this.now = 0;
        this.timers = new Set();
        global.setTimeout = (handler, delay = 0, ...args) => {
            const timer = {due: this.now + Math.max(0, Number(delay) || 0), run: () => handler(...args)};
            this.timers.add(timer);
            return timer;
        };
        global.clearTimeout = timer => this.timers.delete(timer);
    }

    /** One frame on: counted in frames, so that 30 frames are exactly 1000 ms. */
    nextFrame () {
        this.now = ++this.frames * FRAME_MS;
        for (const timer of [...this.timers]) {
            if (timer.due <= this.now) {
                this.timers.delete(timer);
                timer.run();
            }
        }
    }

    /** Timers belong to one run: a `say … for secs` still pending must not fire into the next test. */
    clear () {
        this.timers.clear();
    }
}

/**
 * A frame's work time is real time, as in the editor (sequencer.js:88-91 steps rounds while
 * timer.timeElapsed() < WORK_TIME), with one difference the virtual clock needs: a round in which no
 * script got past a block ends the frame at once. A thread that waits (`wait`, `wait until`, glide,
 * `broadcast and wait`) counts as active, so the editor spins on it until the work time is up; with
 * the clock standing still inside a frame those rounds could change nothing, and would only burn
 * the test's CPU.
 */
function endFramesWhenIdle (runtime) {
    let progress = 0;
    for (const [opcode, primitive] of Object.entries(runtime._primitives)) {
        runtime._primitives[opcode] = function (args, util) {
            const result = primitive(args, util);
            const thread = util && util.thread;
            // A reporter (an argument of the block being run) is no progress by itself.
            const isStackBlock = thread && thread.target &&
                thread.target.blocks.getOpcode(thread.target.blocks.getBlock(thread.peekStack())) === opcode;
            if (isStackBlock && thread.status !== thread.constructor.STATUS_YIELD) progress++;
            return result;
        };
    }
    let frameStart = 0;
    let progressAtLastRound = -1;
    runtime.sequencer.timer = {
        start () {
            frameStart = performance.now();
            progressAtLastRound = -1;
        },
        timeElapsed () {
            if (progress === progressAtLastRound) return Infinity;
            progressAtLastRound = progress;
            return performance.now() - frameStart;
        }
    };
}

/**
 * A `when timer >` hat that has not fired yet (its edge value is false, target.js:97-101) will
 * fire as the clock goes on, so a program waiting only for it is not finished.
 */
function timerHatPending (runtime) {
    return runtime.targets.some(target => {
        const blocks = target.blocks;
        return blocks.getScripts().some(id => {
            const hat = blocks.getBlock(id);
            return hat && hat.opcode === 'event_whengreaterthan' &&
                String(hat.fields.WHENGREATERTHANMENU && hat.fields.WHENGREATERTHANMENU.value).toLowerCase() === 'timer' &&
                !target._edgeActivatedHatValues[id];
        });
    });
}

/** Parses and validates a project once (scratch-parser, as vm.loadProject does: virtual-machine.js:319-326). */
function parseProject (text) {
    return new Promise((resolve, reject) => {
        validateProject(text, false, (error, result) => (error ? reject(error) : resolve(result)));
    });
}

const nextFrame = () => new Promise(resolve => setImmediate(resolve));

/**
 * Runs a parsed project once in a fresh VM: green flag, then frames until it is done or shouldStop()
 * says so (checked between frames). Each finished speech bubble goes to onSay; questions take
 * nextAnswer(). Resolves to 'done' or 'stopped'.
 */
async function runProject ([projectJson, zip], {clock, nextAnswer, onSay, shouldStop = () => false}) {
    const vm = new VirtualMachine();
    const runtime = vm.runtime;
    new StandInRenderer().attachTo(runtime);
    vm.setCompatibilityMode(true);
    vm.setTurboMode(false);
    runtime.currentStepTime = FRAME_MS;
    runtime.updateCurrentMSecs = () => {
        runtime.currentMSecs = clock.now;
    };
    runtime.updateCurrentMSecs();
    runtime.ioDevices.clock.resetProjectTimer();
    await vm.deserializeProject(structuredClone(projectJson), zip);
    runtime.handleProjectLoaded();

    // An `ask` by a visible sprite emits SAY(question) immediately followed by QUESTION(''):
    // hold each SAY until the next event shows whether it was a question.
    let heldSay = null;
    const flushSay = () => {
        if (heldSay !== null && heldSay !== '') onSay(heldSay);
        heldSay = null;
    };
    const emit = runtime.emit.bind(runtime);
    runtime.emit = (event, ...args) => {
        if (event === 'SAY') {
            flushSay();
            heldSay = bubbleText(args[2]);
        } else if (event === 'QUESTION' && args[0] === '') {
            heldSay = null;
        } else {
            flushSay();
        }
        if (event === 'QUESTION' && args[0] !== null) {
            // Answered once the current frame is done, as a child types after the question shows.
            queueMicrotask(() => emit('ANSWER', nextAnswer()));
        }
        return emit(event, ...args);
    };

    endFramesWhenIdle(runtime);
    // The child clicks the green flag between two frames: the project timer starts at the last
    // frame's time (runtime.js:2237 resets it to currentMSecs) and the first frame runs a frame later.
    // Edge-activated hats are judged in startHats before stepThreads updates currentMSecs
    // (runtime.js:2067-2072, sequencer.js:76), so `when timer > 0` sees the previous frame's time.
    vm.greenFlag();
    const running = () => runtime.threads.some(thread => !thread.updateMonitor) || timerHatPending(runtime);
    try {
        do {
            clock.nextFrame();
            runtime._step();
            flushSay();
            await nextFrame();
            if (shouldStop()) return 'stopped';
        } while (running());
        return 'done';
    } finally {
        runtime.emit = emit;
        clock.clear();
        vm.stopAll();
    }
}

async function main () {
    offerToOomKiller();
    const {batch, projectPath} = runnerArguments('run-scratch.js');
    let project;
    try {
        project = await parseProject(fs.readFileSync(projectPath, 'utf8'));
    } catch (error) {
        fail(`cannot load the Scratch project: ${error && error.message ? error.message : JSON.stringify(error)}`);
    }
    const runTest = (nextAnswer, shouldStop) =>
        runProject(project, {clock: new VirtualClock(), nextAnswer, onSay: writeLine, shouldStop});
    if (batch) return serveTests(runTest, error => programError(error.name || 'Error', String(error.message || error)));
    await runTest(inputLines());
    process.exit(0);
}

module.exports = {runProject, parseProject, VirtualClock};

if (require.main === module) {
    main().catch(error => fail(error && error.stack ? error.stack : String(error)));
}
