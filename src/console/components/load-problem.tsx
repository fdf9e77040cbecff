/** What a view shows when its data could not be loaded: why, and a way to try again. */
import { formatText } from '../../i18n/define-texts';
import { AdminApiError } from '../api/admin-api-error';
import { useTexts } from '../i18n/locale';
import { shellTexts } from '../i18n/shell-texts';
import { NotFound } from './not-found';

export function LoadProblem({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const texts = useTexts(shellTexts);
  if (error instanceof AdminApiError && error.status === 404 && error.code === 'not-found') {
    return <NotFound />;
  }
  const message =
    error instanceof AdminApiError && error.status === 0
      ? texts.networkError
      : formatText(texts.serverError, {
          message: error instanceof Error ? error.message : String(error),
        });
  return (
    <div class="alert alert--error" role="alert">
      <p>{message}</p>
      <button type="button" class="button" onClick={onRetry}>
        {texts.retry}
      </button>
    </div>
  );
}

/** A polite "loading" line for screen readers and eyes alike. */
export function Loading() {
  const texts = useTexts(shellTexts);
  return (
    <p class="muted loading" role="status">
      {texts.loading}
    </p>
  );
}
