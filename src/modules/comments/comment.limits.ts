// A plain constant, free of zod, for the comment form in the browser (see post.limits.ts).

/** Characters, after trimming. */
export const COMMENT_MAX_LENGTH = 5_000;
