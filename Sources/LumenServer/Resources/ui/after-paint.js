// Work for once the page has painted what it holds now: a task after the next frame. A
// frame callback alone runs before that frame is painted, so what it did would hold the
// paint up.

// Calls `work` after the next paint; returns a function that cancels the call.
export function afterNextPaint(work) {
  let timer = 0;
  const frame = requestAnimationFrame(() => { timer = setTimeout(work); });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
