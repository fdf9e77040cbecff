/**
 * The consent banner's first layer (part `banner`): plain DOM, in a small
 * chunk that loads only while the visitor has not decided. "Accept all" and
 * "Reject all" share one class, so they cannot differ in size, weight or
 * colour. It sits in the dock beside the chat and blocks nothing; "Not now"
 * or Escape hides it without a choice, which counts as no consent and asks
 * again on the next page.
 */
import type { ConsentChoice, ConsentSnapshot } from '../../api/samtal-api';
import type { VisitorConsentMethod } from '../../consent/consent-service';
import { bannerTexts } from '../../i18n/banner-texts';
import type { Locale } from '../../protocol/common';
import type { Observable } from '../../state/create-observable';
import { adoptStyles } from '../adopt-styles';
import { createElement } from '../create-element';
import type { DockLayer } from '../mount-widget';
import css from './banner.css?inline';
import type { OpenPreferences } from './open-consent-preferences';

export interface ConsentBannerOptions {
  /** The shadow root the banner's styles are adopted into. */
  root: ShadowRoot;
  locale: Locale;
  policyUrl: string | undefined;
  snapshot: Observable<ConsentSnapshot>;
  decide(method: VisitorConsentMethod, choice: ConsentChoice, shownTexts: readonly string[]): void;
  loadPreferences?: () => Promise<OpenPreferences>;
  /** Where focus goes when a decision removes the banner that held it. */
  focusAfterDecision(): void;
}

const titleId = 'samtal-banner-title';

export function createConsentBanner(options: ConsentBannerOptions): DockLayer {
  const { root, locale, policyUrl, snapshot, decide } = options;
  const loadPreferences =
    options.loadPreferences ??
    (() => import('./open-consent-preferences').then((m) => m.openConsentPreferences));
  const texts = bannerTexts[locale];
  const removeStyles = adoptStyles(root, css);
  const gpc = snapshot.get().globalPrivacyControl;
  let dismissed = false;
  let preferences: { close(): void } | null = null;

  // The texts on screen, in the order shown: what the receipt's textHash proves.
  const shownTexts = [
    texts.title,
    texts.body,
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
    decide(method, choice, shown);
    if (hadFocus) options.focusAfterDecision();
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

  const banner = createElement(
    'section',
    {
      part: 'banner',
      class: 'banner',
      'aria-labelledby': titleId,
      lang: locale,
      onkeydown: (event) => {
        if ((event as KeyboardEvent).key !== 'Escape') return;
        // Handled here: the dock must not also close the panel.
        event.preventDefault();
        dismiss();
      },
    },
    // Only the text scrolls when it does not fit (large text, a short screen): the choices stay in view.
    createElement(
      'div',
      { class: 'banner__text' },
      createElement('h2', { id: titleId, class: 'banner__title' }, texts.title),
      createElement('p', {}, texts.body),
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
    createElement(
      'div',
      { class: 'banner__choices' },
      createElement(
        'button',
        {
          type: 'button',
          part: 'banner-accept',
          class: 'banner__choice',
          onclick: () => choose('accept', { analytics: true, marketing: true }, shownTexts),
        },
        texts.accept,
      ),
      createElement(
        'button',
        {
          type: 'button',
          part: 'banner-reject',
          class: 'banner__choice',
          onclick: () => choose('reject', { analytics: false, marketing: false }, shownTexts),
        },
        texts.reject,
      ),
    ),
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

  const element = createElement('div', { class: 'consent-layer' }, banner);

  function render(): void {
    const undecided = snapshot.get().status === 'undecided';
    element.hidden = !undecided || (dismissed && preferences === null);
    banner.hidden = preferences !== null;
  }

  function dismiss(): void {
    const hadFocus = element.contains(root.activeElement);
    dismissed = true;
    render();
    if (hadFocus) options.focusAfterDecision();
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

  render();
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
      preferences?.close();
      element.remove();
      removeStyles();
    },
  };
}
