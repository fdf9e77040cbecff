/**
 * The one place Samtal configures zod.
 *
 * zod 4 compiles object parsers with `new Function` when it can. Under a strict
 * Content Security Policy (no `unsafe-eval`) even its feature probe raises a
 * `securitypolicyviolation` report on the host page, so we turn the JIT off
 * before any schema is used. Every module that parses imports `z` from here.
 */
import * as z from 'zod/mini';

z.config({ jitless: true });

export { z };
