/**
 * `/v1/admin/sites/{site}/rights` (list, handled, lift), `…/stats` and `…/conversations`
 * (contract §9).
 */
import type { Hono } from 'hono';
import {
  conversationQuery,
  handleRightsRequest,
  maxStatsDays,
  statsQuery,
} from '../../protocol/admin';
import { type AdminEnv, type AdminServices, issuesOf, problem } from './admin-context';
import { addDays, dayBounds, isKnownTimeZone, startOfDay } from './day-bounds';

export function siteRoutes(api: Hono<AdminEnv>, services: AdminServices): void {
  const { rights, stats, conversations, config, now } = services;

  api.get('/sites/:site/rights', async (c) => {
    const requests = await rights.list(c.req.param('site'), now());
    // Open ones first, soonest deadline first; then the handled, newest first.
    requests.sort((a, b) =>
      a.status !== b.status
        ? a.status === 'open'
          ? -1
          : 1
        : a.status === 'open'
          ? a.deadline.localeCompare(b.deadline)
          : b.submittedAt.localeCompare(a.submittedAt),
    );
    return c.json({ requests });
  });

  api.post('/sites/:site/rights/:id/handled', async (c) => {
    const site = c.req.param('site');
    const id = c.req.param('id');
    const parsed = handleRightsRequest.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success)
      return problem(
        c,
        400,
        'invalid-body',
        'The body does not match the API.',
        issuesOf(parsed.error),
      );
    if (!parsed.data.note.trim())
      return problem(c, 400, 'invalid-body', 'Say what was done in note.', [
        { path: 'note', message: 'must not be empty' },
      ]);
    const done =
      id.length <= 100 &&
      (await rights.markHandled(
        site,
        id,
        { by: c.get('session').user.email, note: parsed.data.note.trim() },
        now(),
      ));
    if (!done) return problem(c, 404, 'not-found', 'No such open request.');
    const request = (await rights.list(site, now())).find((candidate) => candidate.id === id);
    return request ? c.json(request) : problem(c, 404, 'not-found', 'No such request.');
  });

  // A restriction (GDPR art. 18) or objection (art. 21) ends: the visitor's rows count again.
  api.post('/sites/:site/rights/:id/lift', async (c) => {
    const site = c.req.param('site');
    const id = c.req.param('id');
    const lifted =
      id.length <= 100 && (await rights.lift(site, id, c.get('session').user.email, now()));
    if (!lifted) return problem(c, 404, 'not-found', 'No such restriction or objection in force.');
    const request = (await rights.list(site, now())).find((candidate) => candidate.id === id);
    return request ? c.json(request) : problem(c, 404, 'not-found', 'No such request.');
  });

  api.get('/sites/:site/stats', async (c) => {
    const parsed = statsQuery.safeParse(c.req.query());
    if (!parsed.success)
      return problem(
        c,
        400,
        'invalid-query',
        'from and to must be days as YYYY-MM-DD.',
        issuesOf(parsed.error),
      );
    const { from, to, tz = 'UTC' } = parsed.data;
    if (!isKnownTimeZone(tz)) return problem(c, 400, 'invalid-query', `Unknown time zone ${tz}.`);
    if (from > to || addDays(from, maxStatsDays - 1) < to) {
      return problem(
        c,
        400,
        'invalid-query',
        `from must not be after to, and the period at most ${maxStatsDays} days.`,
      );
    }
    return c.json(await stats.siteStats(c.req.param('site'), dayBounds(from, to, tz), tz));
  });

  api.get('/sites/:site/conversations', async (c) => {
    if (!config.storeConversations)
      return problem(
        c,
        404,
        'conversations-not-stored',
        'This server does not keep conversations.',
      );
    const parsed = conversationQuery.safeParse(c.req.query());
    if (!parsed.success)
      return problem(
        c,
        400,
        'invalid-query',
        'Give day=YYYY-MM-DD or q=text.',
        issuesOf(parsed.error),
      );
    const site = c.req.param('site');
    const { q, day, tz = 'UTC' } = parsed.data;
    if (q !== undefined) return c.json(await conversations.search(site, q));
    if (day === undefined)
      return problem(c, 400, 'invalid-query', 'Give day=YYYY-MM-DD or q=text.');
    if (!isKnownTimeZone(tz)) return problem(c, 400, 'invalid-query', `Unknown time zone ${tz}.`);
    return c.json(
      await conversations.startedBetween(
        site,
        startOfDay(day, tz),
        startOfDay(addDays(day, 1), tz),
      ),
    );
  });

  api.get('/sites/:site/conversations/:id', async (c) => {
    if (!config.storeConversations)
      return problem(
        c,
        404,
        'conversations-not-stored',
        'This server does not keep conversations.',
      );
    const id = c.req.param('id');
    const transcript =
      id.length <= 100 ? await conversations.transcript(c.req.param('site'), id) : null;
    return transcript ? c.json(transcript) : problem(c, 404, 'not-found', 'No such conversation.');
  });
}
