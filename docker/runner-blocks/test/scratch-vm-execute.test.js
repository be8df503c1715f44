'use strict';
// scratch-vm's own execution fixtures (test/fixtures/execute), run through our runner and judged the
// way scratch-vm's test/integration/execute.js judges them: each `say` is a tap command, "plan N",
// "pass …", "fail …" or "end" (any other text is a comment); a project passes when it said "end",
// said no "fail" and, when it planned, made exactly N assertions.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const JSZip = require('jszip');
const {run, runnerDir} = require('./helpers');

// The repository is cloned beside `shared` (../shared of the repository root, in CI and locally).
const executeDir = path.resolve(runnerDir, '..', '..', '..', 'shared', 'fixtures', 'scratch-vm-execute');
if (!fs.existsSync(executeDir)) {
    throw new Error(`scratch-vm's execute fixtures are missing: expected them in ${executeDir} ` +
        '(the shared folder beside the repository)');
}
const projects = fs.readdirSync(executeDir).filter(name => /\.sb[23]$/.test(name)).sort();

/** execute.js reportVmResult: the first word of a said text is the tap command. */
function judge (stdout) {
    const said = {pass: [], fail: [], plan: [], end: [], comment: []};
    for (const line of stdout.split('\n').filter(Boolean)) {
        const command = line.split(/\s+/, 1)[0].toLowerCase();
        (said[command] || said.comment).push(line.substring(command.length).trim());
    }
    return said;
}

test('the execute fixtures are all there', () => {
    assert.equal(projects.length, 47);
});

for (const name of projects) {
    test(`scratch-vm execute fixture ${name}`, async () => {
        const zip = await JSZip.loadAsync(fs.readFileSync(path.join(executeDir, name)));
        const projectPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'execute-')), 'project.json');
        fs.writeFileSync(projectPath, await zip.file('project.json').async('string'));
        const result = run('run-scratch.js', projectPath, '');
        assert.equal(result.status, 0, result.stderr);
        const said = judge(result.stdout);
        assert.deepEqual(said.fail, [], `said fail: ${result.stdout}`);
        assert.equal(said.end.length, 1, `did not say "end" once: ${result.stdout}`);
        if (said.plan.length > 0) assert.equal(said.pass.length, Number(said.plan[0]), result.stdout);
    });
}
