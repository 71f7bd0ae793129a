// Draws the faint band of a dense series (one pixel column from its lowest to
// its highest point) into pixels directly. Filling such an outline, hundreds of
// spikes wide, was most of the cost of redrawing a chart on a CPU-drawn canvas
// (headless Chromium); blending the columns here costs a few array writes a
// pixel. Bands are composited over one another ("source-over", premultiplied)
// into an image kept until the data, scales or colours change, which is painted
// over what the canvas holds.
export class ColumnBands {
  constructor() {
    this.width = 0;
    this.height = 0;
    this.scale = 1;
    this.premultiplied = new Float32Array(0);
    this.painted = false;
    this.layer = null; // the bands as an image, painted by paint()
    this.key = [];
  }

  // Makes the bands anew (`fill(bands)` adds them) at the size of `canvas`, drawn
  // at `scale` device pixels per unit, unless `key` (values compared with ===:
  // the series' arrays, scales, colours) is the one they were last made for, as
  // when only the smoothing changed.
  update(canvas, scale, key, fill) {
    if (canvas.width === this.width && canvas.height === this.height && scale === this.scale
        && key.length === this.key.length && key.every((part, i) => part === this.key[i])) return;
    if (canvas.width !== this.width || canvas.height !== this.height) {
      this.width = canvas.width;
      this.height = canvas.height;
      this.premultiplied = new Float32Array(this.width * this.height * 4);
      this.layer = null;
    } else if (this.painted) {
      this.premultiplied.fill(0);
    }
    this.scale = scale;
    this.key = key;
    this.painted = false;
    fill(this);
    this.render();
  }

  // The band of points (xs[i], ys[i]) mapped through the scales x and y (to CSS
  // pixels), in colour [r, g, b] at opacity `alpha`. Points whose y does not map
  // to a finite pixel are left out.
  add(xs, ys, x, y, [r, g, b], alpha) {
    const { width, height, scale, premultiplied: px } = this;
    let column = -1;
    let top = 0;
    let bottom = 0;
    const fill = () => {
      if (column < 0 || column >= width) return;
      const from = Math.max(0, Math.floor(top));
      const to = Math.min(height - 1, Math.max(Math.floor(bottom), Math.floor(top)));
      const keep = 1 - alpha;
      for (let row = from, o = (from * width + column) * 4; row <= to; row++, o += width * 4) {
        px[o] = r * alpha + px[o] * keep;
        px[o + 1] = g * alpha + px[o + 1] * keep;
        px[o + 2] = b * alpha + px[o + 2] * keep;
        px[o + 3] = alpha + px[o + 3] * keep;
      }
      this.painted = true;
    };
    for (let i = 0; i < xs.length; i++) {
      const v = ys[i];
      if (v === null) continue;
      const py = y(v) * scale;
      if (!Number.isFinite(py)) continue;
      const c = Math.floor(x(xs[i]) * scale);
      if (c !== column) {
        fill();
        column = c;
        top = py;
        bottom = py;
      } else if (py < top) top = py;
      else if (py > bottom) bottom = py;
    }
    fill();
  }

  // The bands, unpremultiplied as ImageData wants, into the layer.
  render() {
    if (!this.painted) return;
    const { width, height, premultiplied: px } = this;
    this.layer ??= new OffscreenCanvas(width, height);
    const layerContext = this.layer.getContext("2d");
    const image = layerContext.createImageData(width, height);
    const out = image.data;
    for (let o = 0; o < px.length; o += 4) {
      const a = px[o + 3];
      if (a === 0) continue;
      out[o] = px[o] / a;
      out[o + 1] = px[o + 1] / a;
      out[o + 2] = px[o + 2] / a;
      out[o + 3] = a * 255;
    }
    layerContext.putImageData(image, 0, 0);
  }

  // Paints the bands over what `ctx`'s canvas holds (within its clip).
  paint(ctx) {
    if (!this.painted) return;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0); // device pixels, as the raster; the clip stays
    ctx.drawImage(this.layer, 0, 0);
    ctx.restore();
  }
}
