/**
 * The contact form as a panel view (its own lazy chunk): keeps the draft
 * while the visitor types, sends through the lead service, tells the site.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { type LeadDraft, readLeadRecords, saveLeadDraft } from '../../leads/lead-records';
import { submitLead } from '../../leads/submit-lead';
import { adoptStyles } from '../adopt-styles';
import type { ViewComponent } from '../widget-context';
import { LeadForm, leadFormStyles } from './lead-form';

export const LeadFormView: ViewComponent = ({ context }) => {
  const { config, consent, emitter, ui } = context;
  const [draft, setDraft] = useState<LeadDraft | null | undefined>(undefined);
  const saving = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => adoptStyles(context.root, leadFormStyles), [context.root]);
  useEffect(() => {
    let active = true;
    context.track('form-shown');
    context.services().then(
      async ({ store }) => {
        const records = await readLeadRecords(store);
        if (active) setDraft(records.draft);
      },
      () => active && setDraft(null),
    );
    return () => {
      active = false;
      if (saving.current !== null) clearTimeout(saving.current);
    };
  }, [context]);

  if (draft === undefined) return null;
  return (
    <LeadForm
      fields={config.fields}
      locale={config.locale}
      policyUrl={config.policyUrl}
      allowPersonnummer={config.allowPersonnummer}
      initialValues={draft ?? undefined}
      botCheck
      onValuesChange={(values) => {
        // Keep the draft across a closed panel or a reload; written when typing pauses.
        if (saving.current !== null) clearTimeout(saving.current);
        saving.current = setTimeout(() => {
          void context.services().then(({ store }) => saveLeadDraft(store, values));
        }, 400);
      }}
      onSubmit={async (fields, botCheck) => {
        if (saving.current !== null) clearTimeout(saving.current);
        const { sender, store } = await context.services();
        const { id, outcome } = await submitLead({
          site: config.site,
          fields,
          botCheck,
          consent: consent.snapshot.get(),
          sender,
          store,
        });
        emitter.emit('lead', { id });
        context.track('form-submitted');
        return outcome;
      }}
      onCancel={() => ui.set((state) => ({ ...state, view: 'chat' }))}
    />
  );
};
