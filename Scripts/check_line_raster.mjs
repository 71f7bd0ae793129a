// Checks the parallel-coordinates raster (Sources/LumenServer/Resources/ui/line-raster.js): every
// segment LineRaster.gap draws, fast path or clipped, must touch exactly the pixels a plain
// one-pixel-per-step walk touches (each pixel's count of lines, the colour of the last line, and
// the bounds of what was touched), on random gaps with missing values, rows outside the raster,
// axes in either order, flat, steep and shallow segments. Run with node:
// `node Scripts/check_line_raster.mjs`.
import { readFileSync } from "node:fs";

const root = new URL("..", import.meta.url);
const source = readFileSync(new URL("Sources/LumenServer/Resources/ui/line-raster.js", root), "utf8");
const { LineRaster } = await import(`data:text/javascript,${encodeURIComponent(source)}`);

// The walk the raster promises: along the longer of the two spans, one pixel a step, the other
// coordinate moving by the slope in 16.16 fixed point from the middle of the start pixel.
function referenceLine(ref, x0, y0, x1, y1, colour) {
  [x0, y0, x1, y1] = [x0 | 0, y0 | 0, x1 | 0, y1 | 0];
  const steep = Math.abs(y1 - y0) >= Math.abs(x1 - x0);
  const n = Math.max(Math.abs(y1 - y0), Math.abs(x1 - x0));
  const slope = n ? Math.trunc(((steep ? x1 - x0 : y1 - y0) * 65536) / n) : 0;
  const step = (steep ? y1 - y0 : x1 - x0) < 0 ? -1 : 1;
  for (let k = 0; k <= n; k++) {
    const minor = (((steep ? x0 : y0) * 65536 + 32768 + k * slope) >> 16);
    const x = steep ? minor : x0 + k * step;
    const y = steep ? y0 + k * step : minor;
    if (x < 0 || x >= ref.width || y < 0 || y >= ref.height) continue;
    const cell = ref.cells[x * ref.height + y];
    ref.cells[x * ref.height + y] = { count: (cell?.count ?? 0) + 1, colour };
    ref.left = Math.min(ref.left, x); ref.right = Math.max(ref.right, x);
    ref.top = Math.min(ref.top, y); ref.bottom = Math.max(ref.bottom, y);
  }
}

let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = (list) => list[Math.floor(random() * list.length)];

let failures = 0;
for (let trial = 0; trial < 300; trial++) {
  const width = 20 + Math.floor(random() * 200);
  const height = 10 + Math.floor(random() * 150);
  const raster = new LineRaster(width, height);
  const ref = { width, height, cells: [], left: width, right: -1, top: height, bottom: -1 };
  const n = 1 + Math.floor(random() * 60);
  const row = () => pick([
    () => random() * height, () => random() * height, () => random() * height,
    () => NaN, () => -random() * 40, () => height + random() * 40, () => 0, () => height - 0.5,
  ])();
  const colours = Uint8Array.from({ length: n }, () => Math.floor(random() * 16));
  const withColours = random() < 0.8;
  for (let g = 0; g < 1 + Math.floor(random() * 4); g++) {
    const x0 = pick([() => random() * width, () => -5 - random() * 10, () => 0])();
    const x1 = pick([() => random() * width, () => x0 + random() * 3, () => width + random() * 10, () => x0])();
    const from = Float32Array.from({ length: n }, row);
    const to = Float32Array.from({ length: n }, row);
    const sessions = Int32Array.from({ length: n }, (_, i) => i).filter(() => random() < 0.9);
    raster.gap(x0, x1, from, to, sessions, withColours ? colours : null);
    for (const s of sessions) {
      if (Number.isNaN(from[s]) || Number.isNaN(to[s])) continue;
      // The raster walks from the left axis to the right one.
      const [a, b, ya, yb] = (x1 | 0) < (x0 | 0) ? [x1, x0, to[s], from[s]] : [x0, x1, from[s], to[s]];
      referenceLine(ref, a, ya, b, yb, withColours ? colours[s] : 0);
    }
  }
  const mismatch = [];
  for (let i = 0; i < width * height; i++) {
    const want = ref.cells[i] ? (ref.cells[i].count << 4) | ref.cells[i].colour : 0;
    if (raster.cells[i] !== want) mismatch.push(`cell x ${Math.floor(i / height)} y ${i % height}: ${raster.cells[i]} ≠ ${want}`);
  }
  const { left, right, top, bottom } = raster.bounds;
  if (ref.right >= 0 && (left > ref.left || right < ref.right || top > ref.top || bottom < ref.bottom)) {
    mismatch.push(`bounds ${JSON.stringify(raster.bounds)} do not cover ${JSON.stringify([ref.left, ref.right, ref.top, ref.bottom])}`);
  }
  if (mismatch.length) {
    failures++;
    console.log(`trial ${trial} (${width}×${height}, ${n} sessions): ${mismatch.length} differences, first: ${mismatch.slice(0, 3).join("; ")}`);
  }
}
if (failures) {
  console.log(`${failures} of 300 trials differ`);
  process.exit(1);
}
console.log("line-raster.js: 300 random trials agree with the plain walk");
