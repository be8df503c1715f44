'use strict';
// The Entry blocks children meet beyond the basics: text boxes, clones, function local variables,
// is_type, the project timer, the date, scenes. Each expected output follows the entryjs line named.
const test = require('node:test');
const assert = require('node:assert/strict');
const {block, number, text, say, whenStart, wait, repeat, join, getVariable, setVariable, changeVariable, variable,
    list, runEntry, runBlocks} = require('./entry-project');

const textBlock = (type, value) => block(type, value === undefined ? [null] : [value, null]);
const readText = target => block('text_read', [target]);

test('a text box write is an output line: the box\'s text after it', () => {
    const {lines} = runEntry({objects: [
        {type: 'textBox', text: 'Hi', scripts: [[whenStart(), say(readText('self')), textBlock('text_write', text('A')),
            textBlock('text_append', text('B')), textBlock('text_prepend', text('<')), textBlock('text_flush'),
            textBlock('text_append', number(7)), wait(0.1), textBlock('text_write', text('line\nbreak'))]]},
        {scripts: [[whenStart(), wait(0.05), say(readText('o1')), wait(0.1), say(readText('o1'))]]}]});
    // block_text.js: text_write `sprite.setText(text)`, text_append `${sprite.getText()}${text}`, text_prepend
    // `${text}${sprite.getText()}`, text_flush `sprite.setText('')` (SPEC: writes, appends and prepends are lines);
    // text_read `value.replace(/\n/gim, ' ')`.
    assert.deepEqual(lines, ['Hi', 'A', 'AB', '<AB', '7', '7', 'line', 'break', 'line break']);
});

test('text box blocks in a sprite are a runtime error', () => {
    const result = runBlocks([textBlock('text_write', text('A'))]);
    // block_text.js text_write: `isNotFor: ['sprite']`; text_read 'self': `if (sprite.type !== 'textBox') throw`.
    assert.equal(result.status, 1);
    assert.match(result.stderr, /text box/);
});

const createClone = (target = 'self') => block('create_clone', [target, null]);
const whenCloneStart = () => block('when_clone_start', [null]);

test('a clone starts its when_clone_start scripts with its own copy of the object\'s variables', () => {
    const {lines} = runEntry({
        objects: [{id: 'o1', scripts: [
            [whenStart(), setVariable('id', number(1)), createClone(), wait(0.1), say(join(text('original '), getVariable('id')))],
            [whenCloneStart(), changeVariable('id', number(10)), say(join(text('clone '), getVariable('id'))),
                block('delete_clone', [null]), say(text('never'))]]}],
        variables: [variable('id', 0, 'o1')]});
    // object.js addCloneEntity: `Entry.engine.raiseEventOnEntity(clonedEntity, [clonedEntity, 'when_clone_start'])`
    // and `this.addCloneVariables(this, clonedEntity, ...)`; block_flow.js delete_clone: `sprite.removeClone(); return this.die();`
    assert.deepEqual(lines, ['clone 11', 'original 1']);
});

test('a clone copies the object\'s own lists too; the project\'s lists stay shared', () => {
    const add = (id, value) => block('add_value_to_list', [value, id, null]);
    const count = id => block('length_of_list', [null, id, null]);
    const {lines} = runEntry({
        objects: [{id: 'o1', scripts: [
            [whenStart(), add('mine', text('x')), createClone(), wait(0.1), say(join(count('mine'), count('shared')))],
            [whenCloneStart(), add('mine', text('y')), add('shared', text('y')), say(join(count('mine'), count('shared')))]]}],
        variables: [{...list('mine', []), object: 'o1'}, list('shared', [])]});
    // object.js addCloneEntity: `this.addCloneVariables(this, clonedEntity, entity ? entity.variables : null,
    // entity ? entity.lists : null)`; block_variable.js add_value_to_list `Entry.variableContainer.getList(listId, sprite)`.
    assert.deepEqual(lines, ['21', '11']);
});

test('clones hear messages; remove_all_clones ends them; the original is not deleted', () => {
    const cast = block('message_cast', ['m', null]);
    const {lines} = runEntry({objects: [{scripts: [
        [whenStart(), repeat(number(2), [createClone()]), block('delete_clone', [null]), cast, wait(0.1),
            block('remove_all_clones', [null]), cast, wait(0.1), say(text('done'))],
        [whenCloneStart(), block('repeat_inf', [null], [[wait(1)]])],
        [block('when_message_cast', ['m', null]), say(text('heard'))]]}], messages: ['m']});
    // engine.js raiseMessage: `Entry.container.mapEntityIncludeCloneOnScene(this.raiseKeyEvent, ['when_message_cast', value])`;
    // block_flow.js delete_clone: `if (!sprite.isClone) { return script.callReturn(); }`; remove_all_clones
    // `clonedEntities.map(entity => entity.removeClone())`.
    assert.deepEqual(lines, ['heard', 'heard', 'heard', 'heard', 'done']);
});

test('an object clones at most 361 times', () => {
    const {lines} = runEntry({objects: [{scripts: [
        [whenStart(), repeat(number(400), [createClone()]), wait(0.1), say(getVariable('clones'))],
        [whenCloneStart(), changeVariable('clones', number(1)), block('repeat_inf', [null], [[wait(1)]])]]}],
    variables: [variable('clones', 0)]});
    // object.js addCloneEntity: `if (this.clonedEntities.length > Entry.maxCloneLimit) return;`, init.js `this.maxCloneLimit = 360;`
    assert.deepEqual(lines, ['361']);
});

test('a function\'s local variables start afresh on each call', () => {
    const local = id => block('get_func_variable', [id, null]);
    const definition = block('function_create', [block('function_field_label', ['add',
        block('function_field_string', [block('stringParam_p1', []), null])]), null], [[
        block('set_func_variable', ['f1_total', block('calc_basic', [local('f1_total'), 'PLUS', block('stringParam_p1', [])]), null]),
        say(local('f1_total'))]]);
    const call = value => block('func_f1', [number(value), null]);
    const {lines} = runEntry({objects: [{scripts: [[whenStart(), call(5), call(5)]]}],
        functions: [{id: 'f1', type: 'normal', localVariables: [{id: 'f1_total', name: 'total', value: 10}], content: [[definition]]}]});
    // block_func.js function_general: `this.funcExecutor.localVariables = _cloneDeep(func.localVariables);`;
    // set_func_variable `func.setValue(value, variableId, script.executor.localVariables)`.
    assert.deepEqual(lines, ['15', '15']);
});

test('is_type tells numbers, English and Hangul', () => {
    const isType = (value, type) => say(block('is_type', [text(value), type]));
    const {lines} = runBlocks([isType('123', 'number'), isType('12a', 'number'), isType('abc', 'en'),
        isType('ab1', 'en'), isType('한글', 'ko'), isType('한a', 'ko')]);
    // block_judgement.js is_type: 'number' is Entry.Utils.isNumber, 'en' letters only, 'ko' Hangul only.
    assert.deepEqual(lines, ['True', 'False', 'True', 'False', 'True', 'False']);
});

test('the project timer counts virtual seconds from START, stops and resets', () => {
    const timer = () => say(block('get_project_timer_value', [null, null]));
    const action = name => block('choose_project_timer_action', [null, name, null, null]);
    const {lines} = runBlocks([timer(), action('START'), wait(2), timer(), action('STOP'), wait(1), timer(),
        action('START'), wait(0.5), timer(), action('RESET'), timer()]);
    // block_calc.js choose_project_timer_action START `engine.startProjectTimer()`, STOP `timer.isPaused = true`,
    // RESET `engine.resetTimer()`; engine.js updateProjectTimer `(current - (timer.start || current) - timer.pausedTime) / 1000`.
    // The waits end on 16 ms frames: 2 s at 2.000, the paused second is not counted, 0.5 s ends at 0.512.
    assert.deepEqual(lines, ['0', '2', '2', '2.512', '0']);
});

test('get_date reads the clock, months from 1', () => {
    const date = field => say(block('get_date', [null, field, null]));
    const {lines} = runBlocks([date('YEAR'), date('MONTH')]);
    // block_calc.js get_date: `return dateTime.getFullYear();`, `return dateTime.getMonth() + 1;`
    const now = new Date();
    assert.deepEqual(lines, [String(now.getFullYear()), String(now.getMonth() + 1)]);
});

test('scenes: only the current scene runs; start_scene fires when_scene_start, which the first scene never gets at start', () => {
    const sceneStart = () => block('when_scene_start', [null]);
    const {lines} = runEntry({
        scenes: [{id: 's1', name: 'one'}, {id: 's2', name: 'two'}],
        objects: [
            {scene: 's1', scripts: [[whenStart(), say(text('one')), block('start_scene', ['s2', null]), say(text('never'))],
                [sceneStart(), say(text('back in one'))]]},
            {scene: 's2', scripts: [[whenStart(), say(text('never at start'))],
                [sceneStart(), say(text('two')), block('start_neighbor_scene', ['prev', null])]]}]});
    // engine.js toggleRun fires only `this.fireEvent('start')`; block_start.js start_scene
    // `Entry.scene.selectScene(scene); Entry.engine.fireEvent('when_scene_start');`; start_neighbor_scene 'prev'
    // selects `scenes[index - 1]`; container.js resetSceneDuringRun clears the scene left.
    assert.deepEqual(lines, ['one', 'two', 'back in one']);
});

test('harmless looks such as stretch_scale_size run as nothing', () => {
    const {lines} = runBlocks([block('stretch_scale_size', [number(150), 'WIDTH', null]), block('reset_scale_size', [null]),
        say(text('done'))]);
    assert.deepEqual(lines, ['done']);
});

// The project timer as a clock: started in the first frame, read after the blocks under test.
const timerStart = () => block('choose_project_timer_action', [null, 'START', null, null]);
const sayTimer = () => say(block('get_project_timer_value', [null, null]));

test('timed moves make their script wait their frames: Math.max(Math.floor(seconds × FPS), 1), one frame at once', () => {
    const moves = [
        seconds => block('move_xy_time', [seconds, number(10), number(10), null]),
        seconds => block('locate_xy_time', [seconds, number(10), number(10), null]),
        seconds => block('rotate_by_time', [seconds, block('angle', ['90']), null]),
        seconds => block('direction_relative_duration', [seconds, block('angle', ['90']), null]),
    ];
    for (const move of moves) {
        const {lines} = runBlocks([timerStart(), move(number(0.05)), sayTimer(), move(number(0.01)), sayTimer(),
            move(text('')), sayTimer()]);
        // block_moving.js move_xy_time (and locate_xy_time, rotate_by_time, direction_relative_duration):
        // `timeValue = Number(timeValue)`, `script.frameCount = Math.max(Math.floor(timeValue * Entry.FPS), 1)`,
        // `if (script.frameCount == 1) { action(); }` then `if (script.frameCount != 0) { action(); return script; }`:
        // 0.05 s at 60 FPS is 3 frames of Math.floor(1000 / 60) = 16 ms (48 ms); 0.01 s and '' (Number('') is 0) move at once.
        assert.deepEqual(lines, ['0.048', '0.048', '0.048'], move(number(1)).type);
    }
});

test('a timed move holds its script while another goes on, as the editor orders them', () => {
    const {lines} = runEntry({objects: [
        {scripts: [[whenStart(), block('move_xy_time', [number(2), number(100), number(0), null]), say(text('moved'))]]},
        {scripts: [[whenStart(), wait(1), say(text('waited'))]]}]});
    // block_moving.js move_xy_time `return script;` for its 120 frames; block_flow.js wait_second ends after 1 s.
    assert.deepEqual(lines, ['waited', 'moved']);
});

test('locate_object_time waits Math.floor(seconds × FPS) frames, none at 0; a move of Number(\'abc\') frames never ends', () => {
    const locate = seconds => block('locate_object_time', [seconds, 'mouse', null]);
    const {lines} = runBlocks([timerStart(), locate(number(0.05)), sayTimer(), locate(number(0)), sayTimer()]);
    // block_moving.js locate_object_time: `const frameCount = Math.floor(timeValue * Entry.FPS);` of getNumberValue,
    // `//frame count is zero so execute immediately`.
    assert.deepEqual(lines, ['0.048', '0.048']);
    const endless = runEntry({objects: [
        {scripts: [[whenStart(), block('move_xy_time', [text('abc'), number(1), number(1), null]), say(text('never'))]]},
        {scripts: [[whenStart(), wait(0.1), say(text('stop')), block('stop_object', ['all', null])]]}]});
    // Math.max(Math.floor(NaN * Entry.FPS), 1) is NaN, and `script.frameCount != 0` stays true.
    assert.deepEqual(endless.lines, ['stop']);
});

test('sound waits hold the script for the sound, the seconds, or the span; a missing sound for one frame', () => {
    const sound = value => block('get_sounds', [value]);
    const {lines} = runEntry({objects: [{
        sounds: [{id: 'snd1', name: '야옹', duration: 0.5}],
        scripts: [[whenStart(), timerStart(),
            block('sound_something_wait_with_block', [sound('snd1'), null]), sayTimer(),
            block('sound_something_second_wait_with_block', [sound('야옹'), number(0.1), null]), sayTimer(),
            block('sound_from_to_and_wait', [sound(1), text('1.2'), text('1'), null]), sayTimer(),
            block('sound_something_wait_with_block', [sound('없는 소리'), null]), sayTimer()]]}]});
    // block_sound.js sound_something_wait_with_block `setTimeout(() => { script.playState = 0; }, sound.duration * 1000)`
    // and `else if (script.playState == 1) { return script; }`: 0.5 s ends on the frame at 512 ms;
    // sound_something_second_wait_with_block `timeValue * 1000` (100 ms more: 624); sound_from_to_and_wait
    // `duration = endValue - startValue` of `Number(start) * 1000` (200 ms: 832). object.js getSound: by id, by name,
    // then by place (`sounds[checker - 1]`). A missing sound: `return script;` once (848).
    assert.deepEqual(lines, ['0.512', '0.624', '0.832', '0.848']);
});

test('replace_string replaces every match of the old word taken literally, the new word as a replacement pattern', () => {
    const replace = (string, oldWord, newWord) => say(block('replace_string', [null, text(string), null, text(oldWord), null, text(newWord), null]));
    const {lines} = runBlocks([replace('a.b.c', '.', '-'), replace('abc', '', '-'), replace('cat', 'a', '[$&]'), replace('a+a', 'a+', 'b')]);
    // block_calc.js replace_string: `.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')` on OLD_WORD, then
    // `.replace(new RegExp(oldWord, 'gm'), script.getStringValue('NEW_WORD', script))`.
    assert.deepEqual(lines, ['a-b-c', '-a-b-c-', 'c[a]t', 'ba']);
});

test('nobody clicks or presses a key in a graded run', () => {
    const {lines} = runBlocks([say(block('is_clicked', [null])), say(block('is_press_some_key', ['32', null]))]);
    // block_judgement.js:24 is_clicked `return Entry.stage.isClick;` and :121 is_press_some_key
    // `return Entry.pressedKeys.indexOf(keycode) >= 0;` (entryjs 0192f7a), with no mouse and no key; dialog shows False.
    assert.deepEqual(lines, ['False', 'False']);
});

test('a sound\'s length is its duration in the project; the user name is a space with nobody signed in', () => {
    const length = id => say(block('get_sound_duration', [null, id, null]));
    const {lines} = runEntry({objects: [{sounds: [{id: 'snd1', name: '야옹', duration: 1.25}],
        scripts: [[whenStart(), length('snd1'), length('없음'), say(join(text('['), join(block('get_user_name', []), text(']'))))]]}]});
    // block_calc.js get_sound_duration: `if (soundsArr[i].id === soundId) { return soundsArr[i].duration; }`, else
    // nothing (dialog shows `${undefined}`); get_user_name: `return window.user ? window.user.username : ' ';`.
    assert.deepEqual(lines, ['1.25', 'undefined', '[ ]']);
});
