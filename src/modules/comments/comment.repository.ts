import type { Prisma } from "@/generated/prisma/client";
import type { Database } from "@/lib/prisma";
import type { Slice } from "@/lib/pagination";

const viewSelect = {
  id: true,
  body: true,
  createdAt: true,
  author: { select: { id: true, name: true } },
} satisfies Prisma.CommentSelect;
const recordSelect = {
  id: true,
  body: true,
  postId: true,
  userId: true,
  createdAt: true,
} satisfies Prisma.CommentSelect;
const ownersSelect = { userId: true, postId: true, post: { select: { userId: true } } } satisfies Prisma.CommentSelect;
const oldestFirst = [{ createdAt: "asc" }, { id: "asc" }] satisfies Prisma.CommentOrderByWithRelationInput[];

type ViewRow = Prisma.CommentGetPayload<{ select: typeof viewSelect }>;
type RecordRow = Prisma.CommentGetPayload<{ select: typeof recordSelect }>;
type NewComment = Pick<Prisma.CommentUncheckedCreateInput, "postId" | "userId" | "body"> & { createdAt?: Date };

function violatesForeignKey(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; meta?: { driverAdapterError?: { cause?: { constraint?: { index?: string } } } } };
  return e?.code === "P2003" && e.meta?.driverAdapterError?.cause?.constraint?.index === constraint;
}

export class CommentRepository {
  constructor(private readonly db: Database) {}

  /** Oldest first, as a conversation reads; id breaks ties. */
  findItemsByPost(postId: number, { skip, take }: Slice): Promise<ViewRow[]> {
    return this.db.comment.findMany({ where: { postId }, select: viewSelect, orderBy: oldestFirst, skip, take });
  }

  countByPost(postId: number): Promise<number> {
    return this.db.comment.count({ where: { postId } satisfies Prisma.CommentWhereInput });
  }

  /** A page and the post's comment total in one call (scripts, tests); the app reads them apart. */
  async findPageByPost(postId: number, slice: Slice): Promise<{ items: ViewRow[]; total: number }> {
    const [items, total] = await Promise.all([this.findItemsByPost(postId, slice), this.countByPost(postId)]);
    return { items, total };
  }

  /** Who may delete the comment (its author, its post's author) and its post; null when unknown. */
  async findOwners(id: number): Promise<{ authorId: number; postId: number; postAuthorId: number } | null> {
    const row = await this.db.comment.findUnique({ where: { id }, select: ownersSelect });
    return row ? { authorId: row.userId, postId: row.postId, postAuthorId: row.post.userId } : null;
  }

  /**
   * Null when the post is gone: deleted after the service checked it, the insert then fails on
   * the foreign key, which is the post's absence, not a fault.
   */
  async create(data: NewComment): Promise<RecordRow | null> {
    try {
      return await this.db.comment.create({ data, select: recordSelect });
    } catch (error) {
      if (violatesForeignKey(error, "comments_post_id_fkey")) return null;
      throw error;
    }
  }

  /** False when the comment no longer exists (deleteMany counts where delete would throw). */
  async deleteById(id: number): Promise<boolean> {
    const { count } = await this.db.comment.deleteMany({ where: { id } });
    return count > 0;
  }

  async createMany(data: NewComment[]): Promise<number> {
    const { count } = await this.db.comment.createMany({ data });
    return count;
  }
}
