/**
 * The contact form (contract §2, part `lead-form`): only the fields the site
 * configured, each checked by its rule from `fields/` and sent normalised.
 * Sending is the caller's job; the form never talks to the network.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { type FieldName, fieldNames } from '../../config/config-schema';
import { type FieldError, parseField } from '../../fields/parse-field';
import { fieldsTexts } from '../../i18n/fields-texts';
import { leadFormTexts } from '../../i18n/lead-form-texts';
import type { Locale } from '../../protocol/common';
import type { LeadFields } from '../../protocol/lead';
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
  onSubmit(fields: LeadFields): Promise<'sent' | 'queued'>;
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
  const texts = { ...leadFormTexts[locale], ...props.texts };
  const shown = fieldNames.filter((name) => props.fields.includes(name));
  const [values, setValues] = useState<LeadFormValues>(() => ({ ...props.initialValues }));
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<Status>('editing');
  const [attempt, setAttempt] = useState(0);
  const inputs = useRef<Partial<Record<FieldName, HTMLInputElement | null>>>({});
  const done = useRef<HTMLParagraphElement>(null);
  const id = useId();

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
    const next = { ...values, [name]: value };
    setValues(next);
    onValuesChange?.(next);
    // A flagged field is rechecked as it is corrected, so the message goes
    // away as soon as the value is right; unflagged fields wait for submit.
    if (errors[name] !== undefined) {
      const { errors: rechecked } = checkFields([name], next, allowPersonnummer);
      setErrors({ ...errors, [name]: rechecked[name] });
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (status === 'sending') return;
    const checked = checkFields(shown, values, allowPersonnummer);
    setErrors(checked.errors);
    if (Object.values(checked.errors).some((error) => error !== undefined)) {
      setAttempt(attempt + 1);
      return;
    }
    setStatus('sending');
    try {
      setStatus(await onSubmit(checked.lead));
    } catch {
      setStatus('failed');
    }
  };

  return (
    <form
      part="lead-form"
      class="lead-form"
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={submit}
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
            />
            {error && (
              <p class="lead-error" id={`${inputId}-error`}>
                {fieldsTexts[locale][error]}
              </p>
            )}
          </div>
        );
      })}
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
