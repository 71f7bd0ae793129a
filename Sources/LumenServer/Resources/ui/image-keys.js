// ← / → on a focused image card move one step back or forward (the slider
// handles its own arrow keys, so keys aimed at form controls are left alone).
export function stepKeys(card, move) {
  card.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.target.closest("input, select, textarea")) return;
    const delta = { ArrowLeft: -1, ArrowRight: 1 }[e.key];
    if (!delta) return;
    e.preventDefault();
    move(delta);
  });
}
