// Moved to src/tools/text so core and eval read figures the same way; the NLU keeps this path.
export * from '../../../tools/text/tokens.js';
