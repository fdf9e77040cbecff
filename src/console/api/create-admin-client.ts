/**
 * The console's one way to the server: every call to `/v1/admin`, its answer
 * parsed with the same zod schemas the server answers with. Views get the
 * client from context and never call `fetch` themselves.
 */
import {
  type AdminAccount,
  type AdminLead,
  type AdminLeadList,
  type AdminRightsList,
  type AdminRightsRequest,
  adminAccount,
  adminLead,
  adminLeadList,
  adminRightsList,
  adminRightsRequest,
  type ConversationList,
  conversationList,
  type LeadStatus,
  problemBody,
  type SiteStats,
  siteStats,
  type Transcript,
  transcript,
  type WebhookDeliveryList,
  type WebhookSettings,
  type WebhookState,
  webhookDeliveryList,
  webhookState,
} from '../../protocol/admin';
import { AdminApiError } from './admin-api-error';

interface Schema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false };
}

/** Anything that parses nothing: for 204 answers. */
const noContent: Schema<void> = { safeParse: () => ({ success: true, data: undefined }) };

export interface AdminClientOptions {
  fetch?: typeof globalThis.fetch;
  /** Where the API is; `/v1/admin` on the console's own origin. */
  base?: string;
  /** Called once when the server says the session is gone (401), e.g. to show the sign-in page. */
  onSignedOut?: () => void;
}

export type AdminClient = ReturnType<typeof createAdminClient>;

const seg = encodeURIComponent;

export function createAdminClient({
  fetch = globalThis.fetch.bind(globalThis),
  base = '/v1/admin',
  onSignedOut = () => {},
}: AdminClientOptions = {}) {
  async function call<T>(
    method: string,
    path: string,
    schema: Schema<T>,
    body?: unknown,
  ): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        credentials: 'same-origin',
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new AdminApiError(0, 'network', 'The server could not be reached.');
    }
    if (!response.ok) {
      const retryAfter = Number(response.headers.get('retry-after'));
      const parsed = problemBody.safeParse(await response.json().catch(() => null));
      const problem = parsed.success
        ? parsed.data
        : { code: `http-${response.status}`, message: response.statusText };
      if (response.status === 401 && path !== '/session') onSignedOut();
      throw new AdminApiError(
        response.status,
        problem.code,
        problem.message,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
      );
    }
    const json = response.status === 204 ? undefined : await response.json().catch(() => null);
    const result = schema.safeParse(json);
    if (!result.success) {
      throw new AdminApiError(
        response.status,
        'bad-response',
        'The server sent an unexpected answer.',
      );
    }
    return result.data;
  }

  const site = (id: string) => `/sites/${seg(id)}`;

  return {
    signIn: (email: string, password: string) =>
      call('POST', '/session', noContent, { email, password }),
    signOut: () => call('DELETE', '/session', noContent),
    account: (): Promise<AdminAccount> => call('GET', '/me', adminAccount),

    leads: (
      siteId: string,
      query: { status?: LeadStatus; cursor?: string } = {},
    ): Promise<AdminLeadList> => {
      const params = new URLSearchParams();
      if (query.status) params.set('status', query.status);
      if (query.cursor) params.set('cursor', query.cursor);
      const search = params.size > 0 ? `?${params}` : '';
      return call('GET', `${site(siteId)}/leads${search}`, adminLeadList);
    },
    lead: (siteId: string, id: string): Promise<AdminLead> =>
      call('GET', `${site(siteId)}/leads/${seg(id)}`, adminLead),
    markLeadSeen: (siteId: string, id: string): Promise<AdminLead> =>
      call('POST', `${site(siteId)}/leads/${seg(id)}/seen`, adminLead, {}),
    markLeadHandled: (siteId: string, id: string, note: string): Promise<AdminLead> =>
      call('POST', `${site(siteId)}/leads/${seg(id)}/handled`, adminLead, note ? { note } : {}),
    reopenLead: (siteId: string, id: string): Promise<AdminLead> =>
      call('POST', `${site(siteId)}/leads/${seg(id)}/reopen`, adminLead, {}),
    eraseLead: (siteId: string, id: string) =>
      call('DELETE', `${site(siteId)}/leads/${seg(id)}`, noContent),
    /** Where the CSV export downloads from; a plain link, so the browser saves the file. */
    leadsCsvUrl: (siteId: string, status?: LeadStatus) =>
      `${base}${site(siteId)}/leads.csv${status ? `?status=${status}` : ''}`,

    rights: (siteId: string): Promise<AdminRightsList> =>
      call('GET', `${site(siteId)}/rights`, adminRightsList),
    markRightsHandled: (siteId: string, id: string, note: string): Promise<AdminRightsRequest> =>
      call('POST', `${site(siteId)}/rights/${seg(id)}/handled`, adminRightsRequest, { note }),
    /** Ends a restriction or objection: the visitor's rows count again. */
    liftRestriction: (siteId: string, id: string): Promise<AdminRightsRequest> =>
      call('POST', `${site(siteId)}/rights/${seg(id)}/lift`, adminRightsRequest, {}),

    stats: (siteId: string, from: string, to: string, tz: string): Promise<SiteStats> =>
      call('GET', `${site(siteId)}/stats?${new URLSearchParams({ from, to, tz })}`, siteStats),

    conversations: (
      siteId: string,
      query: { day: string; tz: string } | { q: string },
    ): Promise<ConversationList> =>
      call('GET', `${site(siteId)}/conversations?${new URLSearchParams(query)}`, conversationList),
    transcript: (siteId: string, id: string): Promise<Transcript> =>
      call('GET', `${site(siteId)}/conversations/${seg(id)}`, transcript),

    webhook: (siteId: string): Promise<WebhookState> =>
      call('GET', `${site(siteId)}/webhook`, webhookState),
    saveWebhook: (siteId: string, settings: WebhookSettings): Promise<WebhookState> =>
      call('PUT', `${site(siteId)}/webhook`, webhookState, settings),
    deleteWebhook: (siteId: string) => call('DELETE', `${site(siteId)}/webhook`, noContent),
    rotateWebhookSecret: (siteId: string): Promise<WebhookState> =>
      call('POST', `${site(siteId)}/webhook/secret`, webhookState, {}),
    testWebhook: (siteId: string) => call('POST', `${site(siteId)}/webhook/test`, noContent, {}),
    webhookDeliveries: (siteId: string): Promise<WebhookDeliveryList> =>
      call('GET', `${site(siteId)}/webhook/deliveries`, webhookDeliveryList),
  };
}
