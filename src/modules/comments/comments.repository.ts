import type { Database } from "@/lib/prisma";
import type { Slice } from "@/lib/pagination";
import type { CommentView, CreatedComment } from "./comments.types";

type NewComment = { postId: number; userId: number; body: string; createdAt?: Date };

export class CommentRepository {
  constructor(private readonly db: Database) {}

  /** Oldest first, as a conversation reads; id breaks ties. */
  async findPageByPost(postId: number, { skip, take }: Slice): Promise<{ items: CommentView[]; total: number }> {
    const where = { postId };
    const [items, total] = await Promise.all([
      this.db.comment.findMany({
        where,
        select: { id: true, body: true, createdAt: true, author: { select: { id: true, name: true } } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        skip,
        take,
      }),
      this.db.comment.count({ where }),
    ]);
    return { items, total };
  }

  create(data: NewComment): Promise<CreatedComment> {
    return this.db.comment.create({
      data,
      select: { id: true, postId: true, userId: true, createdAt: true },
    });
  }

  async createMany(data: NewComment[]): Promise<number> {
    const { count } = await this.db.comment.createMany({ data });
    return count;
  }
}
