// Bundles the student pages' editors into Grader.Api/wwwroot/lib (git-ignored): readable, not minified, and no
// CDN at run time. Blockly's pictures and cursors are copied beside its bundle, since Blockly would otherwise fetch
// them from a CDN. Run by scripts/ensure-infra.sh before the .NET build, so the API's static assets include them.
import { build } from "esbuild";
import { cpSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "Grader.Api", "wwwroot", "lib");
mkdirSync(out, { recursive: true });

await build({
    entryPoints: { "python-editor": join(here, "src", "python-editor.js"), "blockly-workspace": join(here, "src", "blockly-workspace.js") },
    outdir: out,
    bundle: true,
    format: "iife",
    target: "es2020",
    minify: false,
    legalComments: "inline",
    logLevel: "warning",
});
cpSync(join(here, "node_modules", "blockly", "media"), join(out, "blockly-media"), { recursive: true });
console.log(`built ${out}`);
