'use strict';
// Builds Entry project.json files the way the editor saves them (objects with a script of threads,
// each a hat block then its blocks), so a test reads as the blocks a child placed.
const fs = require('fs');
const os = require('os');
const path = require('path');
const {run} = require('./helpers');

let nextId = 0;
const block = (type, params = [], statements = []) => ({id: `b${++nextId}`, type, params, statements});

const number = text => block('number', [String(text)]);
const text = value => block('text', [value]);
const say = value => block('dialog', [value, 'speak', null]);
const whenStart = () => block('when_run_button_click', [null]);
const wait = seconds => block('wait_second', [number(seconds), null]);
const repeat = (count, body) => block('repeat_basic', [count, null], [body]);
const calc = (left, operator, right) => block('calc_basic', [left, operator, right]);
const compare = (left, operator, right) => block('boolean_basic_operator', [left, operator, right]);
const join = (left, right) => block('combine_something', [null, left, null, right, null]);
const getVariable = id => block('get_variable', [id, null]);
const setVariable = (id, value) => block('set_variable', [id, value, null]);
const changeVariable = (id, value) => block('change_variable', [id, value, null]);
const variable = (id, value, object = null) => ({id, name: id, value, variableType: 'variable', object});
const list = (id, items) => ({id, name: id, variableType: 'list', array: items.map(data => ({data})), object: null});

/** objects: [{scripts: [[hat, ...blocks], ...], type, scene, text, sounds}], messages: ids; the first scene starts. */
function project ({objects, variables = [], functions = [], messages = [], scenes = [{id: 's1', name: 'Scene 1'}], speed = 60}) {
    return {
        speed,
        objects: objects.map((object, index) => ({
            id: object.id || `o${index + 1}`,
            name: object.name || `object${index + 1}`,
            objectType: object.type || 'sprite',
            scene: object.scene || scenes[0].id,
            script: JSON.stringify(object.scripts),
            sprite: {pictures: [], sounds: object.sounds || []},
            entity: {x: 0, y: 0, visible: true, text: object.text}
        })),
        variables: [{name: '대답', id: 'ans1', value: '0', variableType: 'answer'},
            {name: '초시계', id: 'tmr1', value: '0', variableType: 'timer'}, ...variables],
        messages: messages.map(id => ({id, name: id})),
        functions: functions.map(func => ({...func, content: JSON.stringify(func.content)})),
        scenes
    };
}

/** Writes the project.json a harness would get and gives its path. */
function writeProject (spec) {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'entry-')), 'project.json');
    fs.writeFileSync(file, JSON.stringify(project(spec)));
    return file;
}

/** Runs the project as the harness would and gives the output lines. */
function runEntry (spec, stdin = '') {
    const result = run('run-entry.js', writeProject(spec), stdin);
    return {...result, lines: result.stdout.split('\n').slice(0, -1)};
}

/** One sprite whose one start script runs these blocks. */
const runBlocks = (blocks, options = {}, stdin = '') => runEntry({objects: [{scripts: [[whenStart(), ...blocks]]}], ...options}, stdin);

module.exports = {block, number, text, say, whenStart, wait, repeat, calc, compare, join, getVariable, setVariable,
    changeVariable, variable, list, project, writeProject, runEntry, runBlocks};
