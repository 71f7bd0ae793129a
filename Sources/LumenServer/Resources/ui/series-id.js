// The id that addresses one series (a tag of a run) in the board's per-series endpoints, as the
// board works it out (docs/API.md, "Addressing a series"): the 128-bit FNV-1a hash of the run's
// name in UTF-8, a zero byte and the tag, as 32 lowercase hexadecimal digits. Worked out here,
// the run listing need not carry an id per tag (half its bytes for 10,000 runs).

const LIMBS = 8; // 16 bits each, least significant first
// 0x6c62272e07bb014262b821756295c58d, FNV-1a's 128-bit offset basis.
const OFFSET_BASIS = [0xc58d, 0x6295, 0x2175, 0x62b8, 0x0142, 0x07bb, 0x272e, 0x6c62];
const encoder = new TextEncoder();

// The hash's state × the prime 2^88 + 0x13B, modulo 2^128, in place.
function multiplyByPrime(v) {
  // v · 2^88 keeps v's low 40 bits, moved up 5 limbs and 8 bits.
  const s5 = (v[0] << 8) & 0xffff;
  const s6 = ((v[1] << 8) | (v[0] >>> 8)) & 0xffff;
  const s7 = ((v[2] << 8) | (v[1] >>> 8)) & 0xffff;
  let carry = 0;
  for (let i = 0; i < LIMBS; i++) {
    const shifted = i === 5 ? s5 : i === 6 ? s6 : i === 7 ? s7 : 0;
    const sum = v[i] * 0x13b + shifted + carry;
    v[i] = sum & 0xffff;
    carry = Math.floor(sum / 0x10000);
  }
}

function mix(v, bytes) {
  for (const byte of bytes) {
    v[0] ^= byte;
    multiplyByPrime(v);
  }
}

// The id of `tag` in `run`.
export function seriesID(run, tag) {
  const v = OFFSET_BASIS.slice();
  mix(v, encoder.encode(run));
  mix(v, [0]);
  mix(v, encoder.encode(tag));
  let hex = "";
  for (let i = LIMBS - 1; i >= 0; i--) hex += v[i].toString(16).padStart(4, "0");
  return hex;
}
