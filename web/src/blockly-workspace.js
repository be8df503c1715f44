// The Blockly workspace of the assignment page. Its toolbox holds exactly the blocks the grader runs
// (docker/runner-blocks/blockly-blocks.json, the blocks Blockly's Python generator writes code for), with Korean
// messages, and the program goes to the form as Blockly's JSON serialisation, which BlockProgramReader reads.
import * as Blockly from "blockly/core";
import "blockly/blocks";
import * as Korean from "blockly/msg/ko";
import * as English from "blockly/msg/en";
import runnable from "../../docker/runner-blocks/blockly-blocks.json";

// Each category lists the blocks a beginner needs most first, where its flyout shows them without scrolling.
const categories = [
    { ko: "반복과 조건", en: "Loops and logic", colour: "#5b80a5", prefixes: ["controls_", "logic_"],
      first: ["controls_repeat_ext", "controls_whileUntil", "controls_for", "controls_if", "controls_ifelse", "logic_compare"] },
    { ko: "수학", en: "Math", colour: "#5b67a5", prefixes: ["math_"], first: ["math_number", "math_arithmetic"] },
    { ko: "글자", en: "Text", colour: "#5ba58c", prefixes: ["text"], first: ["text_print", "text_prompt_ext", "text", "text_join"] },
    { ko: "목록", en: "Lists", colour: "#745ba5", prefixes: ["lists_"], first: ["lists_create_with", "lists_getIndex"] },
];

const rank = (category, type) => {
    const i = category.first.indexOf(type);
    return i < 0 ? category.first.length : i;
};

// Blocks that come with a value already plugged in, as in Blockly's own toolboxes, so one drag makes a working block.
const shadow = (type, field, value) => ({ shadow: { type, fields: { [field]: value } } });
const presets = {
    text_print: { TEXT: shadow("text", "TEXT", "") },
    controls_repeat_ext: { TIMES: shadow("math_number", "NUM", 10) },
    math_arithmetic: { A: shadow("math_number", "NUM", 1), B: shadow("math_number", "NUM", 1) },
    text_prompt_ext: { TEXT: shadow("text", "TEXT", "") },
};

function toolbox(english) {
    const contents = categories.map(c => ({
        kind: "category",
        name: english ? c.en : c.ko,
        colour: c.colour,
        contents: runnable.blocks
            .filter(type => c.prefixes.some(p => type.startsWith(p)))
            .sort((a, b) => rank(c, a) - rank(c, b))
            .map(type => presets[type] ? { kind: "block", type, inputs: presets[type] } : { kind: "block", type }),
    }));
    // Variables and functions are made by the child, so Blockly fills these from the workspace.
    contents.push({ kind: "category", name: english ? "Variables" : "변수", colour: "#a55b80", custom: "VARIABLE" });
    contents.push({ kind: "category", name: english ? "Functions" : "함수", colour: "#995ba5", custom: "PROCEDURE" });
    return { kind: "categoryToolbox", contents };
}

function attach(host) {
    const english = document.documentElement.lang === "en";
    Blockly.setLocale(english ? English : Korean);
    const field = document.getElementById(host.dataset.field);
    const media = host.dataset.media;
    host.hidden = false;
    const workspace = Blockly.inject(host, {
        toolbox: toolbox(english),
        media,
        sounds: false,
        trashcan: true,
        zoom: { controls: true, startScale: 1.0 },
        move: { scrollbars: true, drag: true, wheel: false },
    });
    if (field.value) {
        try {
            Blockly.serialization.workspaces.load(JSON.parse(field.value), workspace);
        } catch {
            // A program the page cannot read back starts empty; the last submission is still on the server.
        }
    }
    workspace.addChangeListener(event => {
        if (event.isUiEvent) return;
        field.value = workspace.getAllBlocks(false).length > 0
            ? JSON.stringify(Blockly.serialization.workspaces.save(workspace))
            : "";
    });
    document.querySelectorAll("[data-needs-blockly]").forEach(e => { e.hidden = false; });
    document.querySelectorAll("[data-without-blockly]").forEach(e => { e.hidden = true; });
}

document.querySelectorAll("[data-blockly-workspace]").forEach(attach);
