/**
 * The snippet helper: options in a form, the exact tag beside them ready to
 * copy, and what a page with it will load and send.
 */
import { useState } from 'preact/hooks';
import { formatText } from '../../../i18n/define-texts';
import { type LeadFieldName, leadFieldNames } from '../../../protocol/lead';
import { CopyButton } from '../../components/copy-button';
import { PageHeading } from '../../components/page-heading';
import { useTexts } from '../../i18n/locale';
import { snippetTexts } from '../../i18n/snippet-texts';
import { buildSnippet, type SnippetOptions } from './build-snippet';

export function SnippetView({ site }: { site: string }) {
  const texts = useTexts(snippetTexts);
  const origin = location.origin;
  const [options, setOptions] = useState<SnippetOptions>({
    site,
    origin,
    locale: 'auto',
    policyUrl: '',
    policyVersion: '',
    fields: ['name', 'email'],
    consent: 'banner',
    chat: true,
  });
  const snippet = buildSnippet({ ...options, site });
  const set = (patch: Partial<SnippetOptions>) => setOptions({ ...options, ...patch });
  const toggleField = (field: LeadFieldName, on: boolean) =>
    set({
      fields: leadFieldNames.filter((name) =>
        name === field ? on : options.fields.includes(name),
      ),
    });

  return (
    <section>
      <PageHeading title={texts.title} site={site} />
      <p class="muted">{texts.intro}</p>
      <div class="snippet-grid">
        <form
          class="card form"
          aria-labelledby="snippet-options"
          onSubmit={(event) => event.preventDefault()}
        >
          <h2 id="snippet-options">{texts.options}</h2>
          <div class="field">
            <label for="snippet-locale">{texts.locale}</label>
            <select
              id="snippet-locale"
              value={options.locale}
              onChange={(event) =>
                set({
                  locale: (event.currentTarget as HTMLSelectElement)
                    .value as SnippetOptions['locale'],
                })
              }
            >
              <option value="auto">{texts.localeAuto}</option>
              <option value="sv">{texts.sv}</option>
              <option value="en">{texts.en}</option>
            </select>
          </div>
          <div class="field">
            <label for="snippet-policy-url">{texts.policyUrl}</label>
            <input
              id="snippet-policy-url"
              type="url"
              maxLength={2000}
              value={options.policyUrl}
              aria-describedby="snippet-policy-url-hint"
              onInput={(event) =>
                set({ policyUrl: (event.currentTarget as HTMLInputElement).value })
              }
            />
            <p id="snippet-policy-url-hint" class="hint">
              {texts.policyUrlHint}
            </p>
          </div>
          <div class="field">
            <label for="snippet-policy-version">{texts.policyVersion}</label>
            <input
              id="snippet-policy-version"
              type="text"
              maxLength={64}
              value={options.policyVersion}
              aria-describedby="snippet-policy-version-hint"
              onInput={(event) =>
                set({ policyVersion: (event.currentTarget as HTMLInputElement).value })
              }
            />
            <p id="snippet-policy-version-hint" class="hint">
              {texts.policyVersionHint}
            </p>
          </div>
          <fieldset class="field" aria-describedby="snippet-fields-hint">
            <legend>{texts.fields}</legend>
            {leadFieldNames.map((field) => (
              <label class="check" key={field}>
                <input
                  type="checkbox"
                  checked={options.fields.includes(field)}
                  disabled={options.fields.length === 1 && options.fields.includes(field)}
                  onChange={(event) =>
                    toggleField(field, (event.currentTarget as HTMLInputElement).checked)
                  }
                />
                {texts[field]}
              </label>
            ))}
            <p id="snippet-fields-hint" class="hint">
              {texts.fieldsHint}
            </p>
          </fieldset>
          <fieldset class="field">
            <legend>{texts.consent}</legend>
            {(['banner', 'host'] as const).map((mode) => (
              <label class="check" key={mode}>
                <input
                  type="radio"
                  name="snippet-consent"
                  checked={options.consent === mode}
                  onChange={() => set({ consent: mode })}
                />
                {mode === 'banner' ? texts.consentBanner : texts.consentHost}
              </label>
            ))}
          </fieldset>
          <label class="check">
            <input
              type="checkbox"
              checked={options.chat}
              onChange={(event) => set({ chat: (event.currentTarget as HTMLInputElement).checked })}
            />
            {texts.chat}
          </label>
        </form>
        <div>
          <section class="card" aria-labelledby="snippet-tag">
            <div class="card__head">
              <h2 id="snippet-tag">{texts.tag}</h2>
              <CopyButton text={snippet} label={texts.copy} done={texts.copied} />
            </div>
            <pre class="code">
              <code>{snippet}</code>
            </pre>
          </section>
          <section class="card" aria-labelledby="snippet-loads">
            <h2 id="snippet-loads">{texts.loads}</h2>
            <p>{formatText(texts.loadsIntro, { origin })}</p>
            <ol class="steps">
              <li>{texts.loadPage}</li>
              <li>{texts.loadIdle}</li>
              {options.chat && <li>{texts.loadPanel}</li>}
              <li>{texts.loadForms}</li>
              <li>{texts.loadTelemetry}</li>
            </ol>
            <h3>{texts.sends}</h3>
            <ul class="steps">
              <li>{formatText(texts.sendConsent, { origin })}</li>
              <li>{formatText(texts.sendEvents, { origin })}</li>
              <li>{formatText(texts.sendLeads, { origin })}</li>
              {options.chat && <li>{formatText(texts.sendChat, { origin })}</li>}
            </ul>
            <h3>{texts.csp}</h3>
            <p>{texts.cspIntro}</p>
            <pre class="code">
              <code>{`script-src ${origin};\nconnect-src ${origin};`}</code>
            </pre>
          </section>
        </div>
      </div>
    </section>
  );
}
