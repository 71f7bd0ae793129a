// Draws many thin lines into pixels directly: the browser's canvas strokes
// anti-aliased paths far too slowly for tens of thousands of polylines
// (10,000 × 35 points took over 10 s in headless Chromium). A Bresenham walk
// that only counts the lines crossing each pixel and keeps the colour of the
// last one costs two array writes a pixel; the count becomes the pixel's
// opacity when the raster is painted, so dense bundles stay visible.
export class LineRaster {
  constructor(width, height) {
    this.width = width;
    this.height = height;
    this.counts = new Uint16Array(width * height);
    this.colours = new Uint8Array(width * height);
  }

  // A one-pixel line from (x0, y0) to (x1, y1), in device pixels, in palette colour `colour`.
  line(x0, y0, x1, y1, colour) {
    const { width: w, height: h, counts, colours } = this;
    x0 |= 0; y0 |= 0; x1 |= 0; y1 |= 0;
    const dx = Math.abs(x1 - x0);
    const dy = -Math.abs(y1 - y0);
    const sx = x0 < x1 ? 1 : -1;
    const sy = y0 < y1 ? 1 : -1;
    let err = dx + dy;
    for (;;) {
      if (x0 >= 0 && x0 < w && y0 >= 0 && y0 < h) {
        const i = y0 * w + x0;
        if (counts[i] < 65535) counts[i]++;
        colours[i] = colour;
      }
      if (x0 === x1 && y0 === y1) break;
      const e2 = 2 * err;
      if (e2 >= dy) { err += dy; x0 += sx; }
      if (e2 <= dx) { err += dx; y0 += sy; }
    }
  }

  // Writes the pixels to a canvas of the raster's size (its transform is ignored): each
  // crossed pixel in its colour from `palette` ([r, g, b] each), opaque `alpha` for one line,
  // more for each further line, up to fully.
  paint(ctx, palette, alpha) {
    const image = ctx.createImageData(this.width, this.height);
    const out = image.data;
    const { counts, colours } = this;
    const opacity = new Uint8Array(256);
    for (let n = 1; n < 256; n++) opacity[n] = Math.round(255 * (1 - Math.pow(1 - alpha, n)));
    for (let i = 0; i < counts.length; i++) {
      const n = counts[i];
      if (!n) continue;
      const [r, g, b] = palette[colours[i]];
      const o = i << 2;
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
      out[o + 3] = opacity[n > 255 ? 255 : n];
    }
    ctx.putImageData(image, 0, 0);
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
