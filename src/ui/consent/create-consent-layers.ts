/**
 * Consent's places in the dock: the banner's slot between the panel and the
 * launcher (banner mode), filled by the banner chunk only while the visitor
 * has not decided (the banner docks inside the panel while it is open), and
 * the privacy settings control beside the launcher, shown once they have.
 */
import { coreTexts } from '../../i18n/core-texts';
import { createElement } from '../create-element';
import type { DockLayer } from '../mount-widget';
import type { WidgetContext } from '../widget-context';
import { createPrivacyControl } from './create-privacy-control';

export function createConsentLayers(context: WidgetContext): DockLayer[] {
  const { config, consent, root, ui, emitter } = context;
  const privacyControl = createPrivacyControl({
    label: coreTexts[config.locale].privacySettings,
    snapshot: consent.snapshot,
    onOpen: () => ui.set((state) => ({ ...state, open: true, view: 'your-data' })),
  });
  const controlLayer: DockLayer = {
    element: privacyControl.element,
    besideLauncher: true,
    dispose: privacyControl.dispose,
  };
  if (config.consent !== 'banner') return [controlLayer];

  const slot = createElement('div', { class: 'consent-slot' });
  let banner: DockLayer | null = null;
  let loading = false;
  let disposed = false;

  const loadBanner = () => {
    if (banner !== null || loading || consent.snapshot.get().status !== 'undecided') return;
    loading = true;
    import('./create-consent-banner').then(
      ({ createConsentBanner, warmBannerFonts }) => {
        if (disposed) return;
        warmBannerFonts(slot);
        // The banner is built in a task of its own, after the one that loaded the chunk and
        // looked up its fonts: together they were one long task on a slow phone.
        setTimeout(() => {
          loading = false;
          if (disposed || consent.snapshot.get().status !== 'undecided') return;
          banner = createConsentBanner({
            root,
            home: slot,
            panelNotice: context.panelNotice,
            locale: config.locale,
            policyUrl: config.policyUrl,
            recipients: config.recipients,
            snapshot: consent.snapshot,
            decide: (method, choice, shownTexts) => void consent.decide(method, choice, shownTexts),
            focusAfterDecision: () => {
              const target = privacyControl.element.hidden
                ? root.querySelector<HTMLElement>('[part="launcher"]')
                : privacyControl.element;
              target?.focus();
            },
          });
        });
      },
      (error) => {
        loading = false;
        emitter.emit('error', {
          code: 'chunk-load-failed',
          message: `The consent banner could not start: ${String(error)}`,
        });
      },
    );
  };

  loadBanner();
  // Asked again mid-visit (consent.reset, erasure): the banner may not be loaded yet.
  const unsubscribe = consent.snapshot.subscribe(loadBanner);
  return [
    {
      element: slot,
      dispose() {
        disposed = true;
        unsubscribe();
        banner?.dispose();
        slot.remove();
      },
    },
    controlLayer,
  ];
}
