import type { HttpResult } from "../scenarios/http";
import { httpGoal } from "./report";

// The HTTP figures as a bar chart (SVG, which GitHub renders in docs/benchmarks.md): each app
// figure as a share of the same bytes served by a bare Next.js app in the same run, with the
// goal of its target marked.

const WIDTH = 760;
const LABEL_WIDTH = 300;
const BAR_HEIGHT = 22;
const GAP = 10;
const TOP = 48;
const SCALE_MAX = 1.2; // bars past 120 % are clipped (a cached figure can beat the ceiling's noise)

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function httpChartSvg(http: HttpResult, caption: string): string {
  const bars = http.targets.flatMap((target) =>
    Object.entries(target.app).map(([mode, app]) => ({
      label: `${target.name}, ${mode}`,
      ratio: app.ratioToNext,
      requestsPerSec: app.requestsPerSec,
      goal: (httpGoal(target.name, mode) ?? 0) / 100,
    })),
  );
  const plotWidth = WIDTH - LABEL_WIDTH - 20;
  const x = (ratio: number) =>
    Math.round((LABEL_WIDTH + (Math.min(ratio, SCALE_MAX) / SCALE_MAX) * plotWidth) * 10) / 10;
  const height = TOP + bars.length * (BAR_HEIGHT + GAP) + 30;
  const rows = bars.map((bar, i) => {
    const y = TOP + i * (BAR_HEIGHT + GAP);
    const met = bar.goal === 0 || bar.ratio >= bar.goal;
    const goal = bar.goal
      ? `<line x1="${x(bar.goal)}" x2="${x(bar.goal)}" y1="${y - 3}" y2="${y + BAR_HEIGHT + 3}" stroke="#111827" stroke-dasharray="3 2"/>`
      : "";
    return [
      `<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end">${escape(bar.label)}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${x(bar.ratio) - LABEL_WIDTH}" height="${BAR_HEIGHT}" fill="${met ? "#2563eb" : "#dc2626"}"/>`,
      goal,
      `<text x="${x(bar.ratio) + 4}" y="${y + 15}">${Math.round(bar.ratio * 1000) / 10} % (${Math.round(bar.requestsPerSec)} req/s)</text>`,
    ].join("");
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map(
    (t) =>
      `<line x1="${x(t)}" x2="${x(t)}" y1="${TOP - 6}" y2="${height - 26}" stroke="#e5e7eb"/>` +
      `<text x="${x(t)}" y="${height - 10}" text-anchor="middle" fill="#6b7280">${t * 100} %</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="10" y="20" font-size="14" font-weight="600">Requests per second, as a share of a bare Next.js app serving the same bytes</text>`,
    `<text x="10" y="36" fill="#6b7280">${escape(caption)} · dashed line: the goal</text>`,
    ...ticks,
    ...rows,
    "</svg>",
    "",
  ].join("\n");
}
