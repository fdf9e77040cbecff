/**
 * What a notice says, in the receiver's format. Never a contact detail, a
 * message or a visitor id: only which site, what happened, the id to look up
 * and a link to the console, so nothing personal leaves for Slack or Teams
 * and an erasure never has to chase a copy.
 */
import type { RightsKind, WebhookEvent, WebhookFormat } from '../../../protocol/admin';
import type { LeadFieldName } from '../../../protocol/lead';

/** What happened, with what a notice may say about it. */
export type Notice =
  | {
      type: 'lead.created';
      site: string;
      leadId: string;
      submittedAt: string;
      fields: LeadFieldName[];
    }
  | {
      type: 'rights-request.created';
      site: string;
      requestId: string;
      kind: RightsKind;
      deadline: string;
    }
  | { type: 'webhook.test'; site: string };

/** Where in the console the notice points. */
export function noticeLink(notice: Notice, consoleOrigin: string): string {
  const base = `${consoleOrigin}/admin/sites/${encodeURIComponent(notice.site)}`;
  if (notice.type === 'lead.created') return `${base}/leads/${encodeURIComponent(notice.leadId)}`;
  if (notice.type === 'rights-request.created') return `${base}/rights`;
  return `${base}/webhook`;
}

function headline(notice: Notice): string {
  switch (notice.type) {
    case 'lead.created':
      return `New lead on ${notice.site} (${notice.fields.join(', ') || 'no fields'})`;
    case 'rights-request.created':
      return `New rights request (${notice.kind}) on ${notice.site}, due ${notice.deadline.slice(0, 10)}`;
    case 'webhook.test':
      return `Test notice from Samtal for ${notice.site}`;
  }
}

/** The body to POST, as text (it is signed byte for byte). */
export function webhookBody(
  notice: Notice,
  format: WebhookFormat,
  consoleOrigin: string,
  at: Date,
): string {
  const url = noticeLink(notice, consoleOrigin);
  if (format === 'slack') {
    // Slack's incoming webhooks: `text` with mrkdwn links, <url|label>.
    return JSON.stringify({ text: `${headline(notice)}: <${url}|Open in Samtal>` });
  }
  if (format === 'teams') {
    // A Teams workflow ("Post to a channel when a webhook request is received") takes an Adaptive Card message.
    return JSON.stringify({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [{ type: 'TextBlock', text: headline(notice), wrap: true, weight: 'Bolder' }],
            actions: [{ type: 'Action.OpenUrl', title: 'Open in Samtal', url }],
          },
        },
      ],
    });
  }
  const { type, ...data } = notice;
  return JSON.stringify({ type, timestamp: at.toISOString(), data: { ...data, url } });
}

/** The event a notice is delivered as. */
export function noticeEvent(notice: Notice): WebhookEvent {
  return notice.type;
}
