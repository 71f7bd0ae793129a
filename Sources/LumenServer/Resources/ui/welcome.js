// Shown instead of dashboards while the log directory holds no event files:
// explains how to write some. Not an error: new files appear on their own.
import { h } from "./dom.js";

export function welcomePage({ logdir, reloadInterval = 5, problem }) {
  const run = `${logdir.replace(/\/$/, "")}/run1`;
  return h("div", { class: "welcome" },
    h("h1", {}, "No logs here yet"),
    // Typically a directory that does not exist yet: fine, it is watched.
    problem ? h("p", { class: "problem" }, `The log directory cannot be read yet (${problem}). `,
      "It is checked again on every reload.") : null,
    h("p", {}, "Lumen shows TensorBoard event files found anywhere under ",
      h("code", {}, logdir), ". Each directory holding event files becomes a run. ",
      `Start logging and this page fills in by itself within ${reloadInterval} seconds — no restart needed.`),
    h("h2", {}, "From Swift, with Lumen"),
    h("pre", {}, h("code", {}, [
      "import LumenBoard",
      "",
      `let writer = try SummaryWriter(logDir: "${run}")`,
      "for step in 0..<100 {",
      "    writer.addScalar(\"loss\", 1.0 / Double(step + 1), step: step)",
      "}",
      "try writer.close()",
    ].join("\n"))),
    h("h2", {}, "From Python, with PyTorch"),
    h("pre", {}, h("code", {}, [
      "from torch.utils.tensorboard import SummaryWriter",
      "",
      `writer = SummaryWriter("${run}")`,
      "for step in range(100):",
      "    writer.add_scalar(\"loss\", 1 / (step + 1), step)",
      "writer.close()",
    ].join("\n"))),
    h("p", { class: "muted" }, "Want sample data? ", h("code", {}, "swift run lumen demo"),
      " writes the PyTorch tutorial's logs into ", h("code", {}, "runs/"), "; then run ",
      h("code", {}, "lumen board --logdir runs"), "."));
}
