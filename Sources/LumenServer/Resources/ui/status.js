// Header status: load progress, totals, damaged records (collapsed).
import { h } from "./dom.js";
import { formatCount, formatBytes } from "./format.js";

const root = document.getElementById("status");
const logdir = document.getElementById("logdir");

export function renderStatus(status) {
  // Isolated so the right-to-left box (which trims the start of long paths)
  // does not reorder the path's slashes.
  logdir.replaceChildren(h("bdi", { dir: "ltr" }, status.logdir));
  logdir.title = status.logdir;
  const parts = [];
  if (!status.loaded) {
    // Byte progress when the server reports it, else what has been read so far.
    const progress = status.totalBytes > 0
      ? `${Math.floor((100 * status.loadedBytes) / status.totalBytes)}% of ${formatBytes(status.totalBytes)}`
      : `${formatCount(status.files)} files, ${formatCount(status.points)} points so far`;
    parts.push(h("span", { class: "loading" }, h("span", { class: "spinner", "aria-hidden": "true" }),
      `Loading… ${progress}`));
  } else {
    parts.push(h("span", {}, `${plural(status.runs, "run")} · ${plural(status.files, "file")} · ${plural(status.points, "point")}`));
  }
  const damage = status.damage || [];
  if (damage.length) {
    parts.push(h("details", { class: "damage" },
      h("summary", { title: "Records that failed their checksum were skipped" }, `⚠ ${plural(damage.length, "damaged record")}`),
      h("ul", {}, damage.map((d) => h("li", {}, d)))));
  }
  // Keep an opened damage list open across refreshes.
  const wasOpen = root.querySelector("details.damage")?.open;
  root.replaceChildren(...parts);
  if (wasOpen) root.querySelector("details.damage").open = true;
  root.classList.remove("offline");
}

export function renderOffline(message) {
  root.replaceChildren(h("span", { class: "offline-text", title: message }, "Server unreachable · retrying"));
  root.classList.add("offline");
}

function plural(n, word) {
  return `${formatCount(n)} ${word}${n === 1 ? "" : "s"}`;
}
