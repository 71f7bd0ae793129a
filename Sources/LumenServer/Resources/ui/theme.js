// Light or dark page: the header's toggle picks system / light / dark (kept
// with the other settings), "system" follows prefers-color-scheme. The
// resolved theme is <html data-theme>, which switches style.css's variables;
// canvas drawings read those variables through cssColor() and redraw when
// the theme changes.
import { state, update, subscribe } from "./store.js";

const CHOICES = ["system", "light", "dark"];
const LABELS = { system: "◐ System", light: "☀ Light", dark: "☾ Dark" };
const systemDark = window.matchMedia("(prefers-color-scheme: dark)");
const listeners = new Set();
let colors = new Map(); // custom property → value in the current theme

// The value of a CSS custom property of the page root, e.g. cssColor("--chart-axis").
export function cssColor(name) {
  if (!colors.has(name)) {
    colors.set(name, getComputedStyle(document.documentElement).getPropertyValue(name).trim());
  }
  return colors.get(name);
}

// Calls listener() after every theme change, and after a run's colour was
// picked or reset; returns the unsubscribe function.
export function onThemeChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Canvas drawings redraw as after a theme change: a run's colour changed.
export function runColorsChanged() {
  for (const listener of listeners) listener();
}

// The user's choice; anything unknown (an old or edited setting) is "system".
const choice = () => (CHOICES.includes(state.theme) ? state.theme : "system");
const nextChoice = () => CHOICES[(CHOICES.indexOf(choice()) + 1) % CHOICES.length];

function resolved() {
  if (choice() !== "system") return choice();
  return systemDark.matches ? "dark" : "light";
}

function apply() {
  const theme = resolved();
  if (document.documentElement.dataset.theme === theme) return;
  document.documentElement.dataset.theme = theme;
  colors = new Map();
  for (const listener of listeners) listener();
}

export function initTheme(button) {
  const paint = () => {
    button.textContent = LABELS[choice()];
    button.dataset.choice = choice();
    const follows = choice() === "system" ? " (follows the system's light or dark setting)" : "";
    button.title = `Theme: ${choice()}${follows}. Click for ${nextChoice()}.`;
  };
  button.addEventListener("click", () => update({ theme: nextChoice() }));
  subscribe((patch) => {
    if (!("theme" in patch)) return;
    paint();
    apply();
  });
  systemDark.addEventListener("change", apply);
  paint();
  apply();
}
