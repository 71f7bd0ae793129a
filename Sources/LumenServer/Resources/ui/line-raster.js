// Draws many thin lines into pixels directly: the browser's canvas strokes
// anti-aliased paths far too slowly for tens of thousands of polylines
// (10,000 × 35 points took over 10 s in headless Chromium). Each pixel a line
// crosses gets one read and one write: a cell holds how many lines crossed it
// and the palette index of the last one; the count becomes the pixel's
// opacity when the raster is painted, so dense bundles stay visible.
//
// Cells are stored column by column (x · height + y): the lines drawn here are
// mostly steeper than 45°, and walking one down its rows then touches
// neighbouring memory instead of a new cache line per pixel — about twice as
// fast for 10,000 parallel-coordinates lines.

const COLOUR_BITS = 4; // palette indices 0…15
const COLOUR_MASK = (1 << COLOUR_BITS) - 1;
const ONE_LINE = 1 << COLOUR_BITS;
const FIXED = 16; // fraction bits of the walk's minor coordinate
const HALF = 1 << (FIXED - 1);
const TILE = 16; // columns painted together

export class LineRaster {
  constructor(width, height) {
    this.width = width;
    this.height = height;
    this.cells = new Uint32Array(width * height); // (count << COLOUR_BITS) | colour
    // Columns and rows any line has touched since the raster was made (clear() keeps them):
    // clearing and painting go over these only.
    this.bounds = { left: width, right: -1, top: height, bottom: -1 };
  }

  // Every listed session's segment between two axes: from (x0, from[s]) to (x1, to[s]) in
  // device pixels, in palette colour colours[s] (0…15; 0 for all when `colours` is null).
  // A session whose row is NaN on either side has no segment. One pixel per row or column,
  // whichever the segment spans more of. Drawn a gap at a time, the cells written stay in
  // one strip of columns the cache holds, and the per-segment work is two subtractions.
  gap(x0, x1, from, to, sessions, colours) {
    x0 |= 0; x1 |= 0;
    if (x1 < x0) [x0, x1, from, to] = [x1, x0, to, from];
    const { width: w, height: h, cells, bounds } = this;
    const dx = x1 - x0;
    const columnsInside = x0 >= 0 && x1 < w;
    let top = bounds.top;
    let bottom = bounds.bottom;
    for (let k = 0; k < sessions.length; k++) {
      const s = sessions[k];
      const a = from[s];
      const b = to[s];
      if (a !== a || b !== b) continue;
      const y0 = a | 0;
      const y1 = b | 0;
      const colour = colours ? colours[s] : 0;
      if (!columnsInside || y0 < 0 || y0 >= h || y1 < 0 || y1 >= h) {
        this.clippedLine(x0, y0, x1, y1, colour);
        continue;
      }
      if (y0 < top) top = y0;
      if (y1 < top) top = y1;
      if (y0 > bottom) bottom = y0;
      if (y1 > bottom) bottom = y1;
      const dy = y1 - y0;
      const rows = dy < 0 ? -dy : dy;
      if (rows >= dx) {
        // Steep: down (or up) the rows, the column moving `slope` a row (fixed point).
        const slope = rows ? Math.trunc((dx << FIXED) / rows) : 0;
        const step = dy < 0 ? -1 : 1;
        let column = (x0 << FIXED) + HALF;
        let y = y0;
        for (let j = 0; j <= rows; j++) {
          // Math.imul: an int32 product, without the overflow check of `*` (a tenth faster).
          const i = Math.imul(column >> FIXED, h) + y;
          cells[i] = ((cells[i] & ~COLOUR_MASK) + ONE_LINE) | colour;
          y += step;
          column += slope;
        }
      } else {
        // Shallow: along the columns, the row moving `slope` a column.
        const slope = Math.trunc((dy << FIXED) / dx);
        let row = (y0 << FIXED) + HALF;
        let start = x0 * h;
        for (let j = 0; j <= dx; j++) {
          const i = start + (row >> FIXED);
          cells[i] = ((cells[i] & ~COLOUR_MASK) + ONE_LINE) | colour;
          start += h;
          row += slope;
        }
      }
    }
    // clippedLine() widens the bounds itself meanwhile.
    bounds.top = Math.min(bounds.top, top);
    bounds.bottom = Math.max(bounds.bottom, bottom);
    if (columnsInside) {
      bounds.left = Math.min(bounds.left, x0);
      bounds.right = Math.max(bounds.right, x1);
    }
  }

  // A segment partly outside the raster, walked as gap() walks one, each pixel checked.
  clippedLine(x0, y0, x1, y1, colour) {
    const { width: w, height: h, cells, bounds } = this;
    const dx = x1 - x0;
    const dy = y1 - y0;
    const steep = Math.abs(dy) >= Math.abs(dx);
    const n = steep ? Math.abs(dy) : Math.abs(dx);
    const slope = n ? Math.trunc(((steep ? dx : dy) * (1 << FIXED)) / n) : 0;
    let minor = ((steep ? x0 : y0) << FIXED) + HALF;
    let major = steep ? y0 : x0;
    const step = (steep ? dy : dx) < 0 ? -1 : 1;
    for (let k = 0; k <= n; k++) {
      const x = steep ? minor >> FIXED : major;
      const y = steep ? major : minor >> FIXED;
      if (x >= 0 && x < w && y >= 0 && y < h) {
        const i = x * h + y;
        cells[i] = ((cells[i] & ~COLOUR_MASK) + ONE_LINE) | colour;
        if (x < bounds.left) bounds.left = x;
        if (x > bounds.right) bounds.right = x;
        if (y < bounds.top) bounds.top = y;
        if (y > bounds.bottom) bounds.bottom = y;
      }
      major += step;
      minor += slope;
    }
  }

  // No lines: every cell empty again, to draw another set in the same memory.
  clear() {
    const { left, right } = this.bounds;
    if (right >= left) this.cells.fill(0, left * this.height, (right + 1) * this.height);
  }

  // The raster as an image of its size, written into `image` (an ImageData of the raster's
  // size) when given: each crossed pixel in its colour from `palette` ([r, g, b] each; a
  // palette of one colour paints every line in it), opaque `alpha` for one line, more for
  // each further line, up to fully; the other pixels transparent. An image given must have
  // been painted from this raster only, or be empty: only pixels lines have ever touched are
  // written.
  image(palette, alpha, image = new ImageData(this.width, this.height)) {
    const { width: w, height: h, cells } = this;
    const { left: firstX, right: lastX, top: firstY, bottom: lastY } = this.bounds;
    const out = new Uint32Array(image.data.buffer); // RGBA bytes as one little-endian word
    // The word of each count (counts past 255 look like 255), and of each colour.
    const opacity = new Uint32Array(256);
    for (let n = 1; n < 256; n++) opacity[n] = Math.round(255 * (1 - Math.pow(1 - alpha, n))) << 24;
    const words = palette.map(([r, g, b]) => (b << 16) | (g << 8) | r);
    const colourMask = words.length === 1 ? 0 : COLOUR_MASK;
    // In strips of TILE columns: the cells are read down each column and the pixels written
    // along each row, both through memory close to what was touched last.
    for (let left = firstX; left <= lastX; left += TILE) {
      const right = Math.min(lastX + 1, left + TILE);
      for (let y = firstY; y <= lastY; y++) {
        const row = y * w;
        for (let x = left; x < right; x++) {
          const cell = cells[x * h + y];
          if (!cell) { out[row + x] = 0; continue; }
          const n = cell >>> COLOUR_BITS;
          out[row + x] = words[cell & colourMask] | opacity[n > 255 ? 255 : n];
        }
      }
    }
    return image;
  }
}

// [r, g, b] of a CSS colour as getComputedStyle gives it: #rgb, #rrggbb or rgb()/rgba().
export function rgbOf(colour) {
  const text = colour.trim();
  if (text.startsWith("#")) {
    const hex = text.length === 4 ? [...text.slice(1)].map((c) => c + c).join("") : text.slice(1, 7);
    const n = parseInt(hex, 16);
    return [n >> 16, (n >> 8) & 255, n & 255];
  }
  const parts = text.match(/[\d.]+/g) || ["0", "0", "0"];
  return parts.slice(0, 3).map(Number);
}
