/**
 * `/v1/admin/sites/{site}/leads…`: the inbox, one lead, seen / handled /
 * reopen, erase, and the CSV export (contract §9).
 */
import { stringify } from 'csv-stringify/sync';
import type { Hono } from 'hono';
import { handleLeadRequest, leadStatus } from '../../protocol/admin';
import { entityId } from '../../protocol/common';
import { type AdminEnv, type AdminServices, issuesOf, problem } from './admin-context';
import type { LeadCursor } from './storage/create-leads-store';
import { maxLeadsPage } from './storage/create-leads-store';

const encodeCursor = (cursor: LeadCursor) =>
  Buffer.from(`${cursor.receivedAt}.${cursor.id}`).toString('base64url');

function decodeCursor(text: string): LeadCursor | null {
  const match = /^(\d{1,15})\.([0-9a-f-]{36})$/i.exec(
    Buffer.from(text, 'base64url').toString('utf8'),
  );
  return match ? { receivedAt: Number(match[1]), id: match[2] ?? '' } : null;
}

/** The CSV's columns, in order. */
export const csvColumns = [
  'id',
  'received_at',
  'submitted_at',
  'status',
  'name',
  'email',
  'phone',
  'orgnr',
  'marketing_consent_id',
  'handled_at',
  'handled_by',
  'note',
] as const;

export function leadRoutes(api: Hono<AdminEnv>, services: AdminServices): void {
  const { leads, now } = services;

  api.get('/sites/:site/leads', async (c) => {
    const site = c.req.param('site');
    const status = c.req.query('status');
    const parsedStatus = status === undefined ? undefined : leadStatus.safeParse(status);
    if (parsedStatus !== undefined && !parsedStatus.success) {
      return problem(c, 400, 'invalid-query', 'status must be open or handled.');
    }
    const cursorText = c.req.query('cursor');
    const cursor = cursorText === undefined ? undefined : decodeCursor(cursorText);
    if (cursor === null)
      return problem(c, 400, 'invalid-query', 'cursor is not one this server gave.');
    const limitText = c.req.query('limit');
    const limit = limitText === undefined ? 50 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > maxLeadsPage) {
      return problem(c, 400, 'invalid-query', `limit must be 1 to ${maxLeadsPage}.`);
    }
    const page = await leads.list(site, {
      limit,
      ...(parsedStatus ? { status: parsedStatus.data } : {}),
      ...(cursor ? { cursor } : {}),
    });
    return c.json({
      leads: page.leads,
      nextCursor: page.next && encodeCursor(page.next),
      counts: await leads.counts(site),
    });
  });

  api.get('/sites/:site/leads.csv', async (c) => {
    const site = c.req.param('site');
    const status = c.req.query('status');
    const parsedStatus = status === undefined ? undefined : leadStatus.safeParse(status);
    if (parsedStatus !== undefined && !parsedStatus.success) {
      return problem(c, 400, 'invalid-query', 'status must be open or handled.');
    }
    const rows: string[][] = [];
    for await (const lead of leads.all(site, parsedStatus?.data)) {
      // Restricted leads (GDPR art. 18) stay in the inbox but leave in no export.
      if (lead.restricted) continue;
      rows.push([
        lead.id,
        lead.receivedAt,
        lead.submittedAt,
        lead.status,
        lead.fields.name ?? '',
        lead.fields.email ?? '',
        lead.fields.phone ?? '',
        lead.fields.orgnr ?? '',
        lead.consentId ?? '',
        lead.handledAt ?? '',
        lead.handledBy ?? '',
        lead.note ?? '',
      ]);
    }
    // escape_formulas: a cell starting with = + - @ tab or CR gets a leading ' so a
    // spreadsheet shows it instead of running it (OWASP: CSV injection).
    const csv = stringify(rows, {
      header: true,
      columns: [...csvColumns],
      bom: true,
      escape_formulas: true,
      record_delimiter: 'windows',
    });
    const day = new Date(now()).toISOString().slice(0, 10);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header(
      'Content-Disposition',
      `attachment; filename="samtal-leads-${site}-${parsedStatus?.data ?? 'all'}-${day}.csv"`,
    );
    return c.body(csv);
  });

  api.get('/sites/:site/leads/:id', async (c) => {
    const id = c.req.param('id');
    const lead = entityId.safeParse(id).success ? await leads.get(c.req.param('site'), id) : null;
    return lead ? c.json(lead) : problem(c, 404, 'not-found', 'No such lead.');
  });

  const change = (
    path: string,
    apply: (
      site: string,
      id: string,
      body: { note?: string | undefined },
      by: string,
    ) => Promise<boolean>,
  ) =>
    api.post(`/sites/:site/leads/:id/${path}`, async (c) => {
      const site = c.req.param('site');
      const id = c.req.param('id');
      const parsed = handleLeadRequest.safeParse(await c.req.json().catch(() => undefined));
      if (!parsed.success)
        return problem(
          c,
          400,
          'invalid-body',
          'The body does not match the API.',
          issuesOf(parsed.error),
        );
      const found =
        entityId.safeParse(id).success &&
        (await apply(site, id, parsed.data, c.get('session').user.email));
      if (!found) return problem(c, 404, 'not-found', 'No such lead.');
      return c.json(await leads.get(site, id));
    });

  change('seen', (site, id) => leads.markSeen(site, id, now()));
  change('handled', (site, id, body, by) =>
    leads.markHandled(site, id, { by, note: body.note?.trim() || null }, now()),
  );
  change('reopen', (site, id) => leads.reopen(site, id));

  api.delete('/sites/:site/leads/:id', async (c) => {
    const site = c.req.param('site');
    const id = c.req.param('id');
    const erased = entityId.safeParse(id).success ? await services.eraseLead(site, id, now()) : 0;
    return erased > 0 ? c.body(null, 204) : problem(c, 404, 'not-found', 'No such lead.');
  });
}
