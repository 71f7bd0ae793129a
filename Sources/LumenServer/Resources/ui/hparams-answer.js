// /api/hparams?numbers=binary read back into /api/hparams's JSON shape (docs/API.md): the
// JSON's length (little-endian uint32), the JSON, spaces up to a multiple of 8 bytes, then
// columns of little-endian float64s, one per session. Each {"f64": k} in the JSON becomes
// column k as a Float64Array, NaN where the JSON form says null. 10,000 sessions' values
// then cost the page no parsing.

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

// The answer in `response`, in either form (a stand-in server may answer JSON).
export async function readHParams(response) {
  if ((response.headers.get("Content-Type") || "").startsWith("application/json")) return response.json();
  return fromBinary(await response.arrayBuffer());
}

function fromBinary(buffer) {
  if (buffer.byteLength < 4) throw new Error(`The sessions' answer is ${buffer.byteLength} bytes long, too short for its header.`);
  const length = new DataView(buffer).getUint32(0, true);
  if (4 + length > buffer.byteLength) throw new Error(`The sessions' answer says its JSON is ${length} bytes, past its end at ${buffer.byteLength}.`);
  const answer = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, length)));
  const start = Math.ceil((4 + length) / 8) * 8;
  const n = answer.sessions.name.length;
  const column = (field) => {
    if (field === null || typeof field !== "object" || typeof field.f64 !== "number") return field;
    const offset = start + field.f64 * n * 8;
    if (offset + n * 8 > buffer.byteLength) throw new Error(`The sessions' column ${field.f64} lies past the answer's end at ${buffer.byteLength} bytes.`);
    return float64s(buffer, offset, n);
  };
  const { sessions } = answer;
  sessions.startTime = column(sessions.startTime);
  sessions.endTime = column(sessions.endTime);
  for (const key of ["values", "metrics", "metricSteps"]) sessions[key] = sessions[key].map(column);
  return answer;
}

// n little-endian float64s at byte `offset` of `buffer`.
function float64s(buffer, offset, n) {
  if (LITTLE_ENDIAN) return new Float64Array(buffer, offset, n);
  const view = new DataView(buffer, offset, n * 8);
  return Float64Array.from({ length: n }, (_, i) => view.getFloat64(i * 8, true));
}
