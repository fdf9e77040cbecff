/**
 * The contact form (contract §2, part `lead-form`): only the fields the site
 * configured, each checked by its rule from `fields/` and sent normalised.
 * Sending is the caller's job; the form never talks to the network.
 *
 * Sending never waits for a native form submission, which a page's iframe
 * sandboxed without `allow-forms` blocks: the submit button's click and
 * Enter in a field call `submit` themselves.
 *
 * With `botCheck`, the form resists scripts without asking anything of a
 * person (contract §4, `botCheck`): a honeypot field no person can see,
 * reach or have autofilled, and a minimum time between showing the form
 * and sending it. A form that fails either is not sent; it thanks the
 * sender as usual, so a script learns nothing.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { fieldNames } from '../../config/allowed-values';
import type { FieldName } from '../../config/config-schema';
import { type FieldError, parseField } from '../../fields/parse-field';
import { fieldsTexts } from '../../i18n/fields-texts';
import { leadFormTexts } from '../../i18n/lead-form-texts';
import type { Locale } from '../../protocol/common';
import {
  type LeadBotCheck,
  type LeadFields,
  leadBotSignal,
  maxReportedFillMs,
} from '../../protocol/lead';
import css from './lead-form.css?inline';

/** The form's stylesheet, for the shadow root's adopted stylesheets. */
export const leadFormStyles = css;

/** What the visitor has typed so far, field by field, before any normalising. */
export type LeadFormValues = Partial<Record<FieldName, string>>;

/** Props of {@link LeadForm}. */
export interface LeadFormProps {
  /** The fields to ask for (`data-fields`); the form always shows them in the order name, email, phone, orgnr. */
  fields: readonly FieldName[];
  locale: Locale;
  policyUrl?: string | undefined;
  /** Accept a sole trader's personal identity number as the organisation number. */
  allowPersonnummer: boolean;
  /** A draft to start from, so values survive a closed panel or a reload until erased. */
  initialValues?: LeadFormValues | undefined;
  /** Called on every keystroke, for keeping the draft. */
  onValuesChange?: ((values: LeadFormValues) => void) | undefined;
  /** Sends the lead: resolves `sent` when stored, `queued` when it will be sent once online. */
  onSubmit(fields: LeadFields, botCheck?: LeadBotCheck): Promise<'sent' | 'queued'>;
  /** Guard against scripts (honeypot and minimum fill time); off where only a known visitor arrives. */
  botCheck?: boolean | undefined;
  /** Milliseconds on a monotonic clock, for the fill time; tests pass their own. */
  now?: (() => number) | undefined;
  onCancel?: (() => void) | undefined;
  /** Replaces some of the form's own texts: "Correct my details" reuses the form with its own title and button. */
  texts?: Partial<Record<'title' | 'purpose' | 'submit' | 'failed', string>> | undefined;
}

type Status = 'editing' | 'sending' | 'failed' | 'sent' | 'queued';

type Errors = Partial<Record<FieldName, FieldError>>;

interface InputShape {
  type: 'text' | 'email' | 'tel';
  autocomplete: string;
  inputMode?: 'email' | 'tel' | 'numeric';
}

const inputShapes: Record<FieldName, InputShape> = {
  name: { type: 'text', autocomplete: 'name' },
  email: { type: 'email', autocomplete: 'email', inputMode: 'email' },
  phone: { type: 'tel', autocomplete: 'tel', inputMode: 'tel' },
  // Browsers have no autofill token for an organisation number; `off` keeps
  // them from offering a personal number or a phone number here.
  orgnr: { type: 'text', autocomplete: 'off', inputMode: 'numeric' },
};

// A private person has no organisation number, so leaving it empty is fine
// even when the site asks for it; the other fields are how we reach them.
const isOptional = (name: FieldName): boolean => name === 'orgnr';

function checkFields(
  fields: readonly FieldName[],
  values: LeadFormValues,
  allowPersonnummer: boolean,
): { errors: Errors; lead: LeadFields } {
  const errors: Errors = {};
  const lead: LeadFields = {};
  for (const name of fields) {
    const input = values[name] ?? '';
    if (isOptional(name) && input.trim() === '') continue;
    const result = parseField(name, input, { allowPersonnummer });
    if (result.success) lead[name] = result.data;
    else errors[name] = result.error;
  }
  return { errors, lead };
}

/** The contact form. */
export function LeadForm(props: LeadFormProps) {
  const { locale, allowPersonnummer, onValuesChange, onSubmit, onCancel, policyUrl } = props;
  const now = props.now ?? (() => performance.now());
  const texts = { ...leadFormTexts[locale], ...props.texts };
  const shown = fieldNames.filter((name) => props.fields.includes(name));
  const [values, setValues] = useState<LeadFormValues>(() => ({ ...props.initialValues }));
  const latest = useRef(values);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<Status>('editing');
  const [attempt, setAttempt] = useState(0);
  const inputs = useRef<Partial<Record<FieldName, HTMLInputElement | null>>>({});
  const done = useRef<HTMLParagraphElement>(null);
  const id = useId();
  // A click and an Enter (or a submit event) can arrive in one tick, before
  // the state says `sending`.
  const busy = useRef(false);
  const honeypot = useRef<HTMLTextAreaElement>(null);
  // When the form was shown, for its fill time. A form that opens on a
  // restored draft was filled on an earlier page, so its time is not judged.
  const shownAt = useRef<number | null>(null);
  if (shownAt.current === null) shownAt.current = now();
  const [restored] = useState(() =>
    Object.values(props.initialValues ?? {}).some((value) => value?.trim()),
  );

  // After a refused submit, focus moves to the first flagged field once it
  // carries aria-invalid and its message, so a screen reader announces both.
  useEffect(() => {
    const first = shown.find((name) => errors[name] !== undefined);
    if (attempt > 0 && first) inputs.current[first]?.focus();
  }, [attempt]);

  // The form is replaced by the confirmation; focus follows it so keyboard
  // users are not left on a removed button.
  useEffect(() => {
    if (status === 'sent' || status === 'queued') done.current?.focus();
  }, [status]);

  if (status === 'sent' || status === 'queued') {
    return (
      <p class="lead-done" role="status" tabIndex={-1} ref={done}>
        {texts[status]}
      </p>
    );
  }

  const update = (name: FieldName, value: string) => {
    // From the latest values, not this render's: a browser's autofill fills
    // several fields in one task, before the form renders again.
    const next = { ...latest.current, [name]: value };
    latest.current = next;
    setValues(next);
    onValuesChange?.(next);
    // A flagged field is rechecked as it is corrected, so the message goes
    // away as soon as the value is right; unflagged fields wait for submit.
    if (errors[name] !== undefined) {
      const { errors: rechecked } = checkFields([name], next, allowPersonnummer);
      setErrors({ ...errors, [name]: rechecked[name] });
    }
  };

  /** What the form saw of who filled it in, when it guards against scripts. */
  const botCheckNow = (): LeadBotCheck | undefined => {
    if (!props.botCheck) return undefined;
    const fillMs = Math.min(Math.round(now() - (shownAt.current ?? 0)), maxReportedFillMs);
    return restored ? {} : { fillMs };
  };

  const submit = async () => {
    if (busy.current) return;
    const checked = checkFields(shown, latest.current, allowPersonnummer);
    setErrors(checked.errors);
    if (Object.values(checked.errors).some((error) => error !== undefined)) {
      setAttempt(attempt + 1);
      return;
    }
    const check = botCheckNow();
    // The honeypot's value never leaves: a form that fails a check is not sent at all.
    if (leadBotSignal({ ...check, honeypot: honeypot.current?.value ?? '' }) !== null) {
      setStatus('sent');
      return;
    }
    busy.current = true;
    setStatus('sending');
    try {
      setStatus(await onSubmit(checked.lead, check));
    } catch {
      setStatus('failed');
    } finally {
      busy.current = false;
    }
  };
  const submitOn = (event: Event) => {
    event.preventDefault();
    void submit();
  };

  return (
    <form
      part="lead-form"
      class="lead-form"
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={submitOn}
    >
      <p class="lead-title" id={`${id}-title`}>
        {texts.title}
      </p>
      {shown.map((name) => {
        const error = errors[name];
        const shape = inputShapes[name];
        const inputId = `${id}-${name}`;
        return (
          <div class="lead-field" key={name}>
            <label for={inputId}>{texts[name]}</label>
            <input
              ref={(element) => {
                inputs.current[name] = element;
              }}
              id={inputId}
              name={name}
              type={shape.type}
              autocomplete={shape.autocomplete}
              inputMode={shape.inputMode}
              aria-required={isOptional(name) ? undefined : 'true'}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? `${inputId}-error` : undefined}
              value={values[name] ?? ''}
              onInput={(event) => update(name, event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && !event.isComposing) submitOn(event);
              }}
            />
            {error && (
              <p class="lead-error" id={`${inputId}-error`}>
                {fieldsTexts[locale][error]}
              </p>
            )}
          </div>
        );
      })}
      {props.botCheck && (
        // Only scripts fill this in. Never rendered (`hidden`, and a class
        // that keeps it so whatever other rules say): no person sees it, no
        // screen reader reads it, no keyboard reaches it, and browsers and
        // password managers (told twice, for the ones that look at hidden
        // fields too) never autofill it. A text area, so the form's inputs
        // stay exactly the configured fields; its name invites spam.
        <div class="lead-trap" hidden>
          <label for={`${id}-comment`}>Comment</label>
          <textarea
            ref={honeypot}
            id={`${id}-comment`}
            name="comment"
            tabIndex={-1}
            autocomplete="off"
            data-1p-ignore=""
            data-lpignore="true"
            data-bwignore=""
            data-form-type="other"
          />
        </div>
      )}
      <p class="lead-purpose">
        {texts.purpose}
        {policyUrl && (
          <>
            {' '}
            <a href={policyUrl} target="_blank" rel="noopener noreferrer">
              {texts.policyLink}
            </a>
          </>
        )}
      </p>
      {status === 'failed' && (
        <p class="lead-failed" role="alert">
          {texts.failed}
        </p>
      )}
      <div class="lead-actions">
        <button
          part="lead-submit"
          class="lead-submit"
          type="submit"
          aria-disabled={status === 'sending' ? 'true' : undefined}
          onClick={submitOn}
        >
          {status === 'sending' ? texts.sending : texts.submit}
        </button>
        {onCancel && (
          <button class="lead-cancel" type="button" onClick={onCancel}>
            {texts.cancel}
          </button>
        )}
      </div>
    </form>
  );
}
