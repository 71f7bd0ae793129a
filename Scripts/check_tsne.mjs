// Checks the board's t-SNE worker (Sources/LumenServer/Resources/ui/tsne-worker.js) in
// Node: five well separated Gaussian clusters in 20-D must come out as five clusters —
// each point's 10 nearest neighbours in the 2-D and the 3-D layouts share its cluster for at
// least 95% of the pairs — with progress reported through every phase, and a repeated run
// with the same seed gives the same layout.
//
//   node Scripts/check_tsne.mjs
import { readFileSync } from "node:fs";
import vm from "node:vm";

const source = readFileSync(new URL("../Sources/LumenServer/Resources/ui/tsne-worker.js", import.meta.url), "utf8");

function runWorker(message) {
  const posted = [];
  const self = { postMessage: (m) => posted.push(m) };
  vm.runInNewContext(source, { self, performance, Math, Float32Array, Float64Array, Int32Array, Uint32Array, Infinity, Array, Number });
  self.onmessage({ data: message });
  return posted;
}

function clusters(perCluster, k, d, seed) {
  let s = seed;
  const uniform = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const normal = () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => normal() * 10));
  const data = new Float32Array(perCluster * k * d), labels = [];
  for (let c = 0; c < k; c++) for (let p = 0; p < perCluster; p++) {
    const i = c * perCluster + p;
    labels.push(c);
    for (let j = 0; j < d; j++) data[i * d + j] = centres[c][j] + normal();
  }
  return { data, labels, n: perCluster * k, d };
}

function agreement(positions, dims, labels, k = 10) {
  const n = labels.length;
  let same = 0;
  for (let i = 0; i < n; i++) {
    const distances = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let sum = 0;
      for (let c = 0; c < dims; c++) sum += (positions[i * dims + c] - positions[j * dims + c]) ** 2;
      distances.push([sum, j]);
    }
    distances.sort((a, b) => a[0] - b[0]);
    for (const [, j] of distances.slice(0, k)) same += labels[j] === labels[i] ? 1 : 0;
  }
  return same / (n * k);
}

let failed = false;
const { data, labels, n, d } = clusters(80, 5, 20, 7);
for (const dims of [2, 3]) {
  const posted = runWorker({ data, n, d, perplexity: 20, iterations: 400, dims, seed: 3 });
  const last = posted.at(-1);
  if (last.type !== "done") { console.log(`FAIL ${dims}-D: ended with ${JSON.stringify(last).slice(0, 200)}`); failed = true; continue; }
  const phases = new Set(posted.filter((m) => m.type === "progress").map((m) => m.phase));
  const score = agreement(last.positions, dims, labels);
  const finite = last.positions.every(Number.isFinite);
  console.log(`${dims}-D: neighbour agreement ${(score * 100).toFixed(1)}%, phases ${[...phases].join(", ")}, finite ${finite}`);
  if (score < 0.95 || !finite || !phases.has("optimize") || last.positions.length !== n * dims) failed = true;
  const again = runWorker({ data, n, d, perplexity: 20, iterations: 400, dims, seed: 3 }).at(-1);
  if (!again.positions.every((v, i) => v === last.positions[i])) { console.log(`FAIL ${dims}-D: the same seed gave another layout`); failed = true; }
}
const tooFew = runWorker({ data: new Float32Array(3), n: 1, d: 3, perplexity: 5, iterations: 10, dims: 2, seed: 1 }).at(-1);
if (tooFew.type !== "error" || !tooFew.message.includes("at least two points")) { console.log("FAIL: one point is not an error"); failed = true; }
if (failed) { console.log("t-SNE check FAILED"); process.exit(1); }
console.log("t-SNE check passed");
