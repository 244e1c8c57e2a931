// Parses every ```mermaid block of the Markdown files given on the command line with mermaid's
// own parser (under jsdom: mermaid expects a DOM) and fails on the first that does not parse.
// Usage: node check_mermaid.mjs FILE.md...
import { JSDOM } from "jsdom";
import fs from "node:fs";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

let blocks = 0;
let failures = 0;
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, "utf8");
  for (const match of text.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)) {
    blocks++;
    try {
      const parsed = await mermaid.parse(match[1]);
      console.log(`${file}: ${parsed.diagramType} diagram parses`);
    } catch (error) {
      failures++;
      console.log(`${file}: mermaid block ${blocks} does not parse: ${error.message ?? error}`);
    }
  }
}
// A parser that accepts everything would prove nothing: a known-bad diagram must fail.
let rejected = false;
try {
  await mermaid.parse("erDiagram\n  a {\n    double precision x\n  }\n");
} catch {
  rejected = true;
}
if (!rejected) {
  console.log("mermaid accepted a diagram it must reject; the check is broken");
  failures++;
}
console.log(`${blocks - failures} passed, ${failures} failed`);
process.exit(failures > 0 || blocks === 0 ? 1 : 0);
