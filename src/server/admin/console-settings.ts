/** The console's settings: the `console` key of the server config, every value with a default. */
import { z } from '../zod-messages';

export const consoleSettingsSchema = z.strictObject({
  /** A session ends after this long without a request (OWASP: 15–30 minutes for data like this). */
  sessionIdleMinutes: z._default(z.int().check(z.gte(1), z.lte(24 * 60)), 30),
  /** And after this long in all, however active (a working day). */
  sessionMaxHours: z._default(z.int().check(z.gte(1), z.lte(24 * 30)), 12),
  /** Failed sign-ins allowed per client address in 15 minutes. */
  signInAttemptsPerAddress: z._default(z.int().check(z.gte(1), z.lte(10_000)), 20),
  /** Failed sign-ins allowed per account (e-mail address) in 15 minutes, existing or not. */
  signInAttemptsPerAccount: z._default(z.int().check(z.gte(1), z.lte(10_000)), 5),
  /**
   * The console's public origin (`https://samtal.example.se`), when a proxy
   * rewrites the Host header; by default the request's own (with
   * X-Forwarded-Proto/-Host under trustProxy). State changes must come from it.
   */
  origin: z.optional(
    z
      .string()
      .check(z.regex(/^https?:\/\/[^/?#\s]+$/, 'must be an origin like https://samtal.example.se')),
  ),
  /** Let webhooks call private and loopback addresses (tests, an intranet receiver). */
  webhooksAllowPrivateNetworks: z._default(z.boolean(), false),
});

export type ConsoleSettings = z.infer<typeof consoleSettingsSchema>;
