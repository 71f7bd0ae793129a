// Point colours for the projector: a metadata column whose labels are all
// numbers (and more than a palette's worth of distinct values) gets a
// continuous ramp, any other a categorical palette (the most frequent labels
// first; labels beyond the palette share one grey). Colours are ABGR words for
// the scatter's ImageData, with CSS colours for the legend.

const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
  "#bab0ac", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#aec7e8"];
const OTHER = "#b0b4ba";
// Viridis at five stops, interpolated.
const RAMP = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];

const word = ([r, g, b]) => ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const css = ([r, g, b]) => `rgb(${r}, ${g}, ${b})`;

function rampAt(t) {
  const x = Math.max(0, Math.min(1, t)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x)), f = x - i;
  return RAMP[i].map((v, c) => Math.round(v + (RAMP[i + 1][c] - v) * f));
}

// { colors: Uint32Array, legend: { kind: "categories", items: [{ label, color, count }] }
//   | { kind: "ramp", min, max, stops: [css…] } } for one column of labels.
export function colorsFor(labels) {
  const n = labels.length;
  const colors = new Uint32Array(n);
  const numbers = labels.map((l) => (l.trim() === "" ? NaN : Number(l)));
  const counts = new Map();
  for (const label of labels) counts.set(label, (counts.get(label) || 0) + 1);
  if (counts.size > PALETTE.length && numbers.every(Number.isFinite)) {
    let min = Infinity, max = -Infinity;
    for (const v of numbers) { min = Math.min(min, v); max = Math.max(max, v); }
    const span = max - min || 1;
    for (let i = 0; i < n; i++) colors[i] = word(rampAt((numbers[i] - min) / span));
    return { colors, legend: { kind: "ramp", min, max, stops: [0, 0.25, 0.5, 0.75, 1].map((t) => css(rampAt(t))) } };
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const colorOf = new Map(ranked.map(([label], i) => [label, i < PALETTE.length ? PALETTE[i] : OTHER]));
  for (let i = 0; i < n; i++) colors[i] = word(rgb(colorOf.get(labels[i])));
  const items = ranked.slice(0, PALETTE.length).map(([label, count]) => ({ label, count, color: colorOf.get(label) }));
  const rest = ranked.slice(PALETTE.length).reduce((sum, [, count]) => sum + count, 0);
  if (rest) items.push({ label: `${ranked.length - PALETTE.length} more labels`, count: rest, color: OTHER });
  return { colors, legend: { kind: "categories", items } };
}
