// Natural ordering of names (runs, tags, sessions, hyper-parameter values) as
// Intl.Collator with `numeric: true` orders them, without asking the browser's
// collator for the common case: the first collator a page makes loads the
// collation data, 20–60 ms of a page's first view. Names made of printable
// ASCII characters are compared here with the weights of Unicode's root
// collation order; any other name goes to a collator made when first needed.
// Scripts/check_intl_standins.mjs compares both functions with Intl.Collator on
// random names.

// Printable ASCII other than letters and digits, in root collation order.
const PUNCTUATION = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$";
const DIGIT = PUNCTUATION.length + 1;
// Each printable ASCII character's primary weight (a letter's the same in either
// case); 0 for everything else.
const WEIGHT = new Uint8Array(128);
[...PUNCTUATION].forEach((c, i) => { WEIGHT[c.charCodeAt(0)] = i + 1; });
for (let c = 48; c <= 57; c++) WEIGHT[c] = DIGIT;
for (let c = 0; c < 26; c++) WEIGHT[65 + c] = WEIGHT[97 + c] = DIGIT + 1 + c;

let collators = null;
const collator = (which) => {
  collators ??= {
    base: new Intl.Collator(undefined, { numeric: true, sensitivity: "base" }),
    variant: new Intl.Collator(undefined, { numeric: true }),
  };
  return collators[which];
};

const weightOf = (code) => (code < 128 ? WEIGHT[code] : 0);
const isDigit = (code) => code >= 48 && code <= 57;

// The primary comparison of two printable-ASCII names: -1, 0 or 1; NaN when either
// holds another character (the collator decides those).
function primary(a, b) {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const wa = weightOf(a.charCodeAt(i));
    const wb = weightOf(b.charCodeAt(j));
    if (!wa || !wb) return NaN;
    if (wa === DIGIT && wb === DIGIT) {
      // Runs of digits compare as numbers: leading zeros aside, the longer is larger, else
      // the first differing digit decides.
      while (a.charCodeAt(i) === 48) i++;
      while (b.charCodeAt(j) === 48) j++;
      let ei = i;
      let ej = j;
      while (isDigit(a.charCodeAt(ei))) ei++;
      while (isDigit(b.charCodeAt(ej))) ej++;
      if (ei - i !== ej - j) return ei - i < ej - j ? -1 : 1;
      for (; i < ei; i++, j++) {
        const d = a.charCodeAt(i) - b.charCodeAt(j);
        if (d) return d < 0 ? -1 : 1;
      }
      continue;
    }
    if (wa !== wb) return wa < wb ? -1 : 1;
    i++;
    j++;
  }
  // What is left of the longer name makes it the larger, if the collator weighs it too.
  for (let k = i; k < a.length; k++) if (!weightOf(a.charCodeAt(k))) return NaN;
  for (let k = j; k < b.length; k++) if (!weightOf(b.charCodeAt(k))) return NaN;
  return a.length - i === b.length - j ? 0 : a.length - i < b.length - j ? -1 : 1;
}

// Names equal but for letter case (and leading zeros): the first letter whose case
// differs decides, lower case first.
function byCase(a, b) {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && !isLetter(a.charCodeAt(i))) i++;
    while (j < b.length && !isLetter(b.charCodeAt(j))) j++;
    if (i === a.length || j === b.length) return 0;
    const upperA = a.charCodeAt(i) < 97;
    const upperB = b.charCodeAt(j) < 97;
    if (upperA !== upperB) return upperA ? 1 : -1;
    i++;
    j++;
  }
}

const isLetter = (code) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

// Intl.Collator(undefined, { numeric: true, sensitivity: "base" }).compare: "run2" before
// "run10", letter case ignored.
export function naturalCompare(a, b) {
  const order = primary(a, b);
  return Number.isNaN(order) ? collator("base").compare(a, b) : order;
}

// Intl.Collator(undefined, { numeric: true }).compare: naturalCompare, then lower case
// before upper case.
export function naturalOrder(a, b) {
  const order = primary(a, b);
  if (Number.isNaN(order)) return collator("variant").compare(a, b);
  return order || byCase(a, b);
}
