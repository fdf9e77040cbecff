/**
 * Whether a restriction (GDPR art. 18) or objection (art. 21) holds, and the
 * button that lifts it after a confirmation (art. 18(3): the visitor is told
 * first). Once lifted it says when and by whom; that line has the id
 * `rights-{id}-lifted` and takes focus after the lift, so keyboard and
 * screen-reader users land on the outcome rather than on the page's start.
 */
import { useState } from 'preact/hooks';
import { formatText } from '../../../i18n/define-texts';
import type { AdminRightsRequest } from '../../../protocol/admin';
import { AdminApiError } from '../../api/admin-api-error';
import { useClient } from '../../api/client-context';
import { useAnnounce } from '../../components/announcer';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { LoadProblem } from '../../components/load-problem';
import { useFormat } from '../../i18n/format';
import { useTexts } from '../../i18n/locale';
import { rightsTexts } from '../../i18n/rights-texts';

/** The element id of the "lifted … by …" line of request `id`. */
export const liftedLineId = (id: string) => `rights-${id}-lifted`;

export function RestrictionStatus({
  site,
  request,
  onLifted,
  onStale,
}: {
  site: string;
  request: AdminRightsRequest;
  /** The request as the server returns it after the lift. */
  onLifted: (request: AdminRightsRequest) => void;
  /** Nothing was in force any more (someone else lifted it, or it was erased): 404. */
  onStale: () => void;
}) {
  const texts = useTexts(rightsTexts);
  const format = useFormat();
  const client = useClient();
  const announce = useAnnounce();
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const restriction = request.kind === 'restrict';

  if (request.liftedAt !== null) {
    return (
      <p id={liftedLineId(request.id)} class="muted rights-card__outcome" tabIndex={-1}>
        {formatText(texts.lifted, {
          when: format.dateTime(request.liftedAt),
          who: request.liftedBy ?? '',
        })}
      </p>
    );
  }

  async function lift() {
    setConfirming(false);
    setBusy(true);
    setProblem(null);
    try {
      const lifted = await client.liftRestriction(site, request.id);
      announce(restriction ? texts.liftedNow : texts.liftedObjectionNow);
      onLifted(lifted);
    } catch (caught) {
      setBusy(false);
      if (caught instanceof AdminApiError && caught.status === 404) onStale();
      else setProblem(caught);
    }
  }

  const hintId = `rights-${request.id}-lift-hint`;
  return (
    <div class="rights-card__restriction">
      <p>{restriction ? texts.inForceRestrict : texts.inForceObject}</p>
      {problem !== null && <LoadProblem error={problem} onRetry={() => void lift()} />}
      <button
        type="button"
        class="button"
        disabled={busy}
        aria-describedby={hintId}
        onClick={() => setConfirming(true)}
      >
        {restriction ? texts.lift : texts.liftObjection}
      </button>
      <p id={hintId} class="hint">
        {texts.liftHint}
      </p>
      <ConfirmDialog
        open={confirming}
        title={restriction ? texts.liftTitle : texts.liftObjectionTitle}
        confirmLabel={restriction ? texts.lift : texts.liftObjection}
        cancelLabel={texts.cancel}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void lift()}
      >
        <p>{restriction ? texts.liftText : texts.liftObjectionText}</p>
      </ConfirmDialog>
    </div>
  );
}
