/**
 * The consent banner's first layer (part `banner`): plain DOM, in a small
 * chunk that loads only while the visitor has not decided. It names every
 * purpose "Accept all" grants and who receives the data, so a yes is an
 * informed one. "Accept all" and "Reject all" share one class and one row
 * that stacks both at once when either label would wrap, so they never
 * differ in size, weight or colour. It blocks nothing: "Not now" or Escape
 * hides it without a choice, which counts as no consent and asks again on the
 * next page.
 *
 * With the panel closed it stands in the dock above the launcher. While the
 * panel is open it docks inside the panel, under its header, collapsed to its
 * question (a disclosure that opens the whole first layer), so the panel keeps
 * its size, nothing jumps when the visitor decides, and on a phone the
 * full-screen panel cannot hide it.
 */
import type { ConsentChoice, ConsentSnapshot } from '../../api/samtal-api';
import type { Recipient } from '../../config/config-schema';
import type { VisitorConsentMethod } from '../../consent/consent-service';
import { bannerTexts } from '../../i18n/banner-texts';
import { formatList, formatText } from '../../i18n/define-texts';
import type { Locale } from '../../protocol/common';
import type { Observable } from '../../state/create-observable';
import { adoptStyles } from '../adopt-styles';
import { createElement, createIcon } from '../create-element';
import type { DockLayer } from '../mount-widget';
import type { PanelNoticeHost } from '../widget-context';
import css from './banner.css?inline';
import type { OpenPreferences } from './open-consent-preferences';

export interface ConsentBannerOptions {
  /** The shadow root the banner's styles are adopted into. */
  root: ShadowRoot;
  /** The banner's place in the dock while the panel is closed. */
  home: Element;
  /** The open panel's notice slot, where the banner docks. */
  panelNotice: Observable<PanelNoticeHost | null>;
  locale: Locale;
  policyUrl: string | undefined;
  recipients: readonly Recipient[];
  snapshot: Observable<ConsentSnapshot>;
  decide(method: VisitorConsentMethod, choice: ConsentChoice, shownTexts: readonly string[]): void;
  loadPreferences?: () => Promise<OpenPreferences>;
  /** Where focus goes when a decision removes the standing banner that held it. */
  focusAfterDecision(): void;
}

const titleId = 'samtal-banner-title';
const detailsId = 'samtal-banner-details';
/** Names shown on the first layer before "and N more". */
const recipientsShown = 3;

const chevronIcon = 'M7.41 8.59 12 13.17l4.59-4.58L18 10l-6 6-6-6 1.41-1.41z';

/** "Received by …": the configured names, or a description when the site named none. */
function recipientsText(locale: Locale, recipients: readonly Recipient[]): string {
  const texts = bannerTexts[locale];
  const names = recipients.map((recipient) => recipient.name);
  const named =
    names.length === 0
      ? texts.recipientsDefault
      : names.length <= recipientsShown + 1
        ? formatList(locale, names)
        : formatText(texts.recipientsMore, {
            names: names.slice(0, recipientsShown).join(', '),
            count: names.length - recipientsShown,
          });
  return formatText(texts.recipients, { recipients: named });
}

/**
 * Looks up the banner's two fonts (weights 400 and 600) by drawing two
 * letters of each on a canvas that is never shown. The first text a page
 * draws in a font makes Chromium find the font over IPC and build its shaper,
 * synchronously; in the banner's first frame that made a long task on a slow
 * phone. Called in the task that loaded the chunk, a task before the banner
 * is built (README, "Long tasks"). `home`: an element of the widget, for the
 * family and size a site may set (--samtal-font). No canvas: does nothing.
 */
export function warmBannerFonts(home: Element): void {
  const context = home.ownerDocument.createElement('canvas').getContext('2d');
  if (!context) return;
  const { fontFamily, fontSize } = getComputedStyle(home);
  for (const weight of ['400', '600']) {
    context.font = `${weight} ${fontSize} ${fontFamily}`;
    context.measureText('Åg');
  }
}

export function createConsentBanner(options: ConsentBannerOptions): DockLayer {
  const { root, home, panelNotice, locale, policyUrl, snapshot, decide } = options;
  const loadPreferences =
    options.loadPreferences ??
    (() => import('./open-consent-preferences').then((m) => m.openConsentPreferences));
  const texts = bannerTexts[locale];
  const removeStyles = adoptStyles(root, css);
  const gpc = snapshot.get().globalPrivacyControl;
  const recipients = recipientsText(locale, options.recipients);
  let dismissed = false;
  let preferences: { close(): void } | null = null;
  let dock: PanelNoticeHost | null = null;
  let expanded = false;

  // The texts on screen, in the order shown: what the receipt's textHash proves.
  const shownTexts = [
    texts.title,
    texts.intro,
    texts.analyticsName,
    texts.analyticsSummary,
    texts.marketingName,
    texts.marketingSummary,
    recipients,
    ...(gpc ? [texts.gpcNote] : []),
    ...(policyUrl ? [texts.policyLink] : []),
    texts.accept,
    texts.reject,
    texts.settings,
    texts.dismiss,
  ];

  const choose = (
    method: VisitorConsentMethod,
    choice: ConsentChoice,
    shown: readonly string[],
  ) => {
    const hadFocus = element.contains(root.activeElement);
    const docked = dock;
    decide(method, choice, shown);
    if (hadFocus) returnFocus(docked);
  };

  const returnFocus = (docked: PanelNoticeHost | null) => {
    if (docked) docked.focusPanel();
    else options.focusAfterDecision();
  };

  const settingsButton = createElement(
    'button',
    {
      type: 'button',
      part: 'banner-settings',
      class: 'banner__link',
      'aria-haspopup': 'dialog',
      onclick: () => openPreferences(),
    },
    texts.settings,
  );

  const choice = (name: 'accept' | 'reject', label: string, onclick: () => void) =>
    createElement(
      'button',
      { type: 'button', part: `banner-${name}`, class: 'banner__choice', onclick },
      createElement('span', { class: 'banner__label' }, label),
    );
  const accept = choice('accept', texts.accept, () =>
    choose('accept', { analytics: true, marketing: true }, shownTexts),
  );
  const reject = choice('reject', texts.reject, () =>
    choose('reject', { analytics: false, marketing: false }, shownTexts),
  );
  const choices = createElement('div', { class: 'banner__choices' }, accept, reject);

  const toggle = createElement(
    'button',
    {
      type: 'button',
      class: 'banner__toggle',
      'aria-controls': detailsId,
      onclick: () => {
        expanded = !expanded;
        render();
      },
    },
    createElement('span', {}, texts.title),
    createIcon(chevronIcon),
  );
  const title = createElement('h2', { id: titleId, class: 'banner__title' });

  const purpose = (name: string, summary: string) =>
    createElement('li', {}, createElement('strong', {}, name), ': ', summary);

  const details = createElement(
    'div',
    { id: detailsId, class: 'banner__details' },
    // Only the text scrolls when it does not fit (large text, a short screen): the choices stay in view.
    createElement(
      'div',
      { class: 'banner__text scroll-cue' },
      createElement('p', {}, texts.intro),
      createElement(
        'ul',
        { class: 'banner__purposes' },
        purpose(texts.analyticsName, texts.analyticsSummary),
        purpose(texts.marketingName, texts.marketingSummary),
      ),
      createElement('p', {}, recipients),
      gpc && createElement('p', {}, texts.gpcNote),
      policyUrl &&
        createElement(
          'p',
          {},
          createElement(
            'a',
            { href: policyUrl, target: '_blank', rel: 'noopener noreferrer' },
            texts.policyLink,
          ),
        ),
    ),
    choices,
    createElement(
      'div',
      { class: 'banner__more' },
      settingsButton,
      createElement(
        'button',
        { type: 'button', class: 'banner__link', onclick: () => dismiss() },
        texts.dismiss,
      ),
    ),
  );

  const banner = createElement(
    'section',
    {
      part: 'banner',
      class: 'banner',
      'aria-labelledby': titleId,
      lang: locale,
      onkeydown: (event) => {
        if ((event as KeyboardEvent).key !== 'Escape') return;
        if (dock && !expanded) return; // Collapsed in the panel: Escape closes the panel.
        // Handled here: the dock must not also close the panel.
        event.preventDefault();
        if (dock) {
          expanded = false;
          render();
          toggle.focus();
        } else dismiss();
      },
    },
    title,
    details,
  );

  const element = createElement('div', { class: 'consent-layer' }, banner);

  function render(): void {
    const undecided = snapshot.get().status === 'undecided';
    element.hidden = !undecided || (dismissed && preferences === null);
    banner.hidden = preferences !== null;
    banner.classList.toggle('banner--docked', dock !== null);
    toggle.setAttribute('aria-expanded', String(expanded));
    if (dock) {
      if (title.firstChild !== toggle) title.replaceChildren(toggle);
    } else if (title.firstChild === toggle || title.firstChild === null) {
      title.replaceChildren(texts.title);
    }
    details.hidden = dock !== null && !expanded;
  }

  /** Moves the banner between the dock and the open panel. */
  function place(host: PanelNoticeHost | null): void {
    dock = host;
    expanded = false;
    (host?.slot ?? home).append(element);
    render();
  }

  function dismiss(): void {
    const hadFocus = element.contains(root.activeElement);
    const docked = dock;
    dismissed = true;
    render();
    if (hadFocus) returnFocus(docked);
  }

  function openPreferences(): void {
    if (preferences !== null) return;
    loadPreferences().then(
      (open) => {
        if (preferences !== null || element.hidden) return;
        preferences = open({
          container: element,
          locale,
          shownTexts,
          recipients: options.recipients,
          onSave: (choice, shown) => {
            preferences = null;
            choose('custom', choice, shown);
            render();
          },
          onClose: () => {
            preferences = null;
            render();
            settingsButton.focus();
          },
        });
        render();
      },
      () => {
        // The preferences chunk failed to load: the banner's own buttons still work.
      },
    );
  }

  // Side by side only while both labels fit on one line; otherwise both stack, full width.
  let measuredWidth = -1;
  const fitChoices = () => {
    const width = choices.clientWidth;
    if (width === measuredWidth || width === 0) return;
    measuredWidth = width;
    choices.classList.remove('banner__choices--stacked');
    const wraps = [accept, reject].some(({ firstElementChild: label }) =>
      label ? label.scrollWidth > label.clientWidth : false,
    );
    choices.classList.toggle('banner__choices--stacked', wraps);
  };
  const refit = () => {
    measuredWidth = -1;
    fitChoices();
  };
  const resizes = typeof ResizeObserver === 'function' ? new ResizeObserver(fitChoices) : null;
  resizes?.observe(choices);
  // A web font the site sets through --samtal-font may arrive after the first measurement.
  const fonts = root.ownerDocument.fonts as FontFaceSet | undefined;
  fonts?.addEventListener?.('loadingdone', refit);

  place(panelNotice.get());
  // Style the banner in this task, which built it; its first frame then only lays it out and paints.
  getComputedStyle(element).display;
  const stopDocking = panelNotice.subscribe((host) => {
    if (host !== dock) place(host);
  });
  const unsubscribe = snapshot.subscribe((next) => {
    if (next.status === 'undecided') {
      // Asked again (reset, erasure): show the banner even if dismissed earlier on this page.
      dismissed = false;
    } else if (preferences !== null) {
      preferences.close();
      preferences = null;
    }
    render();
  });

  return {
    element,
    dispose() {
      unsubscribe();
      stopDocking();
      resizes?.disconnect();
      fonts?.removeEventListener?.('loadingdone', refit);
      preferences?.close();
      element.remove();
      removeStyles();
    },
  };
}
