// Stable run colours: a run's name hashes to a palette entry, so it keeps its
// colour across reloads and tabs, and every view uses the same one.

// The palette lives in style.css as --run-0 … --run-11, with lighter values
// for the dark theme.
import { cssColor } from "./theme.js";

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
  return cssColor(`--run-${slotOf(run)}`);
}

// The run's colour as a CSS value for elements, which follow theme changes by themselves.
export function runColorVar(run) {
  return `var(--run-${slotOf(run)})`;
}

// The same colour with an alpha channel, for fills and faint lines.
export function withAlpha(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
