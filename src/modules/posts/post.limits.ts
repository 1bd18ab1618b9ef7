// Plain constants, free of zod: pages use them in the browser, and importing the schemas
// there would ship the whole schema library (about 30 kB gzipped) to every visitor.

/** Trigram indexes only help from three characters on. */
export const SEARCH_MIN_LENGTH = 3;
export const SEARCH_MAX_LENGTH = 100;

/** Characters, after trimming: the write forms hold their fields to the schemas' limits. */
export const TITLE_MAX_LENGTH = 200;
export const BODY_MAX_LENGTH = 20_000;
