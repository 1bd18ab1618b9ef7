import { missingExtensionHelp, type MissingReason, type SlowQueryReport } from "../../src/modules/admin/slow-queries";

// The terminal's view of the slow-query report (src/modules/admin/slow-queries.ts), which the
// admin console shows as a page.

const COLUMNS = [
  { title: "#", align: "right" },
  { title: "mean ms", align: "right" },
  { title: "calls", align: "right" },
  { title: "total ms", align: "right" },
  { title: "% time", align: "right" },
  { title: "rows", align: "right" },
  { title: "query", align: "left" },
] as const;

/** A plain-text table, one statement a line, its text collapsed to one line and cut to fit. */
export function formatSlowQueries(report: Extract<SlowQueryReport, { kind: "ok" }>, queryWidth = 80): string {
  if (report.queries.length === 0) {
    return `No statements recorded yet in database "${report.database}": use the app, then run this again.\n`;
  }
  const cells = report.queries.map((q, i) => [
    String(i + 1),
    q.meanMs.toFixed(2),
    String(q.calls),
    q.totalMs.toFixed(1),
    q.percentOfTotal.toFixed(1),
    String(q.rows),
    oneLine(q.query, queryWidth),
  ]);
  const widths = COLUMNS.map((column, c) => Math.max(column.title.length, ...cells.map((row) => row[c]!.length)));
  const line = (values: readonly string[]) =>
    values
      .map((value, c) => (COLUMNS[c]!.align === "right" ? value.padStart(widths[c]!) : value.padEnd(widths[c]!)))
      .join("  ")
      .trimEnd();
  return [
    `Top ${cells.length} statements by mean execution time in database "${report.database}" (pg_stat_statements)`,
    "",
    line(COLUMNS.map((column) => column.title)),
    line(widths.map((width) => "-".repeat(width))),
    ...cells.map(line),
    "",
    "Statistics accumulate since the last reset: SELECT pg_stat_statements_reset(); starts afresh.",
    "",
  ].join("\n");
}

function oneLine(query: string, width: number): string {
  const text = query.replace(/\s+/g, " ").trim();
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** Words of `text` on lines of at most `width` characters, each starting with `indent`. */
function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines;
}

/** What to do, wherever the database runs, when there are no statistics to read. */
export function explainMissingExtension(reason: MissingReason, database: string): string {
  const { why, places } = missingExtensionHelp(reason, database);
  const steps = places.flatMap(({ where, steps }) => [
    `  ${where}`,
    ...steps.flatMap((step, i) =>
      wrap(step, 96, "       ").map((line, l) => (l === 0 ? `    ${i + 1}. ${line.trimStart()}` : line)),
    ),
    "",
  ]);
  return [
    "pg_stat_statements is not enabled, so there are no statement statistics to show.",
    "",
    ...wrap(why, 96, ""),
    "",
    "Enable it once:",
    "",
    ...steps,
    "Then let the app serve some traffic and run npm run db:slow-queries again.",
    "",
  ].join("\n");
}
