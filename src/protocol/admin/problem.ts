/** Every refusal the server sends, collector and console alike: `{ code, message, issues? }`. */
import { z } from '../zod-setup';

export const problemBody = z.object({
  code: z.string().check(z.maxLength(100)),
  message: z.string().check(z.maxLength(2000)),
  issues: z.optional(
    z.array(
      z.object({
        path: z.string().check(z.maxLength(500)),
        message: z.string().check(z.maxLength(2000)),
      }),
    ),
  ),
});

export type ProblemBody = z.infer<typeof problemBody>;
