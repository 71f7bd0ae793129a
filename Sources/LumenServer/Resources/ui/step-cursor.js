// The step cursor shared by every scalar chart: the step hovered (or moved to
// with the keyboard) on one chart is marked on all of them at once. Changes
// reach the listeners once per animation frame, however fast the pointer moves.
const listeners = new Set();
let current = { step: null, source: null }; // source: the card that set it
let frame = 0;

export function cursorStep() {
  return current.step;
}

// step: a step, or null to take the cursor away.
export function setCursorStep(step, source) {
  if (step === current.step && source === current.source) return;
  current = { step, source };
  cancelAnimationFrame(frame);
  frame = requestAnimationFrame(() => {
    for (const listener of listeners) listener(current.step, current.source);
  });
}

// Calls listener(step, source) after each change; returns the unsubscribe function.
export function onCursorStep(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
