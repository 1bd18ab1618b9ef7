import pg from "pg";
import { check, measure, median, round, type RunPlan, type Timing } from "../lib/measure";

// A2.2: the article's query, as written, on the posts table without and with idx_posts_user_id.
// The index is dropped and recreated in the benchmark's own database only.

const ARTICLE_QUERY = "SELECT * FROM posts WHERE user_id = $1";
const INDEX = "idx_posts_user_id";
// The definition the migration creates (prisma/migrations/*_init).
const CREATE_INDEX = `CREATE INDEX IF NOT EXISTS "${INDEX}" ON "posts"("user_id")`;

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Shared Hit Blocks"?: number;
  "Shared Read Blocks"?: number;
  Plans?: PlanNode[];
}

export interface PlanSummary {
  /** Scan nodes, outermost first, e.g. ["Bitmap Heap Scan", "Bitmap Index Scan on idx_posts_user_id"]. */
  scans: string[];
  usesIndex: boolean;
  seqScan: boolean;
  executionMs: number;
  sharedBuffers: number;
  /** EXPLAIN (ANALYZE, BUFFERS) as PostgreSQL prints it. */
  text: string;
}

interface IndexVariant {
  /** Round trip from the app: what a request waits for. */
  timing: Timing;
  /** Median "Execution Time" of EXPLAIN ANALYZE: the work inside PostgreSQL, without the network. */
  serverMedianMs: number;
  plan: PlanSummary;
  rows: number;
}

export interface IndexScanResult {
  userId: number;
  tableRows: number;
  withoutIndex: IndexVariant;
  withIndex: IndexVariant;
  speedUp: number;
  serverSpeedUp: number;
}

function flatten(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(flatten)];
}

async function explainJson(client: pg.Client, userId: number) {
  const json = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${ARTICLE_QUERY}`, [userId]);
  return (json.rows[0]["QUERY PLAN"] as [{ Plan: PlanNode; "Execution Time": number }])[0];
}

export async function explain(client: pg.Client, userId: number): Promise<PlanSummary> {
  const root = await explainJson(client, userId);
  const nodes = flatten(root.Plan).filter((n) => n["Node Type"].includes("Scan"));
  const text = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${ARTICLE_QUERY}`, [userId]);
  return {
    scans: nodes.map((n) => (n["Index Name"] ? `${n["Node Type"]} on ${n["Index Name"]}` : n["Node Type"])),
    usesIndex: nodes.some((n) => n["Index Name"] === INDEX),
    seqScan: nodes.some((n) => n["Node Type"].endsWith("Seq Scan")),
    executionMs: round(root["Execution Time"], 3),
    sharedBuffers: (root.Plan["Shared Hit Blocks"] ?? 0) + (root.Plan["Shared Read Blocks"] ?? 0),
    text: text.rows.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n"),
  };
}

async function measureVariant(client: pg.Client, userId: number, plan: RunPlan): Promise<IndexVariant> {
  const { rowCount } = await client.query(ARTICLE_QUERY, [userId]);
  const timing = await measure(() => client.query(ARTICLE_QUERY, [userId]), plan);
  const executions: number[] = [];
  for (let i = 0; i < plan.runs; i++) executions.push((await explainJson(client, userId))["Execution Time"]);
  return {
    timing,
    serverMedianMs: round(median(executions), 3),
    plan: await explain(client, userId),
    rows: rowCount ?? 0,
  };
}

/**
 * Other indexes that lead with user_id (the profile's composite one) would serve the query
 * too: they are set aside for the measurement, so that "without" means no index on user_id.
 */
async function setAsideOtherUserIdIndexes(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename = 'posts' AND indexname <> $1
        AND indexdef ~ 'USING btree \\(user_id[ ,)]'`,
    [INDEX],
  );
  for (const row of rows) await client.query(`DROP INDEX "${row.indexname}"`);
  return rows.map((r) => r.indexdef);
}

export async function runIndexScan(url: string, userId: number, plan: RunPlan): Promise<IndexScanResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let setAside: string[] = [];
  try {
    const { rows } = await client.query<{ count: string }>("SELECT count(*) FROM posts");
    setAside = await setAsideOtherUserIdIndexes(client);
    await client.query(`DROP INDEX IF EXISTS "${INDEX}"`);
    const withoutIndex = await measureVariant(client, userId, plan);
    await client.query(CREATE_INDEX);
    await client.query("ANALYZE posts");
    const withIndex = await measureVariant(client, userId, plan);

    check(withoutIndex.plan.seqScan && !withoutIndex.plan.usesIndex, "without the index the plan should be a Seq Scan");
    check(
      withIndex.plan.usesIndex,
      `with the index the plan should use ${INDEX}, got ${withIndex.plan.scans.join(", ")}`,
    );
    check(withIndex.rows === withoutIndex.rows && withIndex.rows > 0, "both variants should return the same rows");
    return {
      userId,
      tableRows: Number(rows[0]?.count),
      withoutIndex,
      withIndex,
      speedUp: round(withoutIndex.timing.medianMs / withIndex.timing.medianMs, 1),
      serverSpeedUp: round(withoutIndex.serverMedianMs / withIndex.serverMedianMs, 1),
    };
  } finally {
    // Leave the database as the migrations made it, whatever happened.
    await client.query(CREATE_INDEX).catch(() => {});
    for (const definition of setAside) await client.query(definition).catch(() => {});
    await client.end();
  }
}
