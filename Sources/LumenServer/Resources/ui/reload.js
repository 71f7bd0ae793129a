// The header's reload button, and how long ago the page last saw the data
// change. The server does not say when it last reloaded the log directory, so
// the page counts from the last poll that brought new runs, tags or points.
import { formatAgo } from "./format.js";

const TICK_MS = 5000; // how often "updated … ago" is rewritten

const button = document.getElementById("reload");
const updated = document.getElementById("updated");
let changedAt = 0; // Date.now() of the last change seen, 0 before any data

// onReload() returns a promise settled once the page has fetched everything again.
export function initReload(onReload) {
  button.addEventListener("click", async () => {
    button.setAttribute("aria-busy", "true");
    try {
      await onReload();
    } finally {
      button.removeAttribute("aria-busy");
    }
  });
  updated.title = "When this page last saw the data change (new runs, tags or points). "
    + "The board reloads the log directory by itself; the reload button fetches at once.";
  setInterval(paint, TICK_MS);
}

// The last poll brought data the page did not have.
export function markDataChanged() {
  changedAt = Date.now();
  paint();
}

function paint() {
  updated.hidden = !changedAt;
  if (changedAt) updated.textContent = `updated ${formatAgo(Date.now() - changedAt)}`;
}
