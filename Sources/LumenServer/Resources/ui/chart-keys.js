// Keys of a focused scalar chart: ← → move the step cursor, Shift+← → pan,
// + − zoom around the cursor (or the middle), 0 shows every step again,
// Escape takes the cursor away.
const ZOOM_IN = 0.5;
const ZOOM_OUT = 2;
const PAN = 0.2; // of the range shown

// actions: { move(delta), zoom(factor), pan(fraction), reset(), clear() }
export function attachChartKeys(element, actions) {
  element.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const arrow = e.key === "ArrowLeft" ? -1 : e.key === "ArrowRight" ? 1 : 0;
    if (arrow && e.shiftKey) actions.pan(arrow * PAN);
    else if (arrow) actions.move(arrow);
    else if (e.key === "+" || e.key === "=") actions.zoom(ZOOM_IN);
    else if (e.key === "-" || e.key === "_") actions.zoom(ZOOM_OUT);
    else if (e.key === "0") actions.reset();
    else if (e.key === "Escape") actions.clear();
    else return;
    e.preventDefault();
  });
}
