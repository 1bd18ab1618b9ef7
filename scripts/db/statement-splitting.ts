// @prisma/adapter-pg applies a migration by splitting its text on every `;` and running the
// pieces one by one. A `;` inside a comment, a string, a quoted name or a dollar-quoted body
// (DO blocks, functions) would cut a statement in two, so such a `;` is refused before it
// reaches a database (docs/migrations.md, "What the runner does with your file").

export interface SemicolonProblem {
  line: number;
  where: "comment" | "string" | "quoted name" | "dollar-quoted body";
}

export function findUnsplittableSemicolons(sql: string): SemicolonProblem[] {
  const problems: SemicolonProblem[] = [];
  let line = 1;
  let i = 0;
  // Consumes text up to and including `end`, reporting any `;` on the way.
  const skipUntil = (end: string, where: SemicolonProblem["where"]) => {
    while (i < sql.length && !sql.startsWith(end, i)) {
      if (sql[i] === ";") problems.push({ line, where });
      if (sql[i] === "\n") line += 1;
      i += 1;
    }
    i += end.length;
  };
  while (i < sql.length) {
    const char = sql[i] as string;
    const dollarTag = char === "$" ? /^\$[A-Za-z_]*\$/.exec(sql.slice(i))?.[0] : undefined;
    if (sql.startsWith("--", i)) {
      skipUntil("\n", "comment");
      line += 1;
    } else if (sql.startsWith("/*", i)) {
      i += 2;
      skipUntil("*/", "comment");
    } else if (char === "'" || char === '"') {
      i += 1;
      skipUntil(char, char === "'" ? "string" : "quoted name");
    } else if (dollarTag) {
      i += dollarTag.length;
      skipUntil(dollarTag, "dollar-quoted body");
    } else {
      if (char === "\n") line += 1;
      i += 1;
    }
  }
  return problems;
}
