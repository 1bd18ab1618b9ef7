// Plain constants, free of zod: pages use them in the browser, and importing the schemas
// there would ship the whole schema library (about 30 kB gzipped) to every visitor.

/** Trigram indexes only help from three characters on. */
export const SEARCH_MIN_LENGTH = 3;
export const SEARCH_MAX_LENGTH = 100;
