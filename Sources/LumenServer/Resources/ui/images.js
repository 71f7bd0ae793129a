// Images dashboard: either one card per tag and run (image, filmstrip, step
// slider) or, in "Compare runs" layout, one card per tag with the selected
// runs side by side at the same step. The sidebar picks the layout and the
// brightness / contrast of every image.
import { createDashboard, emptyMessage } from "./dashboard.js";
import { state } from "./store.js";
import { ImageCard } from "./image-card.js";
import { CompareCard } from "./image-compare.js";
import { closeLightbox } from "./image-lightbox.js";

export function createImages(root) {
  const compare = state.imageLayout === "compare";
  const dashboard = createDashboard(root, {
    name: "images",
    kind: "images",
    perRun: !compare,
    displayTag: (tag) => tag,
    createCard: compare ? (tag) => new CompareCard(tag) : (tag, run) => new ImageCard(tag, run),
    empty: emptyMessage("images", 'try writer.addImage("sample", pixels, shape: [3, 64, 64], step: i)',
      'writer.add_image("sample", img, i)'),
  });
  return {
    ...dashboard,
    destroy() {
      closeLightbox();
      dashboard.destroy();
    },
  };
}
