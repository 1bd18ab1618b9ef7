import { Prisma } from "@/generated/prisma/client";
import type { Database } from "@/lib/prisma";
import type { Slice } from "@/lib/pagination";
import type { FeedPosition, ListTotal, PostDetail, PostSummary } from "./post.types";

const summarySelect = {
  id: true,
  title: true,
  createdAt: true,
  author: { select: { id: true, name: true } },
} satisfies Prisma.PostSelect;
const detailSelect = { ...summarySelect, body: true } satisfies Prisma.PostSelect;
const recordSelect = { id: true, title: true, body: true, userId: true, createdAt: true } satisfies Prisma.PostSelect;

type DetailRow = Prisma.PostGetPayload<{ select: typeof detailSelect }>;
type RecordRow = Prisma.PostGetPayload<{ select: typeof recordSelect }>;
type NewPost = Pick<Prisma.PostUncheckedCreateInput, "userId" | "title" | "body"> & { createdAt?: Date };
type PostChanges = Pick<Prisma.PostUpdateInput, "title" | "body">;

/** Escapes LIKE wildcards (Prisma's `contains` passes them through) so user text matches literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function titleContains(text: string): Prisma.PostWhereInput {
  return { title: { contains: escapeLike(text), mode: "insensitive" } };
}

/** A list's rows, filtered in SQL the same way as `titleContains` and `{ userId }` are in Prisma. */
const listFilters = {
  all: Prisma.empty,
  author: (userId: number) => Prisma.sql`WHERE user_id = ${userId}`,
  title: (text: string) => Prisma.sql`WHERE title ILIKE ${`%${escapeLike(text)}%`}`,
  after: ({ createdAt, id }: FeedPosition) =>
    // The first condition is what the (created_at DESC, id DESC) index can start from.
    Prisma.sql`WHERE created_at <= ${createdAt} AND (created_at, id) < (${createdAt}, ${id})`,
};

interface SummaryRow {
  id: number;
  title: string;
  createdAt: Date;
  authorId: number;
  authorName: string;
  commentCount: number;
}

/** Below this many rows (as the planner's statistics say), the feed's total is counted exactly. */
const EXACT_COUNT_LIMIT = 10_000;

export class PostRepository {
  constructor(private readonly db: Database) {}

  findFeedItems(slice: Slice): Promise<PostSummary[]> {
    return this.findSummaries(listFilters.all, slice);
  }

  countAll(): Promise<number> {
    return this.db.post.count();
  }

  /**
   * The feed's total in one cheap query: counted while the table is small, and past
   * `exactCountLimit` rows the planner's estimate (`pg_class.reltuples`, kept by ANALYZE and
   * autovacuum), which the page shows as "about". A table never analysed counts exactly.
   */
  async countAllOrEstimate(exactCountLimit = EXACT_COUNT_LIMIT): Promise<ListTotal> {
    const [row] = await this.db.$queryRaw<{ total: number; estimated: boolean }[]>`
      SELECT CASE WHEN c.reltuples >= ${exactCountLimit} THEN c.reltuples::int ELSE (SELECT count(*)::int FROM posts) END AS total,
             c.reltuples >= ${exactCountLimit} AS estimated
      FROM pg_class c WHERE c.oid = 'posts'::regclass`;
    return { total: row?.total ?? 0, estimated: row?.estimated ?? false };
  }

  /** The feed's rows after a position (keyset pagination): as cheap at any depth as at the top. */
  findFeedItemsAfter(position: FeedPosition | null, take: number): Promise<PostSummary[]> {
    return this.findSummaries(position ? listFilters.after(position) : listFilters.all, { skip: 0, take });
  }

  findItemsByAuthor(userId: number, slice: Slice): Promise<PostSummary[]> {
    return this.findSummaries(listFilters.author(userId), slice);
  }

  countByAuthor(userId: number): Promise<number> {
    return this.db.post.count({ where: { userId } });
  }

  /** Case-insensitive substring match on titles; served by the GIN trigram index. */
  findItemsByTitle(text: string, slice: Slice): Promise<PostSummary[]> {
    return this.findSummaries(listFilters.title(text), slice);
  }

  countByTitle(text: string): Promise<number> {
    return this.db.post.count({ where: titleContains(text) });
  }

  // A page and its list's total in one call, for scripts and benchmarks; the app reads the
  // two apart, each through the cache (src/lib/cached-page.ts).
  findFeedPage(slice: Slice) {
    return this.withTotal(this.findFeedItems(slice), this.countAll());
  }

  findPageByAuthor(userId: number, slice: Slice) {
    return this.withTotal(this.findItemsByAuthor(userId, slice), this.countByAuthor(userId));
  }

  findPageByTitle(text: string, slice: Slice) {
    return this.withTotal(this.findItemsByTitle(text, slice), this.countByTitle(text));
  }

  async findById(id: number): Promise<(DetailRow & Pick<PostDetail, "commentCount">) | null> {
    const [post, commentCount] = await Promise.all([
      this.db.post.findUnique({ where: { id }, select: detailSelect }),
      this.db.comment.count({ where: { postId: id } }),
    ]);
    return post ? { ...post, commentCount } : null;
  }

  async exists(id: number): Promise<boolean> {
    return (await this.db.post.findUnique({ where: { id }, select: { id: true } })) !== null;
  }

  /** The subset of `ids` that exist, in one query. */
  async findExistingIds(ids: number[]): Promise<Set<number>> {
    const rows = await this.db.post.findMany({ where: { id: { in: ids } }, select: { id: true } });
    return new Set(rows.map((r) => r.id));
  }

  /** The author's id, or null for an unknown post: what authorization needs, nothing more. */
  async findAuthorId(id: number): Promise<number | null> {
    const post = await this.db.post.findUnique({ where: { id }, select: { userId: true } });
    return post?.userId ?? null;
  }

  /** Posts a user wrote or commented on, in one query: what their account's deletion changes. */
  async findIdsTouchedBy(userId: number): Promise<number[]> {
    const rows = await this.db.post.findMany({
      where: { OR: [{ userId }, { comments: { some: { userId } } }] } satisfies Prisma.PostWhereInput,
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  create(data: NewPost): Promise<RecordRow> {
    return this.db.post.create({ data, select: recordSelect });
  }

  // updateMany and deleteMany answer "no such row" with a count, where update and delete throw:
  // a post deleted between the check and the write is then a 404, not a 500.

  /** The post as changed, or null when it no longer exists. */
  async updateById(id: number, changes: PostChanges): Promise<RecordRow | null> {
    const [row] = await this.db.post.updateManyAndReturn({ where: { id }, data: changes, select: recordSelect });
    return row ?? null;
  }

  /** Deletes the post (its comments go with it: ON DELETE CASCADE); false when it no longer exists. */
  async deleteById(id: number): Promise<boolean> {
    const { count } = await this.db.post.deleteMany({ where: { id } });
    return count > 0;
  }

  async createMany(data: NewPost[]): Promise<number> {
    const { count } = await this.db.post.createMany({ data });
    return count;
  }

  private async withTotal(items: Promise<PostSummary[]>, total: Promise<number>) {
    const [rows, count] = await Promise.all([items, total]);
    return { items: rows, total: count };
  }

  // One query whatever the page size: the page's rows are chosen first (the offset and the
  // filter read only posts), then joined to their authors and counted against the comments
  // index, for those rows only. Prisma would take three queries (posts, authors, counts).
  private async findSummaries(filter: Prisma.Sql, { skip, take }: Slice): Promise<PostSummary[]> {
    const rows = await this.db.$queryRaw<SummaryRow[]>`
      SELECT p.id, p.title, p.created_at AS "createdAt", u.id AS "authorId", u.name AS "authorName",
             (SELECT count(*)::int FROM comments c WHERE c.post_id = p.id) AS "commentCount"
      FROM (SELECT id, title, created_at, user_id FROM posts ${filter}
            ORDER BY created_at DESC, id DESC OFFSET ${skip} LIMIT ${take}) p
      JOIN users u ON u.id = p.user_id
      ORDER BY p.created_at DESC, p.id DESC`;
    return rows.map(({ authorId, authorName, ...row }) => ({ ...row, author: { id: authorId, name: authorName } }));
  }
}
