// A scalar card's run groups: each group's mean and band from
// /api/scalars/group, kept until the group's runs or the zoom change, and
// turned into chart series (run-groups.js says which runs form which group).
import { api } from "./api.js";
import { bandEdges } from "./run-groups.js";
import { cssColor } from "./theme.js";
import { smooth } from "./smoothing.js";
import { state } from "./store.js";

const PALETTE_SIZE = 12; // style.css's --run-0 … --run-11

export class ScalarGroups {
  constructor(tag) {
    this.tag = tag;
    this.data = new Map();   // group key → { runs: its runs joined by "\n", resp }
    this.errors = new Map(); // group label → message of its last failed fetch
    this.latest = new Map(); // group key → number of its newest request
    this.sequence = 0;
  }

  // The groups whose answer is missing, or was for other runs.
  missing(groups) {
    return groups.filter((g) => this.data.get(g.key)?.runs !== g.runs.join("\n"));
  }

  // Forget every answer (the zoom changed: they cover other steps).
  clear() {
    this.data.clear();
  }

  async fetch(groups, params) {
    const seq = ++this.sequence;
    for (const g of groups) this.latest.set(g.key, seq);
    const results = await Promise.allSettled(groups.map((g) => api.scalarGroup(g.runs, this.tag, params)));
    results.forEach((result, i) => {
      const g = groups[i];
      if (this.latest.get(g.key) !== seq) return; // a newer request for this group is under way
      if (result.status === "rejected") {
        this.errors.set(g.label, result.reason.message);
        return;
      }
      this.errors.delete(g.label);
      this.data.set(g.key, { runs: g.runs.join("\n"), resp: result.value });
    });
  }

  // One series per group with an answer: its mean over its band, both smoothed
  // as the runs' lines are when smoothing is on (the data table shows the
  // band's values as the server computed them).
  series(groups, weight) {
    const out = [];
    for (const g of groups) {
      const entry = this.data.get(g.key);
      if (!entry || entry.runs !== g.runs.join("\n")) continue;
      const { resp } = entry;
      const band = bandEdges(resp, state.groupBand);
      const smoothOf = (values) => smooth(values, weight, state.smoothingKind, resp.step);
      const slot = g.index % PALETTE_SIZE;
      out.push({
        run: g.label, color: cssColor(`--run-${slot}`), colorCSS: `var(--run-${slot})`,
        x: resp.step, y: resp.mean, smooth: weight > 0 ? smoothOf(resp.mean) : null, step: resp.step, wall: null, rel: null,
        band: weight > 0 ? { lo: smoothOf(band.lo), hi: smoothOf(band.hi) } : band,
        group: { runs: g.runs, count: resp.count, lo: band.lo, hi: band.hi },
      });
    }
    return out;
  }
}
