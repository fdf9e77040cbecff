import { describe, expect, it, vi } from 'vitest';
import type { ConsentSnapshot } from '../../src/api/samtal-api';
import type { Recipient } from '../../src/config/config-schema';
import { bannerTexts } from '../../src/i18n/banner-texts';
import { preferencesTexts } from '../../src/i18n/preferences-texts';
import { createObservable } from '../../src/state/create-observable';
import { createConsentBanner } from '../../src/ui/consent/create-consent-banner';
import { openConsentPreferences } from '../../src/ui/consent/open-consent-preferences';
import type { PanelNoticeHost } from '../../src/ui/widget-context';

const undecided: ConsentSnapshot = {
  status: 'undecided',
  purposes: { necessary: true, analytics: false, marketing: false },
  id: null,
  decidedAt: null,
  method: null,
  policyVersion: '2026-01',
  globalPrivacyControl: false,
};

function mount({
  locale = 'sv' as 'sv' | 'en',
  gpc = false,
  policyUrl = '/integritet',
  recipients = [] as Recipient[],
} = {}) {
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const home = document.createElement('div');
  const notice = document.createElement('div');
  root.append(home, notice);
  const snapshot = createObservable<ConsentSnapshot>({ ...undecided, globalPrivacyControl: gpc });
  const panelNotice = createObservable<PanelNoticeHost | null>(null);
  const focusPanel = vi.fn();
  const decide = vi.fn();
  const focusAfterDecision = vi.fn();
  const layer = createConsentBanner({
    root,
    home,
    panelNotice,
    locale,
    policyUrl,
    recipients,
    snapshot,
    decide,
    focusAfterDecision,
    loadPreferences: async () => openConsentPreferences,
  });
  /** Opens or closes the panel the banner docks in. */
  const dockInPanel = (open: boolean) =>
    panelNotice.set(open ? { slot: notice, focusPanel } : null);
  const part = <T extends HTMLElement>(name: string) => {
    const element = root.querySelector<T>(`[part="${name}"]`);
    if (!element) throw new Error(`no part ${name}`);
    return element;
  };
  return {
    root,
    snapshot,
    decide,
    focusAfterDecision,
    focusPanel,
    layer,
    part,
    host,
    home,
    notice,
    dockInPanel,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('consent banner', () => {
  it('is a region labelled by its title, with the three buttons and the policy link', () => {
    const { root, part } = mount();
    const banner = part('banner');
    const title = root.getElementById(banner.getAttribute('aria-labelledby') ?? '');
    expect(banner.tagName).toBe('SECTION');
    expect(title?.textContent).toBe(bannerTexts.sv.title);
    expect(part('banner-accept').textContent).toBe('Acceptera alla');
    expect(part('banner-reject').textContent).toBe('Avvisa alla');
    expect(part('banner-settings').textContent).toBe('Inställningar');
    const link = root.querySelector('a');
    expect(link?.getAttribute('href')).toBe('/integritet');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('gives accept and reject the same element, class and computed style', () => {
    const { part } = mount();
    const accept = part('banner-accept');
    const reject = part('banner-reject');
    expect(accept.tagName).toBe(reject.tagName);
    expect(accept.className).toBe(reject.className);
    const look = (element: HTMLElement) => {
      const style = getComputedStyle(element);
      return [style.fontWeight, style.fontSize, style.color, style.backgroundColor, style.padding];
    };
    expect(look(accept)).toEqual(look(reject));
  });

  it('speaks English too, with the same parts', () => {
    const { part, root } = mount({ locale: 'en' });
    expect(part('banner-accept').textContent).toBe('Accept all');
    expect(part('banner-reject').textContent).toBe('Reject all');
    expect(part('banner-settings').textContent).toBe('Settings');
    expect(root.textContent).toContain(bannerTexts.en.analyticsSummary);
    expect(part('banner').getAttribute('lang')).toBe('en');
  });

  it('says why marketing stays off only when the browser sends Global Privacy Control', () => {
    expect(mount().root.textContent).not.toContain(bannerTexts.sv.gpcNote);
    expect(mount({ gpc: true }).root.textContent).toContain(bannerTexts.sv.gpcNote);
  });

  it('decides accept and reject with the texts shown, in order', () => {
    const { part, decide } = mount({ gpc: true });
    part('banner-accept').click();
    part('banner-reject').click();
    const texts = bannerTexts.sv;
    const shown = [
      texts.title,
      texts.intro,
      texts.analyticsName,
      texts.analyticsSummary,
      texts.marketingName,
      texts.marketingSummary,
      'Uppgifterna tas emot av webbplatsens ägare och dess leverantör av chatt och insamling.',
      texts.gpcNote,
      texts.policyLink,
      texts.accept,
      texts.reject,
      texts.settings,
      texts.dismiss,
    ];
    expect(decide.mock.calls).toEqual([
      ['accept', { analytics: true, marketing: true }, shown],
      ['reject', { analytics: false, marketing: false }, shown],
    ]);
  });

  it('hides on Escape without deciding, and comes back when asked again', () => {
    const { part, decide, layer, snapshot } = mount();
    part('banner-accept').dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }),
    );
    expect((layer.element as HTMLElement).hidden).toBe(true);
    expect(decide).not.toHaveBeenCalled();
    snapshot.set({ ...undecided });
    expect((layer.element as HTMLElement).hidden).toBe(false);
  });

  it('names on its first layer every purpose "Accept all" grants, and who receives the data', () => {
    const { part } = mount({
      locale: 'en',
      recipients: [
        { name: 'Ljungberg & Ek AB', role: 'controller' },
        { name: 'Samtal Cloud AB', country: 'Sweden' },
      ],
    });
    const text = part('banner').textContent ?? '';
    for (const shown of [
      bannerTexts.en.analyticsName,
      bannerTexts.en.analyticsSummary,
      bannerTexts.en.marketingName,
      bannerTexts.en.marketingSummary,
    ]) {
      expect(text).toContain(shown);
    }
    expect(text).toContain('The data is received by Ljungberg & Ek AB and Samtal Cloud AB.');
  });

  it('names at most four recipients on the first layer and points to Settings for the rest', () => {
    const recipients = ['A', 'B', 'C', 'D', 'E'].map((name) => ({ name: `${name} AB` }));
    const { part } = mount({ recipients });
    expect(part('banner').textContent).toContain(
      'Uppgifterna tas emot av A AB, B AB, C AB och 2 till (se Inställningar).',
    );
  });

  it('hashes the recipients it showed: they are among the texts of the decision', () => {
    const { part, decide } = mount({ recipients: [{ name: 'Samtal Cloud AB' }] });
    part('banner-reject').click();
    expect(decide.mock.calls[0]?.[2]).toContain('Uppgifterna tas emot av Samtal Cloud AB.');
  });

  it('docks in the open panel collapsed to its question, opens as a disclosure, and goes home on close', () => {
    const { part, root, home, notice, dockInPanel } = mount();
    dockInPanel(true);
    expect(notice.contains(part('banner'))).toBe(true);
    const toggle = root.querySelector<HTMLButtonElement>('.banner__toggle');
    expect(toggle?.textContent).toBe(bannerTexts.sv.title);
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    const details = root.getElementById(toggle?.getAttribute('aria-controls') ?? '');
    expect(details?.hidden).toBe(true);
    toggle?.click();
    expect(toggle?.getAttribute('aria-expanded')).toBe('true');
    expect(details?.hidden).toBe(false);
    expect(details?.contains(part('banner-accept'))).toBe(true);

    // Escape folds it back (and stops there) instead of dismissing it.
    const fold = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    part('banner-reject').dispatchEvent(fold);
    expect(fold.defaultPrevented).toBe(true);
    expect(details?.hidden).toBe(true);
    expect(root.activeElement).toBe(toggle);
    // Folded, Escape is left to the dock, which closes the panel.
    const next = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    toggle?.dispatchEvent(next);
    expect(next.defaultPrevented).toBe(false);
    expect(part('banner').hidden).toBe(false);

    dockInPanel(false);
    expect(home.contains(part('banner'))).toBe(true);
    expect(root.querySelector('.banner__toggle')).toBeNull();
    expect(details?.hidden).toBe(false);
  });

  it('after a decision in the docked banner, puts focus back into the panel', () => {
    const { part, root, dockInPanel, focusPanel, focusAfterDecision, decide } = mount();
    dockInPanel(true);
    root.querySelector<HTMLButtonElement>('.banner__toggle')?.click();
    part('banner-accept').focus();
    part('banner-accept').click();
    expect(decide).toHaveBeenCalledOnce();
    expect(focusPanel).toHaveBeenCalledOnce();
    expect(focusAfterDecision).not.toHaveBeenCalled();
  });

  it('hides once a decision is in force', () => {
    const { layer, snapshot } = mount();
    snapshot.set({ ...undecided, status: 'decided', method: 'reject', id: 'x', decidedAt: 'y' });
    expect((layer.element as HTMLElement).hidden).toBe(true);
  });
});

describe('consent preferences', () => {
  async function openPreferences(locale: 'sv' | 'en' = 'sv') {
    const mounted = mount({ locale });
    mounted.part('banner-settings').click();
    await settle();
    return { ...mounted, dialog: mounted.part('preferences') };
  }

  it('is a modal dialog named by its title, with focus moved inside', async () => {
    const { dialog, root } = await openPreferences();
    expect(dialog.getAttribute('role')).toBe('dialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(root.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent).toBe(
      preferencesTexts.sv.title,
    );
    expect(dialog.contains(root.activeElement)).toBe(true);
  });

  it('shows necessary as always on and a switch per optional purpose, none switched on', async () => {
    const { dialog, root } = await openPreferences();
    expect(dialog.textContent).toContain(preferencesTexts.sv.necessaryState);
    const switches = [...dialog.querySelectorAll('[role="switch"]')];
    expect(switches.map((element) => element.getAttribute('aria-checked'))).toEqual([
      'false',
      'false',
    ]);
    const names = switches.map(
      (element) => root.getElementById(element.getAttribute('aria-labelledby') ?? '')?.textContent,
    );
    expect(names).toEqual(['Statistik', 'Marknadsföring']);
    for (const element of switches) {
      const description = root.getElementById(element.getAttribute('aria-describedby') ?? '');
      expect(description?.textContent).toMatch(/Sparas .*Mottagare/);
    }
  });

  it('says which purposes need no consent and what they cover, without a switch', async () => {
    const { dialog, root } = await openPreferences('en');
    for (const key of ['abuse', 'legal']) {
      const name = root.getElementById(`samtal-purpose-${key}`);
      const item = name?.closest('li');
      expect(item?.textContent).toContain(preferencesTexts.en.noConsentState);
      expect(item?.querySelector('[role="switch"]')).toBeNull();
    }
    expect(dialog.textContent).toContain(preferencesTexts.en.abuseDescription);
    expect(dialog.textContent).toContain(preferencesTexts.en.legalDescription);
  });

  it("lists the site's recipients and hashes them with the choice", async () => {
    const mounted = mount({
      locale: 'en',
      recipients: [
        { name: 'Ljungberg & Ek AB', role: 'controller', country: 'Sweden' },
        { name: 'Samtal Cloud AB', role: 'runs the collector' },
      ],
    });
    mounted.part('banner-settings').click();
    await settle();
    const dialog = mounted.part('preferences');
    expect(dialog.textContent).toContain(preferencesTexts.en.recipientsHeading);
    expect(dialog.textContent).toContain('Ljungberg & Ek AB – controller (Sweden)');
    expect(dialog.textContent).toContain('Samtal Cloud AB – runs the collector');
    [...dialog.querySelectorAll('button')].at(-1)?.click();
    const shown = mounted.decide.mock.calls[0]?.[2];
    expect(shown).toEqual(
      expect.arrayContaining([
        'The data is received by Ljungberg & Ek AB and Samtal Cloud AB.',
        'Ljungberg & Ek AB – controller (Sweden)',
        'Samtal Cloud AB – runs the collector',
        preferencesTexts.en.abuseDescription,
        preferencesTexts.en.legalDescription,
      ]),
    );
  });

  it('keeps Tab inside the dialog', async () => {
    const { dialog, root } = await openPreferences();
    const buttons = [...dialog.querySelectorAll('button')];
    const first = buttons[0];
    const last = buttons.at(-1);
    last?.focus();
    last?.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true }),
    );
    expect(root.activeElement).toBe(first);
    first?.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Tab', shiftKey: true, bubbles: true, cancelable: true }),
    );
    expect(root.activeElement).toBe(last);
  });

  it('closes on Escape without deciding and returns focus to Settings', async () => {
    const { dialog, part, root, decide } = await openPreferences();
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(root.querySelector('[part="preferences"]')).toBeNull();
    expect(part('banner').hidden).toBe(false);
    expect(root.activeElement).toBe(part('banner-settings'));
    expect(decide).not.toHaveBeenCalled();
  });

  it('saves the switched purposes as a custom choice with the banner and preference texts', async () => {
    const { dialog, decide, focusAfterDecision } = await openPreferences('en');
    const marketing = dialog.querySelector<HTMLElement>('[name="marketing"]');
    marketing?.click();
    expect(marketing?.getAttribute('aria-checked')).toBe('true');
    const save = [...dialog.querySelectorAll('button')].at(-1);
    save?.focus();
    save?.click();
    const [method, choice, shown] = decide.mock.calls[0] ?? [];
    expect([method, choice]).toEqual(['custom', { analytics: false, marketing: true }]);
    expect(shown).toEqual(expect.arrayContaining([bannerTexts.en.title, preferencesTexts.en.save]));
    // The banner that held focus is gone: focus goes where the widget says, not to the page's body.
    expect(focusAfterDecision).toHaveBeenCalledTimes(1);
  });
});
