/**
 * The console's JSON API under `/v1/admin/` (contract §9) as zod schemas,
 * shared by the server that answers it and the console that reads it.
 */
export * from './admin-account';
export * from './admin-conversations';
export * from './admin-lead';
export * from './admin-rights-request';
export * from './problem';
export * from './sign-in';
export * from './site-stats';
export * from './webhook';
