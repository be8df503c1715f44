'use strict';
// Entry's casting and block rules, each expected output taken from the entryjs line named beside it
// (entrylabs/entryjs; block_*.js are under src/playground/blocks/).
const test = require('node:test');
const assert = require('node:assert/strict');
const {block, number, text, say, whenStart, wait, repeat, calc, compare, join, getVariable, setVariable,
    changeVariable, variable, list, runEntry, runBlocks} = require('./entry-project');

test('dialog shows booleans as True/False and an empty text as four spaces', () => {
    const {lines} = runBlocks([say(block('True')), say(compare(text('apple'), 'EQUAL', text('APPLE'))), say(text(''))]);
    // block_looks.js dialog: `} else if (typeof message === 'boolean') { message = message ? 'True' : 'False';`
    // and `if (message === '') { message = '    ';`
    assert.deepEqual(lines, ['True', 'False', '    ']);
});

test('numbers are read with parseFloat(v) || 0: 3.5kg × 2 is 7, repeat "2번" runs twice, text is 0', () => {
    const {lines} = runBlocks([
        say(calc(text('3.5kg'), 'MULTI', number(2))),
        repeat(text('2번'), [say(text('again'))]),
        say(calc(text('abc'), 'MINUS', number(1))),
        say(calc(text('3.5kg'), 'PLUS', number(2)))
    ]);
    // scope.js: `getNumberValue(key, scope) { return parseFloat(this.getValue(key, scope)) || 0; }`, used by
    // block_calc.js calc_basic (`script.getNumberValue('LEFTHAND', script)`) and block_flow.js repeat_basic;
    // calc_basic's '+' keeps the text when `!Entry.Utils.isNumber(leftStringValue)`, so '3.5kg' + 2 joins.
    assert.deepEqual(lines, ['7', 'again', 'again', '-1', '3.5kg2']);
});

test('a number block gives its typed text (007, 1.50); an emptied one is not equal to 0', () => {
    const {lines} = runBlocks([
        say(number('007')),
        say(block('length_of_string', [null, number('1.50'), null])),
        say(compare(number('007'), 'EQUAL', number(7))),
        say(compare(number(''), 'EQUAL', number(0))),
        say(compare(number(''), 'NOT_EQUAL', number(0)))
    ]);
    // block_calc.js number: `func(sprite, script) { return script.getField('NUM', script); }` keeps the text;
    // utils.js convertToRoundedDecimals leaves '007' alone (`!this.isFloat(value)`); block_judgement.js turns
    // numeric text into numbers only `if (typeof leftValue === 'string' && leftValue.length)`, so '' = 0 is
    // false, and '' ≠ 0 is `leftValue != rightValue`, loosely false as well.
    assert.deepEqual(lines, ['007', '4', 'True', 'False', 'False']);
});

test('= is strict and ≠ loose', () => {
    const {lines} = runBlocks([
        say(compare(text('10'), 'EQUAL', number(10))),
        say(compare(block('True'), 'EQUAL', number(1))),
        say(compare(block('True'), 'NOT_EQUAL', number(1))),
        say(compare(text('a'), 'NOT_EQUAL', text('A')))
    ]);
    // block_judgement.js boolean_basic_operator: `case 'EQUAL': return leftValue === rightValue;`
    // and `case 'NOT_EQUAL': return leftValue != rightValue;`
    assert.deepEqual(lines, ['True', 'False', 'False', 'True']);
});

const operation = (value, operator) => say(block('calc_operation', [null, number(value), null, operator]));

test('calc_operation: exact trigonometry on the table, the fractional part, Math for an unknown operation', () => {
    const {lines} = runBlocks([operation(360, 'sin'), operation(90, 'cos'), operation(30, 'sin'), operation(45, 'tan'),
        operation(10, 'sin'), operation(-3, 'unnatural'), operation(-3.25, 'unnatural'), operation(3.75, 'unnatural'),
        operation(0, 'exp'), operation(5, 'factorial'), operation(0.5, 'asin_radian')]);
    // block_calc.js calc_operation: `returnVal = Entry.preciseTrig(value, operator);` (sin 360 is 0, not
    // -2.4e-16; sin 10 is Math.sin of 10°, shown with three decimals); unnatural is
    // `new BigNumber(value).minus(Math.floor(value))`, `1 - returnVal` below zero (-3.25 gives 0.25), and a
    // negative integer has none (issue 16); `default: returnVal = Math[operator](value);` gives Math.exp(0).
    assert.deepEqual(lines, ['0', '0', '0.5', '1', '0.174', '0', '0.25', '0.75', '1', '120', '30']);
});

test('calc_operation outside Math is a runtime error naming it', () => {
    const result = runBlocks([operation(1, 'nothing')]);
    // block_calc.js: `returnVal = Math[operator](value)` throws when Math has no such function.
    assert.equal(result.status, 1);
    assert.match(result.stderr, /Math\[nothing\]/);
});

test('change_variable adds only when both sides pass Entry.Utils.isNumber, else joins', () => {
    const {lines} = runBlocks([
        setVariable('v', block('True')), changeVariable('v', number(1)), say(getVariable('v')),
        setVariable('v', text('10')), changeVariable('v', number(5)), say(getVariable('v')),
        setVariable('v', number('0.1')), changeVariable('v', number('0.2')), say(getVariable('v')),
        setVariable('v', number('007')), changeVariable('v', number(1)), say(getVariable('v')),
        setVariable('v', text('abc')), changeVariable('v', number(1)), say(getVariable('v'))
    ], {variables: [variable('v', 0)]});
    // block_variable.js change_variable: `if (Entry.Utils.isNumber(value) && variable.isNumber())` adds with
    // BigNumber to `fixed` decimals, `else { sumValue = `${variableValue}${value}`; }`; variable.js
    // `isNumber() { return Entry.Utils.isNumber(this.value_); }` fails for true.
    assert.deepEqual(lines, ['true1', '15', '0.3', '8', 'abc1']);
});

test('change_variable by false is an error', () => {
    const result = runBlocks([changeVariable('v', block('False'))], {variables: [variable('v', 0)]});
    // block_variable.js change_variable: `if (value == false && typeof value === 'boolean') { throw new Error('Type is not correct');`
    assert.equal(result.status, 1);
});

test('the answer is 0 before any question, and an empty answer is 0', () => {
    const answer = block('get_canvas_input_value', [null]);
    const {lines} = runBlocks([say(answer), block('ask_and_wait', [text('name?'), null]), say(answer)]);
    // container.js: the answer variable starts as stored ('0'); setInputValue: `if (!inputValue) { this.inputValue.setValue(0); }`
    assert.deepEqual(lines, ['0', '0']);
});

test('a question asked while another object\'s is open takes the input field; the first ends unanswered', () => {
    const answer = block('get_canvas_input_value', [null]);
    const ask = question => block('ask_and_wait', [text(question), null]);
    const {lines} = runEntry({objects: [
        {scripts: [[whenStart(), ask('first?'), say(join(text('first got '), answer))]]},
        {scripts: [[whenStart(), ask('second?'), say(join(text('second got '), answer))]]}]}, 'Ana\n');
    // block_variable.js ask_and_wait: `inputModel.sprite = sprite;` for the second object, so the first sees
    // `inputModel.sprite != sprite && script.isInit` and `return script.callReturn();` before any answer.
    assert.deepEqual(lines, ['first got 0', 'second got Ana']);
});

test('list indexes FIRST, LAST and RANDOM', () => {
    const item = index => say(block('value_of_index_from_list', [null, 'l', null, text(index)]));
    const {lines} = runBlocks([item('FIRST'), item('LAST'), item('RANDOM')], {variables: [list('l', ['a', 'b', 'c'])]});
    // utils.js getListRealIndex: `if (!Entry.Utils.isNumber(index)) { switch (index) { case 'FIRST': index = 1; ...
    // case 'LAST': index = list.getArray().length; ... case 'RANDOM': index = Math.floor(Math.random() * ...) + 1;`
    assert.deepEqual(lines.slice(0, 2), ['a', 'c']);
    assert.ok(['a', 'b', 'c'].includes(lines[2]));
    const lower = runBlocks([item('last')], {variables: [list('l', ['a'])]});
    // block_variable.js value_of_index_from_list: `if (!array || !Entry.Utils.isNumber(index) ...) throw`
    assert.equal(lower.status, 1);
});

const stop = option => block('stop_object', [option, null]);
const twoScripts = (first, second, other = [[whenStart(), wait(1), say(text('other object'))]]) => runEntry({objects: [
    {scripts: [[whenStart(), ...first], [whenStart(), ...second]]}, {scripts: other}]});

test('stop_object thisOnly stops this entity\'s scripts, other objects go on', () => {
    const {lines} = twoScripts([wait(0.5), say(text('stopped'))], [say(text('stop')), stop('thisOnly'), say(text('never'))]);
    // block_flow.js stop_object: `case 'thisOnly': object.script.clearExecutorsByEntity(sprite); return this.die();`
    assert.deepEqual(lines, ['stop', 'other object']);
});

test('stop_object thisObject stops the object\'s scripts, its clones\' too', () => {
    const {lines} = runEntry({objects: [{scripts: [
        [whenStart(), block('create_clone', ['self', null]), wait(0.1), stop('thisObject'), say(text('never'))],
        [block('when_clone_start', [null]), wait(0.5), say(text('clone'))]]},
    {scripts: [[whenStart(), wait(1), say(text('other object'))]]}]});
    // block_flow.js stop_object: `case 'thisObject': object.script.clearExecutors(); return this.die();`
    assert.deepEqual(lines, ['other object']);
});

test('stop_object otherThread stops this entity\'s other scripts and goes on', () => {
    const {lines} = twoScripts([wait(0.5), say(text('stopped'))], [stop('otherThread'), say(text('goes on'))]);
    // block_flow.js stop_object otherThread: removes executors `currentExecutor !== executor && currentExecutor.entity.id === spriteId`, then `return script.callReturn();`
    assert.deepEqual(lines, ['goes on', 'other object']);
});

test('stop_object other_objects stops every other object and goes on', () => {
    const {lines} = twoScripts([wait(0.5), say(text('same object'))], [stop('other_objects'), say(text('goes on'))]);
    // block_flow.js stop_object other_objects: `if (!obj.objectType || obj === object) { return; } obj.script.clearExecutors();`
    assert.deepEqual(lines, ['goes on', 'same object']);
});

test('stop_object thisThread stops only its script; all stops everything', () => {
    const thread = twoScripts([wait(0.5), say(text('same object'))], [stop('thisThread'), say(text('never'))]);
    // block_flow.js stop_object: `case 'thisThread': return this.die();`
    assert.deepEqual(thread.lines, ['same object', 'other object']);
    const all = twoScripts([wait(0.5), say(text('never'))], [say(text('stop')), stop('all')]);
    // block_flow.js stop_object: `case 'all': Entry.container.mapObject(... obj.script.clearExecutors(); ...)`
    assert.deepEqual(all.lines, ['stop']);
});

test('message_cast starts its receivers once the tick is over; message_cast_wait waits at least a frame', () => {
    const {lines} = runEntry({messages: ['m'], objects: [
        {scripts: [[whenStart(), block('message_cast', ['m', null]), say(text('cast')),
            block('message_cast_wait', ['m', null]), say(text('after wait'))]]},
        {scripts: [[whenStart(), repeat(number(3), [say(text('loop'))])], [block('when_message_cast', ['m', null]), say(text('heard'))]]}]});
    // block_start.js message_cast_wait: `const data = Entry.engine.raiseMessage(value);` at once, then
    // `return script;` until its receivers end, so its receiver says 'heard' in the first frame and 'after wait'
    // comes in the next; message_cast: `setTimeout(() => { Entry.engine.raiseMessage(value); });`, so the
    // receiver of the cast made first only starts in the second frame, after that frame's 'loop'.
    assert.deepEqual(lines, ['cast', 'loop', 'heard', 'after wait', 'loop', 'heard', 'loop']);
    const unknown = runBlocks([block('message_cast', ['nothing', null])]);
    // block_start.js message_cast: `if (value == 'null' || !isExist) { throw new Error('value can not be null or undefined'); }`
    assert.equal(unknown.status, 1);
});

test('frames tick every Math.floor(1000 / FPS) ms and wait_second lasts 60 / fps × seconds', () => {
    const loop = [whenStart(), repeat(number(5), [say(text('loop'))])];
    const waiting = seconds => [whenStart(), wait(seconds), say(text('wait'))];
    // engine.js start: `this.ticker = setInterval(this.update, Math.floor(1000 / Entry.FPS));`: 16 ms at 60 FPS,
    // so 0.049 s ends on the 5th frame (64 ms), not the 4th (a 1000/60 ms frame would end at 50 ms).
    const normal = runEntry({objects: [{scripts: [loop, waiting(0.049)]}]});
    assert.deepEqual(normal.lines, ['loop', 'loop', 'loop', 'loop', 'loop', 'wait']);
    // block_flow.js wait_second: `timeValue = 60 / fps * timeValue * 1000;`: 0.05 s at speed 30 is 100 ms of 33 ms frames.
    const slow = runEntry({objects: [{scripts: [loop, waiting(0.05)]}], speed: 30});
    assert.deepEqual(slow.lines, ['loop', 'loop', 'loop', 'loop', 'loop', 'wait']);
    const started = Date.now();
    assert.deepEqual(runBlocks([wait(100), say(text('done'))]).lines, ['done']);
    assert.ok(Date.now() - started < 5000);
});

test('entry-blocks.json lists what run-entry.js runs', () => {
    const supported = require('../entry-blocks.json');
    const source = require('fs').readFileSync(require.resolve('../run-entry.js'), 'utf8');
    // Harmless blocks run as no-ops and never-starting hats never start; every other listed block is
    // named in the interpreter (function fields are read from the definition, calls are func_<id>).
    const handledByName = ['starts', 'flow', 'values', 'commands'].flatMap(group => supported[group]).concat('set_func_variable');
    assert.deepEqual(handledByName.filter(type => !source.includes(`'${type}'`)), []);
    const harmless = runBlocks(supported.harmless.map(type => block(type, [])).concat(say(text('done'))));
    assert.deepEqual(harmless.lines, ['done']);
});

test('a list item is read only at a whole place from 1: 1.5 and 0 are runtime errors', () => {
    const item = index => say(block('value_of_index_from_list', [null, 'l', null, index]));
    for (const index of [text('1.5'), number(0)]) {
        const result = runBlocks([item(index)], {variables: [list('l', ['a', 'b'])]});
        // block_variable.js value_of_index_from_list (entryjs 29810b8): `index > array.length` is the only bound
        // checked, then `return array[index - 1].data;` throws a TypeError where there is no item.
        assert.equal(result.status, 1, index.params[0]);
        assert.deepEqual(result.lines, []);
    }
    assert.deepEqual(runBlocks([item(text('2'))], {variables: [list('l', ['a', 'b'])]}).lines, ['b']);
});

test('a clone reads its object\'s variables again as a new variable does: an empty text becomes 0', () => {
    const {lines} = runEntry({
        objects: [{id: 'o1', scripts: [
            [whenStart(), setVariable('v', text('')), setVariable('n', text('12')), block('create_clone', ['self', null])],
            [block('when_clone_start', [null]), say(getVariable('v')), say(calc(getVariable('n'), 'PLUS', number(1)))]]}],
        variables: [variable('v', 'x', 'o1'), variable('n', 0, 'o1')]});
    // variable.js clone(): `Entry.Variable.create(Object.assign(this.toJSON(), { isClone: true }))`; the constructor
    // (variable.js:48-55, entryjs 3746eff): `const parsedValue = Entry.parseNumber(variable.value)`, a number if it
    // parses, `else if (!variable.value) { this.value_ = 0; }`. The original's '' shows as four spaces; the clone's is 0.
    assert.deepEqual(lines, ['0', '13']);
});
