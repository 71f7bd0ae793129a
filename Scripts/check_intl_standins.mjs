// Checks what the page does in place of the browser's Intl objects, whose first use loads locale
// data: the natural ordering of Sources/LumenServer/Resources/ui/collate.js against
// Intl.Collator with `numeric: true` (base and default sensitivity) on random names of printable
// ASCII (punctuation, digit runs with leading zeros, both letter cases), pairs that differ only in
// case or leading zeros, and names with other characters (accents, CJK, control characters),
// which collate.js hands to the collator; and format.js's formatCount against
// toLocaleString("en-US"). Run with node: `node Scripts/check_intl_standins.mjs`.
import { readFileSync } from "node:fs";

const root = new URL("..", import.meta.url);
const source = readFileSync(new URL("Sources/LumenServer/Resources/ui/collate.js", root), "utf8");
const { naturalCompare, naturalOrder } = await import(`data:text/javascript,${encodeURIComponent(source)}`);
const formatSource = readFileSync(new URL("Sources/LumenServer/Resources/ui/format.js", root), "utf8");
const { formatCount } = await import(`data:text/javascript,${encodeURIComponent(formatSource)}`);

const base = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
const variant = new Intl.Collator(undefined, { numeric: true });

let seed = 11;
const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = (text) => text[Math.floor(random() * text.length)];
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");
const OTHER = ["é", "É", "ü", "ß", "中", "\u0001", "\u007f", "\u200b", "ﬁ", "½"];

function name(otherChance) {
  let text = "";
  const length = Math.floor(random() * 12);
  for (let k = 0; k < length; k++) {
    const r = random();
    if (r < otherChance) text += pick(OTHER);
    else if (r < 0.3) text += pick("0123456789");
    else if (r < 0.4) text += "0";
    else if (r < 0.75) text += pick("abcABCxyzXYZ");
    else text += pick(PRINTABLE);
  }
  return text;
}

// The same name with some letters' case flipped and some digit runs given a leading zero.
function twin(text) {
  return [...text].map((c, k) => {
    const flip = random() < 0.3 ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c;
    return /\d/.test(c) && (k === 0 || !/\d/.test(text[k - 1])) && random() < 0.3 ? `0${flip}` : flip;
  }).join("");
}

const sign = (x) => Math.sign(x);
const failures = [];
let pairs = 0;
for (let k = 0; k < 200_000; k++) {
  const a = name(k % 10 === 0 ? 0.15 : 0);
  const b = k % 3 === 0 ? twin(a) : name(k % 10 === 0 ? 0.15 : 0);
  pairs++;
  for (const [label, ours, theirs] of [["naturalCompare", naturalCompare, base], ["naturalOrder", naturalOrder, variant]]) {
    if (sign(ours(a, b)) !== sign(theirs.compare(a, b))) {
      failures.push(`${label}(${JSON.stringify(a)}, ${JSON.stringify(b)}) = ${ours(a, b)}, Intl.Collator says ${theirs.compare(a, b)}`);
    }
  }
}
const counts = [0, -0, 7, -7, 999, 1000, -1000, 123456789, 2 ** 53 + 2, 1e20, 1e21, 2.5, NaN, Infinity];
for (let k = 0; k < 100_000; k++) counts.push(Math.round((random() - 0.5) * 10 ** Math.floor(random() * 22)));
for (const n of counts) {
  if (formatCount(n) !== n.toLocaleString("en-US")) failures.push(`formatCount(${n}) = ${formatCount(n)}, toLocaleString says ${n.toLocaleString("en-US")}`);
}
if (failures.length) {
  console.log(failures.slice(0, 20).join("\n"));
  console.log(`${failures.length} differ from Intl`);
  process.exit(1);
}
console.log(`collate.js: ${2 * pairs} comparisons agree with Intl.Collator; formatCount: ${counts.length} numbers agree with toLocaleString (ICU ${process.versions.icu})`);
