#!/usr/bin/env node
'use strict';
// Runs a Scratch 3 project.json in the real scratch-vm, headless.
//   node run-scratch.js PROJECT_JSON_PATH < answers
// Each stdin line answers one `ask` in order (an empty answer once they run out); each non-empty
// `say`/`think` is one stdout line, formatted as Scratch's speech bubble shows it. The `ask`
// question is not output. The process ends when no script is running any more; a `forever` loop
// runs until the harness's time limit.
//
// Time is virtual: every frame advances the clock by one frame (1/60 s) however long it really
// took, so `wait 2`, `say … for 2 seconds` and glides cost no wall time, and scripts that
// coordinate through waits interleave the same way on every run.
const fs = require('fs');
const {inputLines, writeLine, silenceConsole, fail, offerToOomKiller} = require('./lib/io');

silenceConsole();
stubSvgRenderer();
const VirtualMachine = require('scratch-vm');

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

const FRAME_MS = 1000 / 60;
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
 * Replaces the wall clock scratch-vm reads (Date.now for stack timers and the `timer` block,
 * setTimeout for `say … for secs`) with one that moves only when advance() is called.
 */
function installVirtualClock () {
    let now = Date.now();
    const realSetTimeout = global.setTimeout;
    const realClearTimeout = global.clearTimeout;
    const timers = new Set();
    Date.now = () => now;
    global.setTimeout = (handler, delay = 0, ...args) => {
        const timer = {due: now + Math.max(0, Number(delay) || 0), run: () => handler(...args)};
        timers.add(timer);
        return timer;
    };
    global.clearTimeout = timer => (timers.has(timer) ? timers.delete(timer) : realClearTimeout(timer));
    return {
        realSetTimeout,
        advance (ms) {
            now += ms;
            for (const timer of [...timers]) {
                if (timer.due <= now) {
                    timers.delete(timer);
                    timer.run();
                }
            }
        }
    };
}

/**
 * In turbo mode a frame keeps stepping its threads for 75% of a frame's real time, and a thread
 * that waits (`wait`, `wait until`, glide, `broadcast and wait`) counts as running. With the clock
 * frozen inside a frame those rounds can change nothing, so the frame ends at the first round in
 * which no script got past a block.
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

async function main () {
    offerToOomKiller();
    const [projectPath] = process.argv.slice(2);
    if (!projectPath) fail('usage: run-scratch.js PROJECT_JSON_PATH');
    const nextAnswer = inputLines();
    const vm = new VirtualMachine();
    const runtime = vm.runtime;
    try {
        await vm.loadProject(fs.readFileSync(projectPath, 'utf8'));
    } catch (error) {
        fail(`cannot load the Scratch project: ${error && error.message ? error.message : error}`);
    }

    // An `ask` by a visible sprite emits SAY(question) immediately followed by QUESTION(''):
    // hold each SAY until the next event shows whether it was a question.
    let heldSay = null;
    const flushSay = () => {
        if (heldSay !== null && heldSay !== '') writeLine(heldSay);
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

    const clock = installVirtualClock();
    endFramesWhenIdle(runtime);
    runtime.currentStepTime = FRAME_MS;
    vm.setTurboMode(true);
    vm.greenFlag();

    const running = () => runtime.threads.some(thread => !thread.updateMonitor);
    const frame = () => {
        runtime._step();
        flushSay();
        if (!running()) process.exit(0);
        clock.advance(FRAME_MS);
        setImmediate(frame);
    };
    frame();
}

main().catch(error => fail(error && error.stack ? error.stack : String(error)));
