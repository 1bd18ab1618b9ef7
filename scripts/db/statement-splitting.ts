// @prisma/adapter-pg applies a migration by splitting its text on every `;` and running the
// pieces one by one. A `;` inside a comment, a string, a quoted name or a dollar-quoted body
// (DO blocks, functions) would cut a statement in two, so such a `;` is refused before it
// reaches a database (docs/migrations.md, "What the runner does with your file").

export interface SemicolonProblem {
  line: number;
  where: "comment" | "string" | "quoted name" | "dollar-quoted body";
}

// PostgreSQL's dollar-quote tag: `$$`, or `$` + an identifier (digits allowed, not first) + `$`.
// `$1` is a parameter, not a tag.
const DOLLAR_TAG = /^\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/;

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
  // Block comments nest in PostgreSQL: `/* a /* b */ still a comment; */`.
  const skipBlockComment = () => {
    let depth = 0;
    while (i < sql.length) {
      if (sql.startsWith("/*", i)) {
        depth += 1;
        i += 2;
      } else if (sql.startsWith("*/", i)) {
        depth -= 1;
        i += 2;
        if (depth === 0) return;
      } else {
        if (sql[i] === ";") problems.push({ line, where: "comment" });
        if (sql[i] === "\n") line += 1;
        i += 1;
      }
    }
  };
  while (i < sql.length) {
    const char = sql[i] as string;
    const dollarTag = char === "$" ? DOLLAR_TAG.exec(sql.slice(i, i + 200))?.[0] : undefined;
    if (sql.startsWith("--", i)) {
      skipUntil("\n", "comment");
      line += 1;
    } else if (sql.startsWith("/*", i)) {
      skipBlockComment();
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
