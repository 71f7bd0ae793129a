// Checks the page's smoothing (Sources/LumenServer/Resources/ui/smoothing.js) against the
// fixture the server's smoothing is tested with (Tests/LumenServerTests/Fixtures/smoothing.json,
// written by Scripts/make_smoothing_fixture.py). Run with node: `node Scripts/check_smoothing.mjs`.
// Each case is checked twice: with non-finite values as numbers, and as the server sends them
// (null), which must pass through as null.
import { readFileSync } from "node:fs";

const root = new URL("..", import.meta.url);
const source = readFileSync(new URL("Sources/LumenServer/Resources/ui/smoothing.js", root), "utf8");
// The page's modules are plain ES modules without a package.json: import the text itself.
const { smooth } = await import(`data:text/javascript,${encodeURIComponent(source)}`);
const fixture = JSON.parse(readFileSync(new URL("Tests/LumenServerTests/Fixtures/smoothing.json", root), "utf8"));

const number = (v) => (v === "NaN" ? NaN : v === "Infinity" ? Infinity : v === "-Infinity" ? -Infinity : v);
const agrees = (actual, expected, tolerance) =>
  Object.is(actual, expected) || (Number.isNaN(actual) && Number.isNaN(expected)) ||
  (Number.isFinite(actual) && Number.isFinite(expected) &&
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)));

let failures = 0;
for (const c of fixture.cases) {
  const values = c.values.map(number);
  const expected = c.smoothed.map(number);
  const asSent = values.map((v) => (Number.isFinite(v) ? v : null));
  const expectedAsSent = expected.map((v, i) => (Number.isFinite(values[i]) ? v : null));
  for (const [label, input, want] of [["numbers", values, expected], ["nulls", asSent, expectedAsSent]]) {
    const got = smooth(input, c.weight, c.kind, c.steps);
    const bad = want.findIndex((w, i) => !(w === null ? got[i] === null : agrees(got[i], w, fixture.tolerance)));
    if (got.length !== want.length || bad >= 0) {
      failures++;
      console.log(`FAIL ${c.name} (${label}): at ${bad}, got ${got[bad]}, expected ${want[bad]}`);
    }
  }
}
console.log(`smoothing.js: ${fixture.cases.length * 2 - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
