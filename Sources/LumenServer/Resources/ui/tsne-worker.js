// t-SNE in a Web Worker, over every point: exact k nearest neighbours
// (k = 3 × perplexity, by brute force on the original vectors), per-point
// bandwidths found by bisection to the perplexity, the symmetrized sparse
// affinities, then gradient descent whose repulsion is approximated with a
// Barnes–Hut tree (quadtree in 2-D, octree in 3-D; θ = 0.5). Early
// exaggeration 12, momentum 0.5 then 0.8, per-coordinate gains, and the
// learning rate max(n / 12 / 4, 50), as scikit-learn's "auto" (van der
// Maaten 2014; Belkina et al. 2019).
//
// In:  { data: Float32Array (n × d), n, d, perplexity, iterations, dims, seed }
// Out: { type: "progress", phase, done, total, positions? } … { type: "done", positions }
//      or { type: "error", message }. The page stops it with the Worker's terminate(): the
//      browser ends this thread at once, whatever it is running (no process, no signal).

const THETA = 0.5;
const EXAGGERATION = 12;
const MAX_DEPTH = 48;

self.onmessage = (event) => {
  try {
    run(event.data);
  } catch (error) {
    self.postMessage({ type: "error", message: error.message });
  }
};

function run({ data, n, d, perplexity, iterations, dims, seed }) {
  if (n < 2) throw new Error("t-SNE needs at least two points.");
  const k = Math.min(n - 1, Math.max(1, Math.floor(3 * perplexity)));
  const { indices, distances } = nearestNeighbours(data, n, d, k);
  const P = affinities(indices, distances, n, k, Math.min(perplexity, (n - 1) / 3));
  optimize(P, n, dims, iterations, seed);
}

// Every point's k nearest others by squared euclidean distance (max-heap per point).
function nearestNeighbours(data, n, d, k) {
  const indices = new Int32Array(n * k), distances = new Float64Array(n * k);
  const heapD = new Float64Array(k), heapI = new Int32Array(k);
  let reported = performance.now();
  for (let i = 0; i < n; i++) {
    let size = 0;
    const oi = i * d;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let sum = 0;
      const oj = j * d;
      for (let c = 0; c < d; c++) { const t = data[oi + c] - data[oj + c]; sum += t * t; }
      if (size < k) {
        // sift up
        let at = size++;
        heapD[at] = sum; heapI[at] = j;
        while (at > 0) {
          const parent = (at - 1) >> 1;
          if (heapD[parent] >= heapD[at]) break;
          swap(heapD, heapI, parent, at);
          at = parent;
        }
      } else if (sum < heapD[0]) {
        heapD[0] = sum; heapI[0] = j;
        let at = 0;
        for (;;) {
          const l = 2 * at + 1, r = l + 1;
          let largest = at;
          if (l < k && heapD[l] > heapD[largest]) largest = l;
          if (r < k && heapD[r] > heapD[largest]) largest = r;
          if (largest === at) break;
          swap(heapD, heapI, largest, at);
          at = largest;
        }
      }
    }
    for (let c = 0; c < k; c++) { indices[i * k + c] = heapI[c]; distances[i * k + c] = heapD[c]; }
    if (performance.now() - reported > 200) {
      reported = performance.now();
      self.postMessage({ type: "progress", phase: "neighbours", done: i + 1, total: n });
    }
  }
  return { indices, distances };
}

function swap(a, b, x, y) {
  const t = a[x]; a[x] = a[y]; a[y] = t;
  const u = b[x]; b[x] = b[y]; b[y] = u;
}

// Conditional affinities p(j|i) with each point's bandwidth set so the
// perplexity matches, then P = (p(j|i) + p(i|j)) / 2n as sorted sparse rows.
function affinities(indices, distances, n, k, perplexity) {
  const target = Math.log(perplexity);
  const conditional = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let beta = 1, lo = -Infinity, hi = Infinity;
    const o = i * k;
    let minD = Infinity;
    for (let c = 0; c < k; c++) minD = Math.min(minD, distances[o + c]);
    for (let step = 0; step < 200; step++) {
      let sum = 0, weighted = 0;
      for (let c = 0; c < k; c++) {
        const p = Math.exp(-beta * (distances[o + c] - minD));
        conditional[o + c] = p;
        sum += p;
        weighted += p * (distances[o + c] - minD);
      }
      const entropy = Math.log(sum) + beta * weighted / sum;
      for (let c = 0; c < k; c++) conditional[o + c] /= sum;
      const gap = entropy - target;
      if (Math.abs(gap) < 1e-5) break;
      if (gap > 0) { lo = beta; beta = hi === Infinity ? beta * 2 : (beta + hi) / 2; }
      else { hi = beta; beta = lo === -Infinity ? beta / 2 : (beta + lo) / 2; }
    }
  }
  // Both directions of every pair, merged by (row, column).
  const count = n * k * 2;
  const rows = new Int32Array(count), cols = new Int32Array(count), vals = new Float64Array(count);
  let e = 0;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const j = indices[i * k + c], v = conditional[i * k + c] / (2 * n);
      rows[e] = i; cols[e] = j; vals[e++] = v;
      rows[e] = j; cols[e] = i; vals[e++] = v;
    }
  }
  const order = new Uint32Array(count).map((_, x) => x);
  order.sort((a, b) => rows[a] - rows[b] || cols[a] - cols[b]);
  const start = new Int32Array(n + 1), column = [], value = [];
  for (let x = 0; x < count; x++) {
    const at = order[x];
    const last = column.length - 1;
    if (x > 0 && rows[order[x - 1]] === rows[at] && cols[order[x - 1]] === cols[at]) { value[last] += vals[at]; continue; }
    column.push(cols[at]);
    value.push(vals[at]);
    start[rows[at] + 1] = column.length;
  }
  for (let i = 1; i <= n; i++) start[i] = Math.max(start[i], start[i - 1]);
  return { start, column: Int32Array.from(column), value: Float64Array.from(value) };
}

// A seeded generator (mulberry32) and normal deviates, so a run is repeatable.
function random(seed) {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform() + 1e-300)) * Math.cos(2 * Math.PI * uniform());
}

function optimize(P, n, dims, iterations, seed) {
  const normal = random(seed);
  const Y = new Float64Array(n * dims).map(() => normal() * 1e-4);
  const update = new Float64Array(n * dims), gains = new Float64Array(n * dims).fill(1);
  const grad = new Float64Array(n * dims), repulse = new Float64Array(n * dims);
  const exaggerationEnd = Math.min(250, Math.floor(iterations / 4));
  const rate = Math.max(n / EXAGGERATION / 4, 50);
  const tree = new Tree(n, dims);
  let reported = 0;
  for (let it = 0; it < iterations; it++) {
    const exaggeration = it < exaggerationEnd ? EXAGGERATION : 1;
    const momentum = it < exaggerationEnd ? 0.5 : 0.8;
    tree.build(Y);
    repulse.fill(0);
    let Z = 0;
    for (let i = 0; i < n; i++) Z += tree.repulsion(Y, i, repulse);
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      for (let e = P.start[i]; e < P.start[i + 1]; e++) {
        const j = P.column[e];
        let dist = 0;
        for (let c = 0; c < dims; c++) { const t = Y[i * dims + c] - Y[j * dims + c]; dist += t * t; }
        const w = P.value[e] * exaggeration / (1 + dist);
        for (let c = 0; c < dims; c++) grad[i * dims + c] += w * (Y[i * dims + c] - Y[j * dims + c]);
      }
    }
    const mean = new Float64Array(dims);
    for (let x = 0; x < n * dims; x++) {
      const g = 4 * (grad[x] - repulse[x] / Z);
      gains[x] = Math.sign(g) !== Math.sign(update[x]) ? gains[x] + 0.2 : Math.max(0.01, gains[x] * 0.8);
      update[x] = momentum * update[x] - rate * gains[x] * g;
      Y[x] += update[x];
      mean[x % dims] += Y[x];
    }
    for (let x = 0; x < n * dims; x++) Y[x] -= mean[x % dims] / n;
    const now = performance.now();
    if (now - reported > 150 || it === iterations - 1) {
      reported = now;
      self.postMessage({ type: "progress", phase: "optimize", done: it + 1, total: iterations, positions: Float32Array.from(Y) });
    }
  }
  self.postMessage({ type: "done", positions: Float32Array.from(Y) });
}

// A Barnes–Hut tree over the current positions: cells split in 2^dims.
class Tree {
  constructor(n, dims) {
    this.dims = dims;
    this.fan = 1 << dims;
    this.grow(Math.max(64, 4 * n));
  }

  grow(capacity) {
    const old = this.capacity ? this : null;
    this.capacity = capacity;
    const { dims } = this;
    const make = (Type, size, from) => { const a = new Type(size); if (from) a.set(from); return a; };
    this.centre = make(Float64Array, capacity * dims, old?.centre);
    this.half = make(Float64Array, capacity, old?.half);
    this.mass = make(Float64Array, capacity, old?.mass);
    this.sum = make(Float64Array, capacity * dims, old?.sum);
    this.child = make(Int32Array, capacity, old?.child);
    this.point = make(Int32Array, capacity, old?.point);
    this.depth = make(Int32Array, capacity, old?.depth);
  }

  node(centre, half, depth) {
    if (this.count === this.capacity) this.grow(this.capacity * 2);
    const at = this.count++;
    for (let c = 0; c < this.dims; c++) { this.centre[at * this.dims + c] = centre[c]; this.sum[at * this.dims + c] = 0; }
    this.half[at] = half;
    this.mass[at] = 0;
    this.child[at] = -1;
    this.point[at] = -1;
    this.depth[at] = depth;
    return at;
  }

  build(Y) {
    const { dims } = this;
    const n = Y.length / dims;
    const lo = new Array(dims).fill(Infinity), hi = new Array(dims).fill(-Infinity);
    for (let i = 0; i < n; i++) for (let c = 0; c < dims; c++) { lo[c] = Math.min(lo[c], Y[i * dims + c]); hi[c] = Math.max(hi[c], Y[i * dims + c]); }
    const half = Math.max(...hi.map((h, c) => h - lo[c])) / 2 + 1e-9;
    this.count = 0;
    this.node(lo.map((l, c) => (l + hi[c]) / 2), half, 0);
    for (let i = 0; i < n; i++) this.insert(Y, i);
  }

  quadrant(node, Y, i) {
    let q = 0;
    for (let c = 0; c < this.dims; c++) if (Y[i * this.dims + c] > this.centre[node * this.dims + c]) q |= 1 << c;
    return q;
  }

  split(node) {
    const { dims } = this;
    const half = this.half[node] / 2;
    const first = this.count;
    for (let q = 0; q < this.fan; q++) {
      const centre = [];
      for (let c = 0; c < dims; c++) centre.push(this.centre[node * dims + c] + ((q >> c) & 1 ? half : -half));
      this.node(centre, half, this.depth[node] + 1);
    }
    this.child[node] = first;
  }

  add(node, Y, i) {
    this.mass[node] += 1;
    for (let c = 0; c < this.dims; c++) this.sum[node * this.dims + c] += Y[i * this.dims + c];
  }

  insert(Y, i) {
    let node = 0;
    for (;;) {
      if (this.child[node] < 0) {
        if (this.mass[node] === 0) { this.add(node, Y, i); this.point[node] = i; return; }
        if (this.point[node] < 0 || this.depth[node] >= MAX_DEPTH) {
          // A leaf of coincident (or nearly) points: keep them together.
          this.add(node, Y, i);
          this.point[node] = -2;
          return;
        }
        const held = this.point[node];
        this.point[node] = -1;
        this.split(node);
        const into = this.child[node] + this.quadrant(node, Y, held);
        this.add(into, Y, held);
        this.point[into] = held;
      }
      this.add(node, Y, i);
      node = this.child[node] + this.quadrant(node, Y, i);
    }
  }

  // Adds point i's unnormalized repulsion to out; returns its share of Z.
  repulsion(Y, i, out) {
    const { dims } = this;
    let Z = 0;
    const stack = [0];
    while (stack.length) {
      const node = stack.pop();
      let mass = this.mass[node];
      if (mass === 0) continue;
      const leaf = this.child[node] < 0;
      if (leaf && this.point[node] === i) continue;
      let dist = 0;
      const delta = [0, 0, 0];
      for (let c = 0; c < dims; c++) {
        delta[c] = Y[i * dims + c] - this.sum[node * dims + c] / mass;
        dist += delta[c] * delta[c];
      }
      const width = 2 * this.half[node];
      if (leaf || width * width < THETA * THETA * dist) {
        if (leaf && this.point[node] === -2 && dist < 1e-24) mass -= 1; // i itself is in this pile
        const q = 1 / (1 + dist);
        Z += mass * q;
        const f = mass * q * q;
        for (let c = 0; c < dims; c++) out[i * dims + c] += f * delta[c];
      } else {
        for (let q = 0; q < this.fan; q++) stack.push(this.child[node] + q);
      }
    }
    return Z;
  }
}
