/** `POST /v1/admin/session` (contract §9): a site owner signs in to the console. */
import { z } from '../zod-setup';

/** Longest password accepted; bounds the work one request can cause (scrypt hashes it). */
export const maxPasswordLength = 1024;

/** The e-mail address a console user is known by, as typed; compared case-insensitively. */
export const accountEmail = z.string().check(z.minLength(3), z.maxLength(254), z.email());

export const signInRequest = z.strictObject({
  email: z.string().check(z.minLength(1), z.maxLength(254)),
  password: z.string().check(z.minLength(1), z.maxLength(maxPasswordLength)),
});

export type SignInRequest = z.infer<typeof signInRequest>;
