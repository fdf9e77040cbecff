/**
 * The site's webhook: settings, the signing secret, a test, and the delivery
 * log with each notice's attempts and the receiver's last answer.
 */
import { useEffect, useState } from 'preact/hooks';
import { formatText } from '../../../i18n/define-texts';
import type { Webhook, WebhookFormat, WebhookSettings } from '../../../protocol/admin';
import { useClient } from '../../api/client-context';
import { useAnnounce } from '../../components/announcer';
import { CopyButton } from '../../components/copy-button';
import { Loading, LoadProblem } from '../../components/load-problem';
import { PageHeading } from '../../components/page-heading';
import { ScrollRegion } from '../../components/scroll-region';
import { useResource } from '../../components/use-resource';
import { useFormat } from '../../i18n/format';
import { useTexts } from '../../i18n/locale';
import { webhookTexts } from '../../i18n/webhook-texts';

const defaults: WebhookSettings = {
  url: '',
  format: 'json',
  events: ['lead.created', 'rights-request.created'],
  enabled: true,
};

export function WebhookView({ site }: { site: string }) {
  const texts = useTexts(webhookTexts);
  const client = useClient();
  const state = useResource(() => client.webhook(site), [site]);
  return (
    <section>
      <PageHeading title={texts.title} site={site} />
      <p class="muted">{texts.intro}</p>
      {state.state === 'failed' && <LoadProblem error={state.error} onRetry={state.reload} />}
      {state.data === null ? (
        state.state === 'loading' && <Loading />
      ) : (
        <>
          <WebhookForm
            site={site}
            webhook={state.data.webhook}
            onSaved={(next) => state.set({ webhook: next })}
          />
          {state.data.webhook && (
            <>
              <SecretBlock
                site={site}
                webhook={state.data.webhook}
                onRotated={(next) => state.set({ webhook: next })}
              />
              <Deliveries site={site} />
            </>
          )}
        </>
      )}
    </section>
  );
}

function WebhookForm({
  site,
  webhook,
  onSaved,
}: {
  site: string;
  webhook: Webhook | null;
  onSaved: (webhook: Webhook | null) => void;
}) {
  const texts = useTexts(webhookTexts);
  const client = useClient();
  const announce = useAnnounce();
  const [draft, setDraft] = useState<WebhookSettings>(webhook ?? defaults);
  const [errors, setErrors] = useState<{ url?: string; events?: string }>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function save(event: SubmitEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    if (!/^https?:\/\/\S+$/.test(draft.url.trim())) next.url = texts.urlInvalid;
    if (draft.events.length === 0) next.events = texts.eventsRequired;
    setErrors(next);
    if (next.url || next.events) {
      document.getElementById(next.url ? 'webhook-url' : 'webhook-event-lead')?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const saved = await client.saveWebhook(site, { ...draft, url: draft.url.trim() });
      onSaved(saved.webhook);
      announce(texts.saved);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    try {
      await client.deleteWebhook(site);
      setDraft(defaults);
      onSaved(null);
      announce(texts.removed);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  }

  const toggleEvent = (name: WebhookSettings['events'][number], on: boolean) =>
    setDraft({
      ...draft,
      events: on
        ? [...new Set([...draft.events, name])]
        : draft.events.filter((event) => event !== name),
    });

  return (
    <form class="card form" onSubmit={save} noValidate>
      {webhook === null && <p>{texts.none}</p>}
      {problem !== null && <LoadProblem error={problem} onRetry={() => setProblem(null)} />}
      <div class="field">
        <label for="webhook-url">{texts.url}</label>
        <input
          id="webhook-url"
          type="url"
          inputMode="url"
          maxLength={2000}
          required
          value={draft.url}
          aria-invalid={errors.url ? 'true' : undefined}
          aria-describedby={`webhook-url-hint${errors.url ? ' webhook-url-error' : ''}`}
          onInput={(event) =>
            setDraft({ ...draft, url: (event.currentTarget as HTMLInputElement).value })
          }
        />
        <p id="webhook-url-hint" class="hint">
          {texts.urlHint}
        </p>
        {errors.url && (
          <p id="webhook-url-error" class="field-error">
            {errors.url}
          </p>
        )}
      </div>
      <div class="field">
        <label for="webhook-format">{texts.format}</label>
        <select
          id="webhook-format"
          value={draft.format}
          onChange={(event) =>
            setDraft({
              ...draft,
              format: (event.currentTarget as HTMLSelectElement).value as WebhookFormat,
            })
          }
        >
          <option value="json">{texts.formatJson}</option>
          <option value="slack">{texts.formatSlack}</option>
          <option value="teams">{texts.formatTeams}</option>
        </select>
      </div>
      <fieldset class="field" aria-describedby={errors.events ? 'webhook-events-error' : undefined}>
        <legend>{texts.events}</legend>
        <label class="check">
          <input
            id="webhook-event-lead"
            type="checkbox"
            checked={draft.events.includes('lead.created')}
            onChange={(event) =>
              toggleEvent('lead.created', (event.currentTarget as HTMLInputElement).checked)
            }
          />
          {texts.eventLead}
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={draft.events.includes('rights-request.created')}
            onChange={(event) =>
              toggleEvent(
                'rights-request.created',
                (event.currentTarget as HTMLInputElement).checked,
              )
            }
          />
          {texts.eventRights}
        </label>
        {errors.events && (
          <p id="webhook-events-error" class="field-error">
            {errors.events}
          </p>
        )}
      </fieldset>
      <label class="check">
        <input
          type="checkbox"
          checked={draft.enabled}
          onChange={(event) =>
            setDraft({ ...draft, enabled: (event.currentTarget as HTMLInputElement).checked })
          }
        />
        {texts.enabled}
      </label>
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={busy}>
          {texts.save}
        </button>
        {webhook !== null && (
          <button
            type="button"
            class="button button--danger-quiet"
            onClick={remove}
            disabled={busy}
          >
            {texts.remove}
          </button>
        )}
      </div>
    </form>
  );
}

function SecretBlock({
  site,
  webhook,
  onRotated,
}: {
  site: string;
  webhook: Webhook;
  onRotated: (webhook: Webhook | null) => void;
}) {
  const texts = useTexts(webhookTexts);
  const client = useClient();
  const announce = useAnnounce();
  const [shown, setShown] = useState(false);
  return (
    <section class="card" aria-labelledby="webhook-secret">
      <h2 id="webhook-secret">{texts.secret}</h2>
      <p class="hint">{texts.secretHint}</p>
      <p class="secret mono">{shown ? webhook.secret : '•'.repeat(24)}</p>
      <div class="actions">
        <button type="button" class="button" aria-pressed={shown} onClick={() => setShown(!shown)}>
          {shown ? texts.hideSecret : texts.showSecret}
        </button>
        <CopyButton text={webhook.secret} label={texts.copy} done={texts.copied} />
        <button
          type="button"
          class="button"
          onClick={async () => {
            const next = await client.rotateWebhookSecret(site);
            onRotated(next.webhook);
            announce(texts.rotated);
          }}
        >
          {texts.rotate}
        </button>
        <button
          type="button"
          class="button"
          onClick={async () => {
            await client.testWebhook(site);
            announce(texts.testQueued);
          }}
        >
          {texts.test}
        </button>
      </div>
    </section>
  );
}

function Deliveries({ site }: { site: string }) {
  const texts = useTexts(webhookTexts);
  const client = useClient();
  const format = useFormat();
  const log = useResource(() => client.webhookDeliveries(site), [site]);
  // Pending notices change state on their own; look again while any waits.
  const pending = log.data?.deliveries.some((delivery) => delivery.status === 'pending') ?? false;
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(log.reload, 5000);
    return () => clearInterval(timer);
  }, [pending]);
  return (
    <section class="card" aria-labelledby="webhook-deliveries">
      <div class="card__head">
        <h2 id="webhook-deliveries">{texts.deliveries}</h2>
        <button type="button" class="button button--quiet" onClick={log.reload}>
          {texts.refresh}
        </button>
      </div>
      <p class="definition">{texts.deliveriesDef}</p>
      {log.state === 'failed' && <LoadProblem error={log.error} onRetry={log.reload} />}
      {log.data !== null && log.data.deliveries.length === 0 && (
        <p class="muted">{texts.noDeliveries}</p>
      )}
      {log.data !== null && log.data.deliveries.length > 0 && (
        <ScrollRegion label={texts.deliveries}>
          <table>
            <thead>
              <tr>
                <th scope="col">{texts.created}</th>
                <th scope="col">{texts.event}</th>
                <th scope="col">{texts.status}</th>
                <th scope="col" class="num">
                  {texts.attempts}
                </th>
                <th scope="col">{texts.result}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.deliveries.map((delivery) => (
                <tr key={delivery.id}>
                  <td>
                    <time dateTime={delivery.createdAt}>{format.dateTime(delivery.createdAt)}</time>
                  </td>
                  <td>{texts[delivery.event]}</td>
                  <td>
                    <span
                      class={`badge badge--${delivery.status === 'delivered' ? 'ok' : delivery.status === 'failed' ? 'danger' : 'plain'}`}
                    >
                      {texts[delivery.status]}
                    </span>
                    {delivery.status === 'pending' && delivery.nextAttemptAt && (
                      <span class="muted small">
                        {' '}
                        {formatText(texts.nextAttempt, {
                          when: format.dateTime(delivery.nextAttemptAt),
                        })}
                      </span>
                    )}
                  </td>
                  <td class="num">{delivery.attempts}</td>
                  <td class="small">
                    {[
                      delivery.responseStatus === null ? null : `HTTP ${delivery.responseStatus}`,
                      delivery.error,
                    ]
                      .filter(Boolean)
                      .join(' · ') || '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
