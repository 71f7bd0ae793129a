// One floating tooltip shared by every chart; it follows the pointer and
// flips to the other side near the window edge.
const tip = document.createElement("div");
tip.className = "tooltip";
tip.hidden = true;
document.body.append(tip);

export function showTooltip(content, clientX, clientY) {
  tip.replaceChildren(content);
  tip.hidden = false;
  const gap = 14;
  const { width, height } = tip.getBoundingClientRect();
  let left = clientX + gap;
  if (left + width > window.innerWidth - 8) left = clientX - gap - width;
  let top = clientY + gap;
  if (top + height > window.innerHeight - 8) top = Math.max(8, clientY - gap - height);
  tip.style.transform = `translate(${Math.max(8, left)}px, ${top}px)`;
}

export function hideTooltip() {
  tip.hidden = true;
}

// Scrolling moves the chart away from a still pointer: drop the tooltip.
window.addEventListener("scroll", hideTooltip, { passive: true, capture: true });
