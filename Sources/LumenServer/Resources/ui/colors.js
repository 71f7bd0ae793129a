// Stable run colours: a run's name hashes to a palette entry, so it keeps its
// colour across reloads and tabs, and every view uses the same one. A colour
// picked in the run table (state.runColors) replaces the palette's in both themes.

// The palette lives in style.css as --run-0 … --run-11, with lighter values
// for the dark theme.
import { cssColor } from "./theme.js";
import { state } from "./store.js";

const PALETTE_SIZE = 12;

// FNV-1a: cheap, well distributed for short strings.
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const assigned = new Map(); // run → palette index

// Give every known run its hashed slot, or the next free one when two names
// collide. Runs are visited in name order so the result does not depend on
// discovery order; with more runs than colours, slots are shared.
export function assignColors(names) {
  assigned.clear();
  const taken = new Set();
  for (const name of [...names].sort()) {
    let slot = hash(name) % PALETTE_SIZE;
    for (let i = 0; i < PALETTE_SIZE && taken.has(slot); i++) slot = (slot + 1) % PALETTE_SIZE;
    taken.add(slot);
    if (taken.size === PALETTE_SIZE) taken.clear();
    assigned.set(name, slot);
  }
}

const slotOf = (run) => assigned.get(run) ?? hash(run) % PALETTE_SIZE;

// The run's colour in the current theme, as #rrggbb, for canvas drawing.
export function runColor(run) {
  return state.runColors[run] ?? cssColor(`--run-${slotOf(run)}`);
}

// Each run named in an element's colour gets a custom property of its own,
// --run-picked-N, set while the run has a picked colour: elements made
// earlier follow a new pick, as they follow theme changes, without redrawing.
const pickedProperty = new Map(); // run → its custom property's name

function pickedPropertyOf(run) {
  if (!pickedProperty.has(run)) pickedProperty.set(run, `--run-picked-${pickedProperty.size}`);
  return pickedProperty.get(run);
}

// The run's colour as a CSS value for elements, which follow theme changes by themselves.
export function runColorVar(run) {
  const picked = pickedPropertyOf(run);
  if (run in state.runColors) document.documentElement.style.setProperty(picked, state.runColors[run]);
  return `var(${picked}, var(--run-${slotOf(run)}))`;
}

// Show state.runColors in every element made so far (after a pick or a reset).
export function applyPickedColors() {
  const root = document.documentElement.style;
  for (const [run, property] of pickedProperty) {
    if (run in state.runColors) root.setProperty(property, state.runColors[run]);
    else root.removeProperty(property);
  }
}

// The same colour with an alpha channel, for fills and faint lines.
export function withAlpha(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
