#!/usr/bin/env node
'use strict';
// Runs an Entry project.json (the temp/project.json of an .ent) with an interpreter of Entry's
// common blocks; Entry has no headless runtime. Block semantics follow entryjs (entrylabs/entryjs):
// src/playground/blocks/block_*.js, src/playground/scope.js, src/util/utils.js, src/class/*.js;
// each function below names what it copies.
//   node run-entry.js PROJECT_JSON_PATH < answers
//   node run-entry.js --tests PROJECT_JSON_PATH    every test of a submission, as lib/batch.js serves them
// Each stdin line answers one `ask_and_wait` in order (an empty answer once they run out); each
// `dialog`/`dialog_time` is one stdout line, and so is each 글상자 (text box) write: the box's text
// after it. A block outside entry-blocks.json stops the run with its name on stderr (the grader's
// reader refuses such programs before they get here).
//
// As in engine.js, every object on the current scene ticks once per frame, running its scripts
// (executors) in the order they started: a script runs until a block ends its frame (a loop
// iteration, a wait). Time is virtual: a frame advances the clock by Math.floor(1000 / FPS) ms, the
// interval engine.js ticks at in normal (not boost) mode, so `wait_second` costs no wall time.
const fs = require('fs');
const BigNumber = require('bignumber.js');
const {inputLines, writeLine, programError, fail, failAtRunTime, offerToOomKiller} = require('./lib/io');
const {serveTests, runnerArguments} = require('./lib/batch');
const supported = require('./entry-blocks.json');

const NO_OPS = new Set(supported.harmless.concat(['show_variable', 'hide_variable', 'set_visible_answer',
    'show_list', 'hide_list', 'remove_dialog', 'set_visible_project_timer']));
// init.js: `this.maxCloneLimit = 360`; object.js addCloneEntity refuses once an object has more.
const MAX_CLONES = 360;

class EntryError extends Error {}

// utils.js Entry.Utils.isNumber: a number, or a string of digits with an optional '-' and '.'.
const isNumber = value => typeof value === 'number' || (typeof value === 'string' && /^-?\d+\.?\d*$/.test(value));
// utils.js Entry.isFloat.
const isFloat = value => /\d+\.{1}\d+$/.test(value);
// utils.js Entry.convertToRoundedDecimals.
const roundedDecimals = (value, decimals) => (!isNumber(value) || !isFloat(value) ?
    value : Number(`${Math.round(`${value}e${decimals}`)}e-${decimals}`));
// utils.js Entry.getMaxFloatPoint.
function maxFloatPoint (numbers) {
    let max = 0;
    for (const number of numbers) {
        const text = String(number);
        const dot = text.indexOf('.');
        if (dot !== -1) max = Math.max(max, text.length - dot - 1);
    }
    return Math.min(max, 20);
}
// utils.js Entry.parseNumber: numeric text becomes a number unless it starts with 0 ('007' stays text).
function parseNumber (value) {
    if (typeof value === 'string') {
        if ((isNumber(value) && value[0] === '0') || (value[0] === '0' && value[1] && value[1].toLowerCase() === 'x')) return value;
        if (isNumber(value)) return Number(value);
    } else if (typeof value === 'number') {
        return value;
    }
    return false;
}
// scope.js getNumberValue: `parseFloat(value) || 0`, so '3.5kg' reads 3.5 and text reads 0.
const numberValue = value => parseFloat(value) || 0;
// scope.js getBooleanValue: undefined is false; a number (or numeric text) is its value; other text is true.
function booleanValue (value) {
    if (value === undefined) return false;
    const number = Number(value);
    return isNaN(number) ? true : Boolean(number);
}
// variable.js constructor: the stored value, parsed as Entry.parseNumber does; an empty one is 0.
function storedValue (value) {
    const parsed = parseNumber(value);
    if (typeof parsed === 'number') return parsed;
    return value ? value : 0;
}

class Program {
    constructor (project, nextAnswer) {
        this.nextAnswer = nextAnswer;
        this.now = 0;
        // engine.js ticks every Math.floor(1000 / Entry.FPS) ms; the project's speed is its FPS.
        this.fps = Number(project.speed) > 0 ? Number(project.speed) : 60;
        this.frameMs = Math.floor(1000 / this.fps);
        this.variables = new Map();
        this.answer = 0; // container.js inputValue: 0 until a question is answered
        this.asking = null; // the entity whose question the input field shows
        this.timer = {value: 0, isInit: false, isPaused: false, start: 0, pausedTime: 0, pauseStart: 0};
        for (const variable of project.variables || []) {
            const type = variable.variableType || 'variable';
            if (type === 'list') {
                this.variables.set(variable.id, {name: variable.name, object: variable.object || null,
                    list: (variable.array || []).map(item => item.data)});
            } else if (type === 'variable') {
                this.variables.set(variable.id, {name: variable.name, object: variable.object || null, value: storedValue(variable.value)});
            } else if (type === 'answer') {
                this.answer = storedValue(variable.value);
            } else if (type === 'timer') {
                this.timer.value = storedValue(variable.value);
            }
        }
        this.functions = new Map();
        for (const func of project.functions || []) {
            const definition = parseThreads(func.content).map(thread => thread[0])
                .find(block => block && (block.type === 'function_create' || block.type === 'function_create_value'));
            if (definition) {
                this.functions.set(func.id, {definition, paramIds: paramIds(definition.params[0]),
                    localVariables: (func.localVariables || []).map(local => [local.id, local.value])});
            }
        }
        this.messages = new Set((project.messages || []).map(message => message.id));
        this.castsAfterTick = [];
        this.scenes = (project.scenes || []).map(scene => scene.id);
        this.scene = this.scenes[0];
        this.objects = (project.objects || []).map(object => {
            const entry = {id: object.id, name: object.name, isTextBox: object.objectType === 'textBox', scene: object.scene,
                threads: parseThreads(object.script), executors: [], clones: [],
                sounds: (object.sprite && object.sprite.sounds) || [],
                initialText: object.entity && object.entity.text !== undefined ? String(object.entity.text) : ''};
            entry.entity = {object: entry, isClone: false, text: entry.initialText, locals: null};
            return entry;
        });
    }

    onScene (object) {
        return this.scene === undefined || object.scene === undefined || object.scene === this.scene;
    }

    /** code.js raiseEvent: every thread of the entity's object under this hat gets a new executor. */
    raise (entity, hatType, matches = () => true) {
        const started = [];
        for (const thread of entity.object.threads) {
            const [hat, ...body] = thread;
            if (!hat || hat.type !== hatType || !matches(hat)) continue;
            const executor = {entity, done: false};
            executor.steps = this.runStatements(body, {executor, entity, params: null, locals: null});
            entity.object.executors.push(executor);
            started.push(executor);
        }
        return started;
    }

    /** engine.js fireEvent: mapEntityIncludeCloneOnScene, the original first, then its clones. */
    fire (hatType, matches) {
        const started = [];
        for (const object of this.objects) {
            if (!this.onScene(object)) continue;
            for (const entity of [object.entity, ...object.clones]) started.push(...this.raise(entity, hatType, matches));
        }
        return started;
    }

    /** Runs until no script is left (resolves), a block fails (rejects) or shouldStop() says so between frames. */
    run (shouldStop = () => false) {
        return new Promise((resolve, reject) => {
            const frame = () => {
                try {
                    if (this.tick() && !shouldStop()) setImmediate(frame);
                    else resolve();
                } catch (error) {
                    reject(error);
                }
            };
            // engine.js toggleRun fires only 'start' (when_run_button_click); when_scene_start waits for a scene change.
            this.fire('when_run_button_click');
            frame();
        });
    }

    /** One frame; false once no script is running. */
    tick () {
        // engine.js computeObjects -> code.js tick: the scene's objects (taken as the frame starts)
        // in order, each running its executors; one started during its own object's tick runs in it.
        for (const object of this.objects.filter(candidate => this.onScene(candidate))) {
            const executors = object.executors;
            for (let i = 0; i < executors.length; i++) {
                const executor = executors[i];
                if (executor.done) continue;
                if (executor.steps.next().done) executor.done = true;
            }
            object.executors = object.executors.filter(executor => !executor.done);
        }
        // block_start.js message_cast: `setTimeout(() => { Entry.engine.raiseMessage(value); })`, after the tick
        for (const messageId of this.castsAfterTick.splice(0)) this.raiseMessage(messageId);
        if (!this.objects.some(object => object.executors.some(executor => !executor.done))) return false;
        this.now += this.frameMs;
        return true;
    }

    /** Runs blocks in order; returns 'break' / 'continue' for loops, 'stopThread' once the executor is ended. */
    * runStatements (blocks, scope) {
        for (const block of blocks || []) {
            if (!block) continue;
            const signal = yield* this.runBlock(block, scope);
            // executors.js: "executor can be ended after block function call"
            if (scope.executor.done) return 'stopThread';
            if (signal) return signal;
        }
        return undefined;
    }

    * loopBody (block, scope) {
        const signal = yield* this.runStatements(block.statements && block.statements[0], scope);
        yield; // executors.js: a loop's statements ending (isLooped) ends the executor's frame
        return signal;
    }

    /**
     * Ends `count` frames, as a block that `return script;` until its frameCount reaches 0 does; a count that
     * never reaches 0 by decrements (NaN, or below 0: `script.frameCount != 0` stays true) never ends.
     */
    * frames (count) {
        if (Number.isNaN(count) || count < 0) for (;;) yield;
        for (let i = 0; i < count; i++) yield;
    }

    /** A block's arguments in order, each evaluated once, as entryjs's `script.getValues` does. */
    evaluateAll (block, scope) {
        return (block.params || []).map(param => this.evaluate(param, scope));
    }

    * wait (milliseconds) {
        const until = this.now + milliseconds;
        do yield; while (this.now < until);
    }

    * runBlock (block, scope) {
        const value = index => this.evaluate(block.params[index], scope);
        switch (block.type) {
        case 'repeat_basic': { // block_flow.js repeat_basic: getNumberValue, floored; negative is an error
            const count = numberValue(value(0));
            if (count < 0) throw new EntryError('repeat_basic: a negative count');
            for (let i = 0; i < Math.floor(count); i++) {
                const signal = yield* this.loopBody(block, scope);
                if (signal === 'break') break;
                if (signal && signal !== 'continue') return signal;
            }
            return undefined;
        }
        case 'repeat_inf':
        case 'repeat_while_true':
            for (;;) {
                if (block.type === 'repeat_while_true') {
                    const condition = booleanValue(value(0));
                    if (block.params[1] === 'until' ? condition : !condition) return undefined;
                }
                const signal = yield* this.loopBody(block, scope);
                if (signal === 'break') return undefined;
                if (signal && signal !== 'continue') return signal;
            }
        case 'stop_repeat': return 'break';
        case 'continue_repeat': return 'continue';
        case '_if':
            return booleanValue(value(0)) ? yield* this.runStatements(block.statements[0], scope) : undefined;
        case 'if_else':
            return yield* this.runStatements(block.statements[booleanValue(value(0)) ? 0 : 1], scope);
        case 'wait_until_true':
            while (!booleanValue(value(0))) yield;
            return undefined;
        case 'wait_second': // block_flow.js wait_second: `60 / fps * timeValue * 1000` ms
            yield* this.wait((60 / this.fps) * numberValue(value(0)) * 1000);
            return undefined;
        case 'stop_object':
            return this.stopObject(block.params[0], scope);
        case 'message_cast': // block_start.js message_cast: the receivers start once this tick is over
            this.castsAfterTick.push(this.message(block.params[0], scope));
            return undefined;
        case 'message_cast_wait': { // block_start.js message_cast_wait: raises now, returns `script` until all end
            const started = this.raiseMessage(this.message(block.params[0], scope));
            do yield; while (started.some(executor => !executor.done));
            return undefined;
        }
        case 'ask_and_wait': { // block_variable.js ask_and_wait: an empty question is an error; the answer comes a frame later
            const question = value(0);
            if (question === undefined || question === '') throw new EntryError('ask_and_wait: the question is empty');
            this.asking = scope.entity; // `inputModel.sprite = sprite;`: one input field for the whole stage
            yield;
            // `else if (inputModel.sprite != sprite && script.isInit)`: another object asked meanwhile and took
            // the input field; this question ends unanswered.
            if (this.asking !== scope.entity) return undefined;
            this.asking = null;
            // container.js setInputValue: `if (!inputValue) this.inputValue.setValue(0)`
            this.answer = this.nextAnswer() || 0;
            return undefined;
        }
        case 'dialog':
        case 'dialog_time': {
            writeLine(String(dialogText(value(0))));
            // block_looks.js dialog_time: `timeValue = Number(timeValue)`, then setTimeout(timeValue * 1000)
            if (block.type === 'dialog_time') yield* this.wait(Number(value(1)) * 1000);
            return undefined;
        }
        case 'text_write':
        case 'text_append':
        case 'text_prepend':
        case 'text_flush': { // block_text.js: each sets the box's text; a write is an output line (SPEC)
            const entity = this.textBox(scope.entity, block.type);
            if (block.type === 'text_flush') {
                entity.text = '';
                return undefined;
            }
            const text = String(value(0));
            if (block.type === 'text_write') entity.text = text;
            else if (block.type === 'text_append') entity.text = `${entity.text}${text}`;
            else entity.text = `${text}${entity.text}`;
            writeLine(entity.text);
            return undefined;
        }
        case 'set_variable':
            this.variable(block.params[0], scope.entity).value = value(1);
            return undefined;
        case 'change_variable': {
            this.changeVariable(this.variable(block.params[0], scope.entity), value(1));
            return undefined;
        }
        case 'set_func_variable': { // block_func.js set_func_variable: the call's own copy of the local
            const locals = this.funcLocals(block.params[0], scope);
            locals.set(block.params[0], value(1));
            return undefined;
        }
        case 'add_value_to_list':
            this.list(block.params[1], scope.entity).push(value(0));
            return undefined;
        case 'remove_value_from_list': {
            const list = this.list(block.params[1], scope.entity);
            const index = value(0);
            if (!isNumber(index) || index > list.length || index < 1) throw new EntryError('remove_value_from_list: no such item');
            list.splice(Number(index) - 1, 1);
            return undefined;
        }
        case 'insert_value_to_list': {
            const list = this.list(block.params[1], scope.entity);
            const index = listIndex(value(2), list);
            if (!isNumber(index) || index < 1 || index > list.length + 1) throw new EntryError('insert_value_to_list: no such place');
            list.splice(Number(index) - 1, 0, value(0));
            return undefined;
        }
        case 'change_value_list_index': {
            const list = this.list(block.params[0], scope.entity);
            const index = listIndex(value(1), list);
            if (!isNumber(index) || index < 1 || index > list.length) throw new EntryError('change_value_list_index: no such item');
            list[Number(index) - 1] = value(2);
            return undefined;
        }
        case 'create_clone': { // block_flow.js create_clone: 'self' clones this entity, else the object's original
            const target = block.params[0];
            if (target === 'self') this.addClone(scope.entity.object, scope.entity);
            else this.addClone(this.object(target), null);
            return undefined;
        }
        case 'delete_clone': // block_flow.js delete_clone: the original goes on; a clone is removed and its script dies
            if (!scope.entity.isClone) return undefined;
            this.removeClone(scope.entity);
            return 'stopThread';
        case 'remove_all_clones': // block_flow.js remove_all_clones: every clone of this object
            for (const clone of [...scope.entity.object.clones]) this.removeClone(clone);
            return undefined;
        case 'choose_project_timer_action':
            this.timerAction(block.params[1]);
            return undefined;
        case 'move_xy_time':
        case 'locate_xy_time':
        case 'rotate_by_time':
        case 'direction_relative_duration': { // block_moving.js: they move over frames, and the script waits for them
            // `timeValue = Number(timeValue)`, `script.frameCount = Math.max(Math.floor(timeValue * Entry.FPS), 1)`;
            // `if (script.frameCount == 1) { action(); }` moves at once, else each frame moves and `return script;`.
            const [time] = this.evaluateAll(block, scope);
            const frames = Math.max(Math.floor(Number(time) * this.fps), 1);
            yield* this.frames(frames === 1 ? 0 : frames);
            return undefined;
        }
        case 'locate_object_time': { // block_moving.js: `Math.floor(timeValue * Entry.FPS)` of getNumberValue; 0 at once
            const [time] = this.evaluateAll(block, scope);
            yield* this.frames(Math.floor(numberValue(time) * this.fps));
            return undefined;
        }
        case 'sound_something_wait_with_block':
        case 'sound_something_second_wait_with_block':
        case 'sound_from_to_and_wait': { // block_sound.js: the script waits while `script.playState == 1`
            const [soundId, start, end] = this.evaluateAll(block, scope);
            const sound = soundOf(scope.entity.object, soundId);
            // Without such a sound `return script;` once, and the next frame goes on.
            if (!sound) {
                yield;
                return undefined;
            }
            // setTimeout(..., sound.duration * 1000), (..., timeValue * 1000) of getNumberValue('SECOND'), or (..., duration)
            // with `start = Number(start) * 1000; end = Number(end) * 1000; duration = endValue - startValue`.
            if (block.type === 'sound_something_wait_with_block') yield* this.wait(sound.duration * 1000);
            else if (block.type === 'sound_something_second_wait_with_block') yield* this.wait(numberValue(start) * 1000);
            else yield* this.wait(Math.abs(Number(end) - Number(start)) * 1000);
            return undefined;
        }
        case 'start_scene':
        case 'start_neighbor_scene':
            this.startScene(block.type === 'start_scene' ? block.params[0] : this.neighborScene(block.params[0]));
            return 'stopThread';
        default:
            if (block.type.startsWith('func_')) return yield* this.callFunction(block, scope);
            if (NO_OPS.has(block.type)) {
                // Their reporters still run, as Entry evaluates a block's arguments.
                this.evaluateAll(block, scope);
                return undefined;
            }
            throw new EntryError(`the block ${block.type} is not supported`);
        }
    }

    /** block_start.js message_cast: `if (value == 'null' || !isExist) { throw new Error(...) }` */
    message (param, scope) {
        const messageId = this.evaluateField(param, scope);
        if (!this.messages.has(messageId)) throw new EntryError(`the message ${messageId} does not exist`);
        return messageId;
    }

    /** engine.js raiseMessage: every entity on the scene, clones included. */
    raiseMessage (messageId) {
        return this.fire('when_message_cast', hat => hat.params.includes(messageId));
    }

    /**
     * block_variable.js change_variable: adds (exactly, keeping the longest decimals) only when both the
     * change and the variable pass Entry.Utils.isNumber; otherwise the text joins. `false` is refused.
     */
    changeVariable (variable, change) {
        if (change === false) throw new EntryError('change_variable: a boolean is not a number');
        if (isNumber(change) && isNumber(variable.value)) {
            const fixed = maxFloatPoint([change, variable.value]);
            variable.value = new BigNumber(parseNumber(change)).plus(parseNumber(variable.value)).toNumber().toFixed(fixed);
        } else {
            variable.value = `${variable.value}${change}`;
        }
    }

    /** block_flow.js stop_object. */
    stopObject (option, scope) {
        const {entity, executor} = scope;
        const stop = (object, keep = () => false) => {
            for (const other of object.executors) if (!keep(other)) other.done = true;
        };
        switch (option) {
        case 'all': // every object's scripts
            for (const object of this.objects) stop(object);
            return 'stopThread';
        case 'thisOnly': // object.script.clearExecutorsByEntity(sprite): this entity's scripts
            stop(entity.object, other => other.entity !== entity);
            return 'stopThread';
        case 'thisObject': // object.script.clearExecutors(): the object's scripts, clones' included
            stop(entity.object);
            return 'stopThread';
        case 'thisThread':
            return 'stopThread';
        case 'otherThread': // the entity's other executors; this one goes on
            stop(entity.object, other => other === executor || other.entity !== entity);
            return undefined;
        case 'other_objects': // every other object's scripts; this one goes on
            for (const object of this.objects) if (object !== entity.object) stop(object);
            return undefined;
        default:
            throw new EntryError(`stop_object: unknown option ${option}`);
        }
    }

    /** object.js addCloneEntity: the clone copies the entity it clones, then its when_clone_start scripts start. */
    addClone (object, source) {
        if (object.clones.length > MAX_CLONES) return;
        const from = source || object.entity;
        const clone = {object, isClone: true, text: from.text, locals: new Map()};
        // object.js addCloneVariables: the object's own variables and lists, as the cloned entity holds them
        for (const [id, variable] of this.variables) {
            if (variable.object !== object.id) continue;
            const current = this.entityVariable(id, variable, from);
            // variable.js clone(): `Entry.Variable.create(Object.assign(this.toJSON(), { isClone: true }))`, so the
            // constructor reads the value again (Entry.parseNumber; an empty or false value becomes 0).
            clone.locals.set(id, current.list ? {name: variable.name, list: [...current.list]} : {name: variable.name, value: storedValue(current.value)});
        }
        object.clones.push(clone);
        this.raise(clone, 'when_clone_start');
    }

    /** entity.js removeClone: the clone's scripts end with it. */
    removeClone (clone) {
        const object = clone.object;
        object.clones = object.clones.filter(other => other !== clone);
        for (const executor of object.executors) if (executor.entity === clone) executor.done = true;
    }

    /**
     * scene.js selectScene -> container.js resetSceneDuringRun: the scene left has its scripts and
     * clones cleared and its entities reset; then when_scene_start fires on the new scene.
     */
    startScene (sceneId) {
        if (sceneId === undefined || !this.scenes.includes(sceneId)) return;
        for (const object of this.objects) {
            if (!this.onScene(object)) continue;
            for (const executor of object.executors) executor.done = true;
            object.clones = [];
            object.entity.text = object.initialText;
        }
        this.scene = sceneId;
        this.fire('when_scene_start');
    }

    /** block_start.js start_neighbor_scene: the next or previous scene, if there is one. */
    neighborScene (direction) {
        const index = this.scenes.indexOf(this.scene) + (direction === 'next' ? 1 : -1);
        return this.scenes[index];
    }

    /** block_calc.js choose_project_timer_action and engine.js startProjectTimer / resetTimer, on the virtual clock. */
    timerAction (action) {
        const timer = this.timer;
        if (action === 'START') {
            if (!timer.isInit) {
                Object.assign(timer, {start: this.now, isInit: true, isPaused: false, pausedTime: 0});
            } else if (timer.isPaused) {
                timer.pausedTime += this.now - timer.pauseStart;
                timer.isPaused = false;
            }
        } else if (action === 'STOP') {
            if (timer.isInit && !timer.isPaused) Object.assign(timer, {isPaused: true, pauseStart: this.now});
        } else if (action === 'RESET') {
            if (!timer.isInit) return;
            Object.assign(timer, {value: 0, pausedTime: 0, start: this.now});
            if (timer.isPaused) timer.isInit = false;
        }
    }

    /** engine.js updateProjectTimer: seconds since the start, less the paused time; frozen while paused. */
    timerValue () {
        const timer = this.timer;
        if (timer.isInit && !timer.isPaused) timer.value = Math.max((this.now - timer.start - timer.pausedTime) / 1000, 0);
        return timer.value;
    }

    /** block_func.js function_general: arguments bind to the parameters in order; the locals are cloned per call. */
    * callFunction (block, scope) {
        const {func, inner} = this.functionScope(block, scope, 'function_create');
        const signal = yield* this.runStatements(func.definition.statements && func.definition.statements[0], inner);
        if (signal === 'stopThread') return signal;
        return undefined;
    }

    /** block_func.js function_value: funcRestExecute runs its statements to the end at once, then VALUE is the result. */
    callValueFunction (block, scope) {
        const {func, inner} = this.functionScope(block, scope, 'function_create_value');
        const steps = this.runStatements(func.definition.statements && func.definition.statements[0], inner);
        while (!steps.next().done);
        return this.evaluate(func.definition.params[3], inner);
    }

    functionScope (block, scope, definitionType) {
        const func = this.functions.get(block.type.slice('func_'.length));
        if (!func) throw new EntryError(`the function ${block.type} is not defined`);
        if (definitionType === 'function_create_value' && func.definition.type !== definitionType) {
            throw new EntryError(`${block.type} gives no value`);
        }
        const args = (block.params || []).filter(param => param && typeof param === 'object' && param.type);
        const params = new Map(func.paramIds.map((id, index) => [id, this.evaluate(args[index], scope)]));
        // _cloneDeep(func.localVariables): each call starts from the values the function declares
        const locals = new Map(func.localVariables);
        return {func, inner: {executor: scope.executor, entity: scope.entity, params, locals}};
    }

    funcLocals (id, scope) {
        if (!scope.locals || !scope.locals.has(id)) throw new EntryError(`the function variable ${id} is used outside its function`);
        return scope.locals;
    }

    object (id) {
        const object = this.objects.find(candidate => candidate.id === id);
        if (!object) throw new EntryError(`the object ${id} does not exist`);
        return object;
    }

    textBox (entity, blockType) {
        if (!entity.object.isTextBox) throw new EntryError(`${blockType} works only in a text box (글상자)`);
        return entity;
    }

    /** variable_container.js getVariable(id, sprite): a clone has its own copy of its object's variables. */
    entityVariable (id, variable, entity) {
        return variable.object && entity && entity.isClone && entity.locals.has(id) ? entity.locals.get(id) : variable;
    }

    variable (id, entity) {
        const variable = this.variables.get(id);
        if (!variable || variable.list) throw new EntryError(`the variable ${id} does not exist`);
        return this.entityVariable(id, variable, entity);
    }

    list (id, entity) {
        const variable = this.variables.get(id);
        if (!variable || !variable.list) throw new EntryError(`the list ${id} does not exist`);
        return this.entityVariable(id, variable, entity).list;
    }

    evaluateField (param, scope) {
        return param && typeof param === 'object' ? this.evaluate(param, scope) : param;
    }

    evaluate (block, scope) {
        if (block === null || block === undefined) return undefined;
        if (typeof block !== 'object') return block;
        const value = index => this.evaluate(block.params[index], scope);
        const number = index => numberValue(value(index));
        const text = index => String(value(index));
        switch (block.type) {
        case 'number': // block_calc.js number: getField('NUM'), the typed text ('007', '1.50', '')
        case 'text': return block.params[0];
        case 'angle': return Number(block.params[0]);
        case 'True': return true;
        case 'False': return false;
        case 'get_canvas_input_value': return this.answer;
        case 'get_variable': return this.variable(block.params[0], scope.entity).value;
        case 'get_func_variable': return this.funcLocals(block.params[0], scope).get(block.params[0]);
        case 'calc_basic': { // block_calc.js calc_basic: '+' joins unless both sides pass Entry.Utils.isNumber
            const operator = block.params[1];
            const leftValue = value(0);
            const rightValue = value(2);
            let left = numberValue(leftValue);
            let right = numberValue(rightValue);
            if (operator === 'PLUS') {
                if (!isNumber(leftValue)) left = leftValue;
                if (!isNumber(rightValue)) right = rightValue;
                if (typeof left === 'number' && typeof right === 'number') return new BigNumber(left).plus(right).toNumber();
                return left + right;
            }
            if (operator === 'MINUS') return new BigNumber(left).minus(right).toNumber();
            if (operator === 'MULTI') return new BigNumber(left).times(right).toNumber();
            return new BigNumber(left).dividedBy(right).toNumber();
        }
        case 'quotient_and_mod': {
            const left = number(1);
            const right = number(3);
            return block.params[5] === 'QUOTIENT' ? Math.floor(left / right) : left - right * Math.floor(left / right);
        }
        case 'calc_operation': return calcOperation(number(1), block.params[3]);
        case 'calc_rand': {
            const low = text(1);
            const high = text(3);
            const left = Math.min(low, high);
            const right = Math.max(low, high);
            if (isFloat(low) || isFloat(high)) return (Math.random() * (right - left) + left).toFixed(2);
            return Math.floor(Math.random() * (right - left + 1) + left);
        }
        case 'boolean_basic_operator': { // block_judgement.js: numeric text compares as numbers; '=' strict, '≠' loose
            let left = value(0);
            let right = value(2);
            if (typeof left === 'string' && left.length && !isNaN(Number(left))) left = Number(left);
            if (typeof right === 'string' && right.length && !isNaN(Number(right))) right = Number(right);
            switch (block.params[1]) {
            case 'EQUAL': return left === right;
            case 'NOT_EQUAL': return left != right; // entryjs's `!=`: '' ≠ 0 is false
            case 'GREATER': return left > right;
            case 'LESS': return left < right;
            case 'GREATER_OR_EQUAL': return left >= right;
            case 'LESS_OR_EQUAL': return left <= right;
            default: throw new EntryError(`boolean_basic_operator: unknown operator ${block.params[1]}`);
            }
        }
        case 'boolean_and_or': {
            const left = Boolean(value(0));
            const right = Boolean(value(2));
            return block.params[1] === 'AND' ? left && right : left || right;
        }
        case 'boolean_not': return !booleanValue(value(1));
        case 'is_type': return isType(text(0), block.params[1]);
        case 'combine_something': return `${text(1)}${text(3)}`;
        case 'length_of_string': return text(1).length;
        case 'reverse_of_string': return text(1).split('').reverse().join('');
        case 'char_at': {
            const string = text(1);
            const index = number(3) - 1;
            if (index < 0 || index > string.length - 1) throw new EntryError('char_at: no such letter');
            return string[index];
        }
        case 'substring': {
            const string = text(1);
            const start = number(3) - 1;
            const end = number(5) - 1;
            const last = string.length - 1;
            if (start < 0 || end < 0 || start > last || end > last) throw new EntryError('substring: out of the text');
            return string.substring(Math.min(start, end), Math.max(start, end) + 1);
        }
        case 'index_of_string': return text(1).indexOf(text(3)) + 1;
        case 'replace_string': { // block_calc.js replace_string: the old word escaped into a RegExp 'gm', NEW_WORD a replacement pattern
            const oldWord = text(3).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            return text(1).replace(new RegExp(oldWord, 'gm'), text(5));
        }
        case 'change_string_case': return block.params[3] === 'toLowerCase' ? text(1).toLowerCase() : text(1).toUpperCase();
        case 'count_match_string': return text(0).split(text(2)).length - 1;
        case 'value_of_index_from_list': {
            const list = this.list(block.params[1], scope.entity);
            const index = listIndex(value(3), list);
            // `if (!array || !Entry.Utils.isNumber(index) || index > array.length) throw`, then `array[index - 1].data`,
            // a TypeError for 0, below it or between two places (1.5).
            if (!isNumber(index) || index > list.length || !Object.prototype.hasOwnProperty.call(list, Number(index) - 1)) {
                throw new EntryError('value_of_index_from_list: no such item');
            }
            return list[Number(index) - 1];
        }
        case 'length_of_list': return this.list(block.params[1], scope.entity).length;
        case 'is_included_in_list': {
            const data = text(3);
            return this.list(block.params[1], scope.entity).some(item => String(item) === data);
        }
        case 'text_read': { // block_text.js text_read: 'self' must be a text box; line breaks read as spaces
            const target = block.params[0];
            const entity = target === 'self' ? this.textBox(scope.entity, 'text_read') : this.object(target).entity;
            return (entity.text || '').replace(/\n/gim, ' ');
        }
        case 'get_project_timer_value': return this.timerValue();
        // block_judgement.js is_clicked `return Entry.stage.isClick;` and is_press_some_key
        // `return Entry.pressedKeys.indexOf(keycode) >= 0;`: nobody clicks or presses a key in a graded run.
        case 'is_clicked':
        case 'is_press_some_key':
            return false;
        // block_calc.js get_sound_duration: the sound of that id's `duration` (undefined without one); get_user_name
        // `return window.user ? window.user.username : ' ';`, and nobody is signed in to Entry in a graded run.
        case 'get_sound_duration': {
            const sound = scope.entity.object.sounds.find(candidate => candidate.id === block.params[1]);
            return sound ? sound.duration : undefined;
        }
        case 'get_user_name': return ' ';
        case 'get_date': return dateValue(block.params[1]);
        default:
            if (/^(string|boolean)Param_/.test(block.type)) {
                if (!scope.params || !scope.params.has(block.type)) throw new EntryError(`${block.type} is used outside its function`);
                return scope.params.get(block.type);
            }
            if (block.type.startsWith('func_')) return this.callValueFunction(block, scope);
            if (block.type === 'get_pictures' || block.type === 'get_sounds') return block.params[0];
            throw new EntryError(`the block ${block.type} is not supported`);
        }
    }
}

/** block_looks.js dialog: '' shows four spaces, booleans True/False, anything else its text; at most 3 decimals. */
function dialogText (message) {
    let text;
    if (message === '') text = '    ';
    else if (typeof message === 'boolean') text = message ? 'True' : 'False';
    else text = `${message}`;
    return roundedDecimals(text, 3);
}

/**
 * object.js getSound(value): no value is the selected (first) sound; else by id, by name, then by its 1-based
 * place (`Entry.parseNumber(value)`, `len >= checker && checker > 0`); null when there is none.
 */
function soundOf (object, value) {
    const sounds = object.sounds;
    if (!value) return sounds[0] || null;
    const key = String(value).trim();
    const found = sounds.find(sound => sound.id == key) || sounds.find(sound => sound.name == key); // eslint-disable-line eqeqeq
    if (found) return found;
    const place = parseNumber(key);
    return place !== false && sounds.length >= place && place > 0 ? sounds[place - 1] : null;
}

/** utils.js Entry.getListRealIndex: a non-number index may be FIRST, LAST or RANDOM. */
function listIndex (index, list) {
    if (isNumber(index)) return index;
    switch (index) {
    case 'FIRST': return 1;
    case 'LAST': return list.length;
    case 'RANDOM': return Math.floor(Math.random() * list.length) + 1;
    default: return index;
    }
}

const SQRT3 = Math.sqrt(3);
const HALF_SQRT2 = Math.SQRT2 / 2;
// block_calc.js calc_operation calls `Entry.preciseTrig(value, operator)`: the angles of this table give
// exact values (sin 360 is 0, not -2.4e-16), any other angle Math's value of (angle % 360) degrees.
const TRIG = {
    sin: {0: 0, 30: 0.5, 45: HALF_SQRT2, 60: SQRT3 / 2, 90: 1, 120: SQRT3 / 2, 135: HALF_SQRT2, 150: 0.5, 180: 0,
        210: -0.5, 225: -HALF_SQRT2, 240: -SQRT3 / 2, 270: -1, 300: -SQRT3 / 2, 315: -HALF_SQRT2, 330: -0.5, 360: 0},
    cos: {0: 1, 30: SQRT3 / 2, 45: HALF_SQRT2, 60: 0.5, 90: 0, 120: -0.5, 135: -HALF_SQRT2, 150: -SQRT3 / 2, 180: -1,
        210: -SQRT3 / 2, 225: -HALF_SQRT2, 240: -0.5, 270: 0, 300: 0.5, 315: HALF_SQRT2, 330: SQRT3 / 2, 360: 1},
    tan: {0: 0, 30: SQRT3 / 3, 45: 1, 60: SQRT3, 90: Infinity, 120: -SQRT3, 135: -1, 150: -SQRT3 / 3, 180: 0,
        210: SQRT3 / 3, 225: 1, 240: SQRT3, 270: -Infinity, 300: -SQRT3, 315: -1, 330: -SQRT3 / 3, 360: 0}
};

function preciseTrig (degrees, operator) {
    const angle = degrees % 360;
    const table = TRIG[operator];
    if (Object.prototype.hasOwnProperty.call(table, angle)) return table[angle];
    return Math[operator]((angle * Math.PI) / 180);
}

/** block_calc.js calc_operation; an operation outside the menu falls back to `Math[operator](value)`. */
function calcOperation (value, operatorField) {
    if (['asin_radian', 'acos_radian'].includes(operatorField) && (value > 1 || value < -1)) {
        throw new EntryError('calc_operation: x range exceeded');
    }
    let operator = String(operatorField);
    if (operator.indexOf('_')) operator = operator.split('_')[0];
    switch (operator) {
    case 'square': return value * value;
    case 'factorial': return factorial(value);
    case 'root': return Math.sqrt(value);
    case 'log': return Math.log(value) / Math.LN10;
    case 'ln': return Math.log(value);
    case 'asin': case 'acos': case 'atan': return (Math[operator](value) * 180) / Math.PI;
    case 'sin': case 'cos': case 'tan': return preciseTrig(value, operator);
    case 'unnatural': {
        // The fractional part; a negative number counts it from below (-3.25 gives 0.25), an integer has none.
        const fraction = new BigNumber(value).minus(Math.floor(value)).toNumber();
        return value < 0 && fraction !== 0 ? 1 - fraction : fraction;
    }
    default:
        if (typeof Math[operator] !== 'function') throw new EntryError(`calc_operation: Math[${operator}] is not a function`);
        return Math[operator](value);
    }
}

/** utils.js Entry.factorial: n === 0 or 1 gives 1, else n * (n - 1)!; any other number never reaches 1. */
function factorial (n) {
    if (!Number.isInteger(n) || n < 0) throw new EntryError(`calc_operation: the factorial of ${n} never ends`);
    let result = 1;
    for (let i = 2; i <= n; i++) result *= i;
    return result;
}

/** block_judgement.js is_type: a number (Entry.Utils.isNumber), English letters only, or Hangul only. */
function isType (text, type) {
    if (type === 'number') return isNumber(text);
    if (type === 'en') return /^[a-zA-Z]+$/.test(text);
    if (type === 'ko') return /^[ㄱ-ㅎㅏ-ㅣ가-힣]+$/.test(text);
    throw new EntryError(`is_type: unknown type ${type}`);
}

/** block_calc.js get_date: the machine's clock; the month counts from 1. */
function dateValue (field) {
    const now = new Date();
    switch (field) {
    case 'YEAR': return now.getFullYear();
    case 'MONTH': return now.getMonth() + 1;
    case 'DAY': return now.getDate();
    case 'HOUR': return now.getHours();
    case 'MINUTE': return now.getMinutes();
    case 'DAY_OF_WEEK': return now.getDay();
    default: return now.getSeconds();
    }
}

/** The stringParam_/booleanParam_ ids of a function_field_* chain, in order. */
function paramIds (field) {
    const ids = [];
    for (let node = field; node && typeof node === 'object'; node = node.params && node.params[1]) {
        if (node.type === 'function_field_string' || node.type === 'function_field_boolean') {
            ids.push(node.params[0].type);
        }
    }
    return ids;
}

function parseThreads (script) {
    if (!script) return [];
    return typeof script === 'string' ? JSON.parse(script) : script;
}

/** What a child reads when a block fails: entryjs's own message, or the stack running out in recursion. */
function describeError (error) {
    if (error instanceof RangeError && /call stack/.test(error.message)) {
        return programError('RecursionError', 'a function calls itself too deeply (maximum call stack size exceeded)');
    }
    return programError(error instanceof EntryError ? 'EntryError' : error.name, error.message);
}

function main () {
    offerToOomKiller();
    const {batch, projectPath} = runnerArguments('run-entry.js');
    let project;
    try {
        project = JSON.parse(fs.readFileSync(projectPath, 'utf8'));
    } catch (error) {
        fail(`cannot read the Entry project: ${error.message}`);
    }
    const runTest = (nextAnswer, shouldStop) => new Program(structuredClone(project), nextAnswer).run(shouldStop);
    if (batch) {
        serveTests(runTest, describeError);
        return;
    }
    runTest(inputLines()).then(() => process.exit(0), error => {
        const {type, message} = describeError(error);
        failAtRunTime(type, message);
    });
}

main();
