/**
 * The visitor's own data (part `your-data`), a panel view in its own chunk:
 * the current choice and its date, a change or withdrawal in one click, their
 * rights to correct, pause and object (`RightsSection`), a download of
 * everything held locally (the same object as `Samtal.data.export()`), and
 * erasure (`Samtal.data.erase()`).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConsentChoice } from '../../api/samtal-api';
import type { VisitorConsentMethod } from '../../consent/consent-service';
import type { ErasureOutcome } from '../../data/erase-visitor-data';
import { formatText } from '../../i18n/define-texts';
import { yourDataTexts } from '../../i18n/your-data-texts';
import { writeJson } from '../../protocol/write-json';
import { adoptStyles } from '../adopt-styles';
import { useObservable } from '../use-observable';
import type { WidgetContext } from '../widget-context';
import { formatDate } from './format-date';
import { RightsSection } from './rights-section';
import css from './your-data.css?inline';

type Status = 'idle' | 'confirm' | 'erasing' | 'failed' | ErasureOutcome;

/** How long the download's object URL lives: long enough for the browser to start saving. */
const objectUrlLifetimeMs = 60_000;

export function YourDataView({ context }: { context: WidgetContext }) {
  const { config, consent } = context;
  const texts = yourDataTexts[config.locale];
  const snapshot = useObservable(consent.snapshot);
  const [status, setStatus] = useState<Status>('idle');
  const [changed, setChanged] = useState(false);
  const viewRef = useRef<HTMLElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => adoptStyles(context.root, css), [context.root]);
  // The erase button gives way to the confirmation: keep keyboard focus on it.
  useEffect(() => {
    if (status === 'confirm') confirmRef.current?.focus();
  }, [status]);

  // The texts of this view, in the order shown, for the receipt of a change made here.
  const shownTexts = [
    texts.title,
    texts.choiceHeading,
    texts.analytics,
    texts.marketing,
    texts.necessary,
    ...(snapshot.purposes.analytics || snapshot.purposes.marketing ? [texts.withdraw] : []),
  ];

  const decide = (method: VisitorConsentMethod, choice: ConsentChoice) => {
    setChanged(true);
    void consent.decide(method, choice, shownTexts);
  };

  const toggle = (purpose: keyof ConsentChoice) => {
    const { analytics, marketing } = snapshot.purposes;
    const current = { analytics, marketing };
    decide('custom', { ...current, [purpose]: !current[purpose] });
  };

  const download = async () => {
    const exported = await (await context.rights()).exportAll();
    const url = URL.createObjectURL(
      new Blob([writeJson(exported, 2)], { type: 'application/json' }),
    );
    const link = document.createElement('a');
    link.href = url;
    link.download = `samtal-${config.site}-${exported.exportedAt.slice(0, 10)}.json`;
    viewRef.current?.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), objectUrlLifetimeMs);
  };

  const erase = async () => {
    setStatus('erasing');
    setChanged(false);
    try {
      setStatus(await (await context.rights()).eraseAll());
    } catch {
      setStatus('failed');
    }
  };

  const purposeRow = (purpose: keyof ConsentChoice, label: string) => (
    <div class="your-data__row">
      <span id={`samtal-your-data-${purpose}`}>{label}</span>
      <button
        type="button"
        role="switch"
        class="your-data__switch"
        aria-checked={snapshot.purposes[purpose] ? 'true' : 'false'}
        aria-labelledby={`samtal-your-data-${purpose}`}
        onClick={() => toggle(purpose)}
      />
    </div>
  );

  const message = {
    idle: changed ? texts.changed : '',
    confirm: '',
    erasing: texts.erasing,
    sent: texts.erased,
    queued: texts.erasedQueued,
    failed: texts.eraseFailed,
    refused: texts.eraseRefused,
  }[status];

  return (
    <section
      part="your-data"
      class="your-data"
      aria-labelledby="samtal-your-data-title"
      ref={viewRef}
    >
      <h3 id="samtal-your-data-title">{texts.title}</h3>
      <h4>{texts.choiceHeading}</h4>
      <p>
        {snapshot.status === 'undecided' || snapshot.decidedAt === null
          ? texts.undecided
          : formatText(snapshot.method === 'withdraw' ? texts.withdrawnOn : texts.decidedOn, {
              date: formatDate(snapshot.decidedAt, config.locale),
            })}
      </p>
      {purposeRow('analytics', texts.analytics)}
      {purposeRow('marketing', texts.marketing)}
      <p>{texts.necessary}</p>
      {(snapshot.purposes.analytics || snapshot.purposes.marketing) && (
        <button
          type="button"
          class="your-data__button"
          onClick={() => decide('withdraw', { analytics: false, marketing: false })}
        >
          {texts.withdraw}
        </button>
      )}

      <RightsSection context={context} shownTexts={shownTexts} />

      <h4>{texts.exportHeading}</h4>
      <p>{texts.exportDescription}</p>
      <button type="button" class="your-data__button" onClick={() => void download()}>
        {texts.export}
      </button>

      <h4>{texts.eraseHeading}</h4>
      <p>{texts.eraseDescription}</p>
      {status === 'confirm' ? (
        <div class="your-data__actions">
          <p>{texts.eraseConfirm}</p>
          <button
            type="button"
            class="your-data__button your-data__button--danger"
            ref={confirmRef}
            onClick={() => void erase()}
          >
            {texts.eraseYes}
          </button>
          <button type="button" class="your-data__button" onClick={() => setStatus('idle')}>
            {texts.eraseNo}
          </button>
        </div>
      ) : (
        <button
          type="button"
          class="your-data__button your-data__button--danger"
          disabled={status === 'erasing'}
          onClick={() => setStatus('confirm')}
        >
          {texts.erase}
        </button>
      )}
      <p role="status">{message}</p>
    </section>
  );
}
