/**
 * Long model-call texts of turn traces (rendered prompts, the same on every turn), kept once and
 * referred to by hash from turns.trace (src/store/trace-texts.ts). Older rows keep them inline.
 */
export const TRACE_TEXTS = `CREATE TABLE trace_texts (
       hash text PRIMARY KEY,
       text text NOT NULL
     );`;
