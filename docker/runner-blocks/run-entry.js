#!/usr/bin/env node
'use strict';
// Runs an Entry project.json (the temp/project.json of an .ent) with an interpreter of Entry's
// common blocks; Entry has no headless runtime. Block semantics follow entryjs's block_*.js
// (calc, judgement, flow, variable, func, looks); each function below names what it copies.
//   node run-entry.js PROJECT_JSON_PATH < answers
// Each stdin line answers one `ask_and_wait` in order (an empty answer once they run out); each
// `dialog`/`dialog_time` is one stdout line. A block outside entry-blocks.json stops the run with
// its name on stderr (the grader's reader refuses such programs before they get here).
//
// Scripts are cooperative threads stepped once per frame, as Entry's engine ticks: a loop yields
// after each iteration, waits yield until done. Time is virtual (one frame = 1/60 s), so
// `wait_second` costs no wall time.
const fs = require('fs');
const BigNumber = require('bignumber.js');
const {inputLines, writeLine, fail, failAtRunTime, offerToOomKiller} = require('./lib/io');
const supported = require('./entry-blocks.json');

const FRAME_MS = 1000 / 60;
const NO_OPS = new Set(supported.harmless.concat(['show_variable', 'hide_variable', 'set_visible_answer',
    'show_list', 'hide_list', 'remove_dialog']));

class EntryError extends Error {}

// entryjs Entry.Utils.isNumber: a number, or a string of digits with an optional '-' and '.'.
const isNumber = value => typeof value === 'number' || (typeof value === 'string' && /^-?\d+\.?\d*$/.test(value));
// entryjs Entry.isFloat.
const isFloat = value => /\d+\.{1}\d+$/.test(value);
// entryjs Entry.convertToRoundedDecimals.
const roundedDecimals = (value, decimals) => (!isNumber(value) || !isFloat(value) ?
    value : Number(`${Math.round(`${value}e${decimals}`)}e-${decimals}`));
// entryjs Entry.getMaxFloatPoint.
function maxFloatPoint (numbers) {
    let max = 0;
    for (const number of numbers) {
        const text = String(number);
        const dot = text.indexOf('.');
        if (dot !== -1) max = Math.max(max, text.length - dot - 1);
    }
    return Math.min(max, 20);
}
const parseNumber = value => (typeof value === 'number' ? value : Number(value));
// entryjs Scope.getBooleanValue: undefined is false; a number (or numeric string) is its value; other text is true.
function toBoolean (value) {
    if (value === undefined) return false;
    const number = Number(value);
    return isNaN(number) ? true : Boolean(number);
}

class Program {
    constructor (project, nextAnswer) {
        this.nextAnswer = nextAnswer;
        this.answer = '';
        this.now = 0;
        this.threads = [];
        this.variables = new Map();
        for (const variable of project.variables || []) {
            if (variable.variableType === 'list') {
                this.variables.set(variable.id, {name: variable.name, list: (variable.array || []).map(item => item.data)});
            } else if (!variable.variableType || variable.variableType === 'variable') {
                this.variables.set(variable.id, {name: variable.name, value: variable.value});
            }
        }
        this.functions = new Map();
        for (const func of project.functions || []) {
            const definition = parseThreads(func.content).map(thread => thread[0])
                .find(block => block && (block.type === 'function_create' || block.type === 'function_create_value'));
            if (definition) this.functions.set(func.id, {definition, paramIds: paramIds(definition.params[0])});
        }
        this.objects = (project.objects || []).map(object => ({name: object.name, threads: parseThreads(object.script)}));
    }

    startAll (hatType, matches = () => true) {
        const started = [];
        for (const object of this.objects) {
            for (const thread of object.threads) {
                const [hat, ...body] = thread;
                if (hat && hat.type === hatType && matches(hat)) {
                    const running = {object, steps: this.runStatements(body, {object, params: null}), done: false};
                    this.threads.push(running);
                    started.push(running);
                }
            }
        }
        return started;
    }

    run () {
        this.startAll('when_run_button_click');
        this.startAll('when_scene_start');
        const frame = () => {
            for (const thread of [...this.threads]) {
                if (thread.done) continue;
                const step = thread.steps.next();
                if (step.done) {
                    thread.done = true;
                    if (step.value === 'stopAll') this.threads.forEach(other => (other.done = true));
                }
            }
            this.threads = this.threads.filter(thread => !thread.done);
            if (this.threads.length === 0) process.exit(0);
            this.now += FRAME_MS;
            setImmediate(frame);
        };
        frame();
    }

    /** Runs blocks in order; returns 'break' / 'continue' for loops, 'stopThread' / 'stopAll'. */
    * runStatements (blocks, scope) {
        for (const block of blocks || []) {
            if (!block) continue;
            const signal = yield* this.runBlock(block, scope);
            if (signal) return signal;
        }
        return undefined;
    }

    * loopBody (block, scope) {
        const signal = yield* this.runStatements(block.statements && block.statements[0], scope);
        yield; // Entry ends the frame after each loop iteration
        return signal;
    }

    * wait (milliseconds) {
        const until = this.now + milliseconds;
        do yield; while (this.now < until);
    }

    * runBlock (block, scope) {
        const value = (index) => this.evaluate(block.params[index], scope);
        switch (block.type) {
        case 'repeat_basic': { // block_flow.js: the count is read once, floored
            const count = Number(value(0));
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
                    const condition = toBoolean(value(0));
                    if (block.params[1] === 'until' ? condition : !condition) return undefined;
                }
                const signal = yield* this.loopBody(block, scope);
                if (signal === 'break') return undefined;
                if (signal && signal !== 'continue') return signal;
            }
        case 'stop_repeat': return 'break';
        case 'continue_repeat': return 'continue';
        case '_if':
            return toBoolean(value(0)) ? yield* this.runStatements(block.statements[0], scope) : undefined;
        case 'if_else':
            return yield* this.runStatements(block.statements[toBoolean(value(0)) ? 0 : 1], scope);
        case 'wait_until_true':
            while (!toBoolean(value(0))) yield;
            return undefined;
        case 'wait_second':
            yield* this.wait(Number(value(0)) * 1000);
            return undefined;
        case 'stop_object': {
            const option = block.params[0];
            if (option === 'all') return 'stopAll';
            if (option === 'thisThread' || option === 'thisOnly' || option === 'thisObject') return 'stopThread';
            return undefined;
        }
        case 'message_cast':
        case 'message_cast_wait': {
            const messageId = this.evaluateField(block.params[0], scope);
            const started = this.startAll('when_message_cast', hat => hat.params.includes(messageId));
            if (block.type === 'message_cast_wait') {
                while (started.some(thread => !thread.done)) yield;
            }
            return undefined;
        }
        case 'ask_and_wait': { // block_variable.js: an empty question is an error; the answer comes a frame later
            const question = value(0);
            if (question === undefined || question === '') throw new EntryError('ask_and_wait: the question is empty');
            yield;
            this.answer = this.nextAnswer();
            return undefined;
        }
        case 'dialog':
        case 'dialog_time': { // block_looks.js: numbers with decimals show at most 3 of them
            writeLine(String(roundedDecimals(value(0), 3)));
            if (block.type === 'dialog_time') yield* this.wait(Number(value(1)) * 1000);
            return undefined;
        }
        case 'set_variable':
            this.variable(block.params[0]).value = value(1);
            return undefined;
        case 'change_variable': { // block_variable.js: numeric sums keep the longest decimals, else text joins
            const variable = this.variable(block.params[0]);
            const change = value(1);
            if (change === false) throw new EntryError('change_variable: a boolean is not a number');
            if (isNumber(change) && !isNaN(variable.value)) {
                const fixed = maxFloatPoint([change, variable.value]);
                variable.value = new BigNumber(parseNumber(change)).plus(parseNumber(variable.value)).toNumber().toFixed(fixed);
            } else {
                variable.value = `${variable.value}${change}`;
            }
            return undefined;
        }
        case 'add_value_to_list':
            this.list(block.params[1]).push(value(0));
            return undefined;
        case 'remove_value_from_list': {
            const list = this.list(block.params[1]);
            const index = value(0);
            if (!isNumber(index) || index > list.length || index < 1) throw new EntryError('remove_value_from_list: no such item');
            list.splice(Number(index) - 1, 1);
            return undefined;
        }
        case 'insert_value_to_list': {
            const list = this.list(block.params[1]);
            const index = listIndex(value(2), list);
            if (!isNumber(index) || index < 1 || index > list.length + 1) throw new EntryError('insert_value_to_list: no such place');
            list.splice(Number(index) - 1, 0, value(0));
            return undefined;
        }
        case 'change_value_list_index': {
            const list = this.list(block.params[0]);
            const index = listIndex(value(1), list);
            if (!isNumber(index) || index < 1 || index > list.length) throw new EntryError('change_value_list_index: no such item');
            list[Number(index) - 1] = value(2);
            return undefined;
        }
        default:
            if (block.type.startsWith('func_')) return yield* this.callFunction(block, scope);
            if (NO_OPS.has(block.type)) {
                // Their reporters still run, as Entry evaluates a block's arguments.
                for (const param of block.params || []) this.evaluate(param, scope);
                return undefined;
            }
            throw new EntryError(`the block ${block.type} is not supported`);
        }
    }

    /** block_func.js function_general: arguments bind to the definition's parameters in order. */
    * callFunction (block, scope) {
        const func = this.functions.get(block.type.slice('func_'.length));
        if (!func) throw new EntryError(`the function ${block.type} is not defined`);
        const args = (block.params || []).filter(param => param && typeof param === 'object' && param.type);
        const params = new Map(func.paramIds.map((id, index) => [id, this.evaluate(args[index], scope)]));
        const signal = yield* this.runStatements(func.definition.statements && func.definition.statements[0],
            {object: scope.object, params});
        if (signal === 'stopAll' || signal === 'stopThread') return signal;
        return undefined;
    }

    variable (id) {
        const variable = this.variables.get(id);
        if (!variable || variable.list) throw new EntryError(`the variable ${id} does not exist`);
        return variable;
    }

    list (id) {
        const variable = this.variables.get(id);
        if (!variable || !variable.list) throw new EntryError(`the list ${id} does not exist`);
        return variable.list;
    }

    evaluateField (param, scope) {
        return param && typeof param === 'object' ? this.evaluate(param, scope) : param;
    }

    evaluate (block, scope) {
        if (block === null || block === undefined) return undefined;
        if (typeof block !== 'object') return block;
        const value = index => this.evaluate(block.params[index], scope);
        const number = index => Number(value(index));
        const text = index => String(value(index));
        switch (block.type) {
        case 'number': return Number(block.params[0]);
        case 'text': return block.params[0];
        case 'angle': return Number(block.params[0]);
        case 'True': return true;
        case 'False': return false;
        case 'get_canvas_input_value': return this.answer;
        case 'get_variable': return this.variable(block.params[0]).value;
        case 'calc_basic': { // block_calc.js: '+' joins unless both sides read as numbers
            const operator = block.params[1];
            let left = number(0);
            let right = number(2);
            if (operator === 'PLUS') {
                const leftValue = value(0);
                const rightValue = value(2);
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
        case 'boolean_basic_operator': { // block_judgement.js: numeric text compares as numbers, '=' is strict
            let left = value(0);
            let right = value(2);
            if (typeof left === 'string' && left.length && !isNaN(Number(left))) left = Number(left);
            if (typeof right === 'string' && right.length && !isNaN(Number(right))) right = Number(right);
            switch (block.params[1]) {
            case 'EQUAL': return left === right;
            case 'NOT_EQUAL': return left !== right;
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
        case 'boolean_not': return !toBoolean(value(1));
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
        case 'replace_string': return text(1).split(text(3)).join(text(5));
        case 'change_string_case': return block.params[3] === 'toLowerCase' ? text(1).toLowerCase() : text(1).toUpperCase();
        case 'count_match_string': return text(0).split(text(2)).length - 1;
        case 'value_of_index_from_list': {
            const list = this.list(block.params[1]);
            const index = listIndex(value(3), list);
            if (!isNumber(index) || index > list.length || index < 1) throw new EntryError('value_of_index_from_list: no such item');
            return list[Number(index) - 1];
        }
        case 'length_of_list': return this.list(block.params[1]).length;
        case 'is_included_in_list': {
            const data = text(3);
            return this.list(block.params[1]).some(item => String(item) === data);
        }
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

    /** block_func.js function_create_value: its statements run to the end, then its VALUE is the result. */
    callValueFunction (block, scope) {
        const func = this.functions.get(block.type.slice('func_'.length));
        if (!func || func.definition.type !== 'function_create_value') throw new EntryError(`${block.type} gives no value`);
        const args = (block.params || []).filter(param => param && typeof param === 'object' && param.type);
        const params = new Map(func.paramIds.map((id, index) => [id, this.evaluate(args[index], scope)]));
        const inner = {object: scope.object, params};
        const steps = this.runStatements(func.definition.statements && func.definition.statements[0], inner);
        // A value block cannot wait for frames: its statements run to the end at once.
        while (!steps.next().done);
        return this.evaluate(func.definition.params[3], inner);
    }
}

/** entryjs Entry.getListRealIndex: 'last' and 'random' name an index. */
function listIndex (index, list) {
    if (index === 'last') return list.length;
    if (index === 'random') return Math.floor(Math.random() * list.length) + 1;
    return index;
}

/** block_calc.js calc_operation, with the trigonometry in degrees as Entry's menus are. */
function calcOperation (value, operatorField) {
    if (['asin_radian', 'acos_radian'].includes(operatorField) && (value > 1 || value < -1)) {
        throw new EntryError('calc_operation: x range exceeded');
    }
    const operator = operatorField.split('_')[0];
    const toDegrees = radians => (radians * 180) / Math.PI;
    const toRadians = degrees => (degrees * Math.PI) / 180;
    switch (operator) {
    case 'square': return value * value;
    case 'factorial': {
        let result = 1;
        for (let i = 2; i <= value; i++) result *= i;
        return result;
    }
    case 'root': return Math.sqrt(value);
    case 'log': return Math.log(value) / Math.LN10;
    case 'ln': return Math.log(value);
    case 'sin': case 'cos': case 'tan': return Math[operator](toRadians(value));
    case 'asin': case 'acos': case 'atan': return toDegrees(Math[operator](value));
    case 'unnatural': {
        const fraction = new BigNumber(value).minus(Math.floor(value)).toNumber();
        return value < 0 ? 1 - fraction : fraction;
    }
    case 'floor': case 'ceil': case 'round': case 'abs': return Math[operator](value);
    default: throw new EntryError(`calc_operation: unknown operation ${operatorField}`);
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

function main () {
    offerToOomKiller();
    const [projectPath] = process.argv.slice(2);
    if (!projectPath) fail('usage: run-entry.js PROJECT_JSON_PATH');
    let project;
    try {
        project = JSON.parse(fs.readFileSync(projectPath, 'utf8'));
    } catch (error) {
        fail(`cannot read the Entry project: ${error.message}`);
    }
    const program = new Program(project, inputLines());
    process.on('uncaughtException', error => {
        if (error instanceof RangeError && /call stack/.test(error.message)) {
            failAtRunTime('RecursionError', 'a function calls itself too deeply (maximum call stack size exceeded)');
        }
        failAtRunTime(error instanceof EntryError ? 'EntryError' : error.name, error.message);
    });
    program.run();
}

main();
