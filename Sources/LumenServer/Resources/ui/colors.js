// Stable run colours: a run's name hashes to a palette entry, so it keeps its
// colour across reloads and tabs, and every view uses the same one.

// Distinct, colour-blind-friendly hues that stay readable on white.
const PALETTE = [
  "#1f6fd1", "#f08c00", "#2f9e44", "#e03131", "#7048e8", "#0c8599",
  "#8d5524", "#d6336c", "#9c36b5", "#495057", "#b08900", "#1b2a7a",
];

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
    let slot = hash(name) % PALETTE.length;
    for (let i = 0; i < PALETTE.length && taken.has(slot); i++) slot = (slot + 1) % PALETTE.length;
    taken.add(slot);
    if (taken.size === PALETTE.length) taken.clear();
    assigned.set(name, slot);
  }
}

export function runColor(run) {
  return PALETTE[assigned.get(run) ?? hash(run) % PALETTE.length];
}

// The same colour with an alpha channel, for fills and faint lines.
export function withAlpha(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
