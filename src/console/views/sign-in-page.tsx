/** The sign-in form: e-mail and password, one message for every refusal. */
import { useRef, useState } from 'preact/hooks';
import { formatCount } from '../../i18n/format-count';
import type { Locale } from '../../protocol/common';
import { AdminApiError } from '../api/admin-api-error';
import type { AdminClient } from '../api/create-admin-client';
import { LanguageSwitch } from '../components/language-switch';
import { applyLocale, LocaleContext } from '../i18n/locale';
import { signInTexts } from '../i18n/sign-in-texts';

export interface SignInPageProps {
  client: Pick<AdminClient, 'signIn'>;
  initialLocale: Locale;
  onSignedIn: () => void;
}

export function SignInPage({ client, initialLocale, onSignedIn }: SignInPageProps) {
  const [locale, setLocale] = useState(initialLocale);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const texts = signInTexts[locale];

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!email || !password) {
      setError(texts.required);
      emailRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await client.signIn(email, password);
      onSignedIn();
    } catch (caught) {
      const problem = caught instanceof AdminApiError ? caught : null;
      setError(
        problem?.status === 401
          ? texts.invalid
          : problem?.status === 429
            ? formatCount(
                locale,
                texts,
                'tooMany',
                Math.max(1, Math.ceil((problem.retryAfterSeconds ?? 60) / 60)),
              )
            : texts.failed,
      );
      setBusy(false);
      queueMicrotask(() => errorRef.current?.focus());
    }
  }

  return (
    <LocaleContext.Provider value={locale}>
      <div class="sign-in">
        <header class="sign-in__top">
          <span class="brand" aria-hidden="true">
            Samtal
          </span>
          <LanguageSwitch
            onChange={(next) => {
              applyLocale(next);
              setLocale(next);
            }}
          />
        </header>
        <main class="sign-in__card" id="content" tabIndex={-1}>
          <h1>{texts.title}</h1>
          <p class="muted">{texts.intro}</p>
          <form onSubmit={submit} noValidate aria-describedby={error ? 'sign-in-error' : undefined}>
            {error && (
              <p
                id="sign-in-error"
                class="alert alert--error"
                role="alert"
                tabIndex={-1}
                ref={errorRef}
              >
                {error}
              </p>
            )}
            <div class="field">
              <label for="email">{texts.email}</label>
              <input
                id="email"
                name="email"
                type="email"
                autocomplete="username"
                required
                maxLength={254}
                ref={emailRef}
                aria-invalid={error ? 'true' : undefined}
              />
            </div>
            <div class="field">
              <label for="password">{texts.password}</label>
              <input
                id="password"
                name="password"
                type="password"
                autocomplete="current-password"
                required
                maxLength={1024}
                aria-invalid={error ? 'true' : undefined}
              />
            </div>
            <button type="submit" class="button button--primary button--wide" disabled={busy}>
              {busy ? texts.submitting : texts.submit}
            </button>
          </form>
          <p class="muted small">{texts.help}</p>
        </main>
      </div>
    </LocaleContext.Provider>
  );
}
