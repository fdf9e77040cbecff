/**
 * The wire contract (contract §3–5, §8) as zod schemas, shared by the widget, the
 * reference server and the JSON Schema export.
 */
export * from './chat';
export * from './common';
export * from './consent-receipt';
export * from './erasure';
export * from './events';
export * from './lead';
export * from './rights';
