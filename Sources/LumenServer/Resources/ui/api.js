// Thin wrappers over the board's JSON API. Every call rejects with an Error
// whose message is fit to show on a card (the server's own message if any).

async function getJSON(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null) query.set(key, String(value));
  }
  const qs = query.toString();
  let response;
  try {
    response = await fetch(qs ? `${path}?${qs}` : path, { cache: "no-store" });
  } catch {
    throw new Error("Cannot reach the Lumen server. Is `lumen board` still running?");
  }
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = await response.json();
      if (body && body.error) message = body.error;
    } catch { /* not JSON: keep the status line */ }
    throw new Error(message);
  }
  return response.json();
}

export const api = {
  status: () => getJSON("/api/status"),
  runs: () => getJSON("/api/runs"),
  scalars: (run, tag, opts = {}) => getJSON("/api/scalars", { run, tag, ...opts }),
  histograms: (run, tag) => getJSON("/api/histograms", { run, tag }),
  distributions: (run, tag) => getJSON("/api/distributions", { run, tag }),
  images: (run, tag) => getJSON("/api/images", { run, tag }),
  texts: (run, tag) => getJSON("/api/texts", { run, tag }),
  graph: (run) => getJSON("/api/graph", { run }),
};

export function exportURL(run, tag, format) {
  return `/api/scalars/export?${new URLSearchParams({ run, tag, format })}`;
}
