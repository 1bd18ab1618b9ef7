import type { Database } from "@/lib/prisma";
import type { Slice } from "@/lib/pagination";
import type { CreatedPost, PostDetail, PostSummary } from "./posts.types";

const summarySelect = {
  id: true,
  title: true,
  createdAt: true,
  author: { select: { id: true, name: true } },
} as const;

// Newest first; id breaks ties so that offset pages never repeat or skip a row.
const newestFirst = [{ createdAt: "desc" }, { id: "desc" }] as const;

type PostWhere = NonNullable<Parameters<Database["post"]["findMany"]>[0]>["where"];

/** Escapes LIKE wildcards (Prisma's `contains` passes them through) so user text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export class PostRepository {
  constructor(private readonly db: Database) {}

  findFeedPage(slice: Slice) {
    return this.findSummaryPage(undefined, slice);
  }

  findPageByAuthor(userId: number, slice: Slice) {
    return this.findSummaryPage({ userId }, slice);
  }

  /** Case-insensitive substring match on titles; served by the GIN trigram index. */
  findPageByTitle(text: string, slice: Slice) {
    return this.findSummaryPage({ title: { contains: escapeLike(text), mode: "insensitive" } }, slice);
  }

  async findById(id: number): Promise<PostDetail | null> {
    const [post, commentCount] = await Promise.all([
      this.db.post.findUnique({ where: { id }, select: { ...summarySelect, body: true } }),
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

  create(data: { userId: number; title: string; body: string; createdAt?: Date }): Promise<CreatedPost> {
    return this.db.post.create({ data, select: { id: true, title: true, userId: true, createdAt: true } });
  }

  async createMany(data: { userId: number; title: string; body: string; createdAt?: Date }[]): Promise<number> {
    const { count } = await this.db.post.createMany({ data });
    return count;
  }

  // A constant number of queries whatever the page size: the page (authors come in one
  // batched query), the comment counts of that page in one GROUP BY, and the total.
  private async findSummaryPage(where: PostWhere, { skip, take }: Slice) {
    const [rows, total] = await Promise.all([
      this.db.post.findMany({ where, select: summarySelect, orderBy: [...newestFirst], skip, take }),
      this.db.post.count({ where }),
    ]);
    const counts = await this.countComments(rows.map((r) => r.id));
    const items: PostSummary[] = rows.map((r) => ({ ...r, commentCount: counts.get(r.id) ?? 0 }));
    return { items, total };
  }

  // Prisma's `_count` joins an aggregate over the whole comments table; this reads only the page's rows.
  private async countComments(postIds: number[]): Promise<Map<number, number>> {
    if (postIds.length === 0) return new Map();
    const groups = await this.db.comment.groupBy({
      by: ["postId"],
      where: { postId: { in: postIds } },
      _count: { _all: true },
    });
    return new Map(groups.map((g) => [g.postId, g._count._all]));
  }
}
