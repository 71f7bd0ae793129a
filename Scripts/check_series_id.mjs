// The page's series ids (ui/series-id.js) against the board's (SeriesID.of, whose tests hold
// the same known answers, computed with Python's integers): run with `node Scripts/check_series_id.mjs`.
import { seriesID } from "../Sources/LumenServer/Resources/ui/series-id.js";

const KNOWN = [
  [".", "loss", "5badd9e3b03c64bf6e12fd9ef7434b2c"],
  ["", "", "d228cb69101a8caf78912b704e4a147f"],
  ["session-00000", "metric/m0", "16eec980a62e23decd100c79a92d5372"],
  ["trial 2/é", "Grad-CAM/overlays", "d2ccc49269520ea9ed5f3e11f6da9294"],
  ["runs/日本", "ü/😀 tag", "359db0047d69a437e97613158a4f7491"],
];

let failed = 0;
for (const [run, tag, id] of KNOWN) {
  const got = seriesID(run, tag);
  if (got !== id) {
    failed++;
    console.log(`FAIL ${JSON.stringify([run, tag])}: ${got}, expected ${id}`);
  }
}
// A 64 KiB tag, as the server's tests log: worked out quickly enough for a page.
const start = performance.now();
const long = seriesID(".", "é".repeat(32_768));
const ms = performance.now() - start;
if (long !== "bc303120ef74270b037f24c61608876b") { failed++; console.log(`FAIL the 64 KiB tag's id is ${long}`); }
console.log(`series ids: ${KNOWN.length + 1 - failed} of ${KNOWN.length + 1} known answers; a 64 KiB tag in ${ms.toFixed(1)} ms`);
process.exit(failed ? 1 : 0);
