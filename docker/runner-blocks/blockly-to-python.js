#!/usr/bin/env node
'use strict';
// Turns a Blockly workspace (JSON serialization or XML) into the Python that Blockly's own Python
// generator writes; the grader then runs it like a Python submission. A prompt block becomes
// `text_prompt(msg)` calling input(msg), whose prompt the Python harness keeps out of the output.
//   node blockly-to-python.js WORKSPACE_FILE > main.py
const fs = require('fs');
const {fail} = require('./lib/io');

function workspaceFrom (Blockly, source) {
    const workspace = new Blockly.Workspace();
    if (source.trimStart().startsWith('<')) {
        Blockly.Xml.domToWorkspace(Blockly.utils.xml.textToDom(source), workspace);
    } else {
        Blockly.serialization.workspaces.load(JSON.parse(source), workspace);
    }
    return workspace;
}

function main () {
    const [workspacePath] = process.argv.slice(2);
    if (!workspacePath) fail('usage: blockly-to-python.js WORKSPACE_FILE');
    const source = fs.readFileSync(workspacePath, 'utf8');
    const Blockly = require('blockly');
    const {pythonGenerator} = require('blockly/python');
    let code;
    try {
        code = pythonGenerator.workspaceToCode(workspaceFrom(Blockly, source));
    } catch (error) {
        fail(`cannot read the Blockly workspace: ${error.message}`);
    }
    process.stdout.write(code);
}

main();
