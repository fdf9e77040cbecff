/**
 * The consent preferences (part `preferences`), a lazy chunk opened from the
 * banner's Settings: `necessary` shown as always on, one switch per optional
 * purpose saying what it collects, for how long and who receives it, none
 * switched on at first; the two purposes that need no consent (preventing
 * abuse, legal duties) and what they cover; and the site's recipients. A
 * dialog: focus moves in, Tab stays inside, Escape closes, and the opener
 * gets focus back (the banner does that in `onClose`). Its header and Save
 * stay in view and only the middle scrolls, with a shadow at the edge that
 * says there is more.
 */
import type { ConsentChoice } from '../../api/samtal-api';
import type { Recipient } from '../../config/config-schema';
import { preferencesTexts } from '../../i18n/preferences-texts';
import type { Locale } from '../../protocol/common';
import { adoptStyles } from '../adopt-styles';
import { createElement, createIcon, icons } from '../create-element';
import { trapFocus } from '../focus/trap-focus';
import css from './preferences.css?inline';

/** Opens the preferences in `container`; the lazy chunk's entry. */
export type OpenPreferences = (options: {
  container: Element;
  locale: Locale;
  /** Texts already on screen, to which the preferences add their own for the receipt. */
  shownTexts: readonly string[];
  /** The site's recipients and sub-processors (`data-recipients`). */
  recipients: readonly Recipient[];
  onSave(choice: ConsentChoice, shownTexts: readonly string[]): void;
  /** Closed without saving (Escape, the close button). */
  onClose(): void;
}) => { close(): void };

const titleId = 'samtal-preferences-title';
const introId = 'samtal-preferences-intro';

function createSwitch(name: string, labelId: string, descriptionId: string): HTMLButtonElement {
  const element = createElement('button', {
    type: 'button',
    role: 'switch',
    class: 'switch',
    name,
    'aria-checked': 'false',
    'aria-labelledby': labelId,
    'aria-describedby': descriptionId,
    onclick: () => {
      element.setAttribute(
        'aria-checked',
        element.getAttribute('aria-checked') === 'true' ? 'false' : 'true',
      );
    },
  });
  return element;
}

function purpose(key: string, name: string, control: Node, description: string): HTMLLIElement {
  return createElement(
    'li',
    { class: 'purpose' },
    createElement(
      'div',
      { class: 'purpose__head' },
      createElement('h3', { id: `samtal-purpose-${key}` }, name),
      control,
    ),
    createElement('p', { id: `samtal-purpose-${key}-description` }, description),
  );
}

/** Opens the preferences inside `container`; see {@link OpenPreferences}. */
export const openConsentPreferences: OpenPreferences = ({
  container,
  locale,
  shownTexts,
  recipients,
  onSave,
  onClose,
}) => {
  const texts = preferencesTexts[locale];
  const root = container.getRootNode();
  const removeStyles = root instanceof ShadowRoot ? adoptStyles(root, css) : () => {};
  const analytics = createSwitch(
    'analytics',
    'samtal-purpose-analytics',
    'samtal-purpose-analytics-description',
  );
  const marketing = createSwitch(
    'marketing',
    'samtal-purpose-marketing',
    'samtal-purpose-marketing-description',
  );
  const closeButton = createElement(
    'button',
    {
      type: 'button',
      class: 'preferences__close',
      'aria-label': texts.close,
      onclick: () => cancel(),
    },
    createIcon(icons.close),
  );
  const saveButton = createElement(
    'button',
    {
      type: 'button',
      class: 'preferences__save',
      onclick: () => {
        const choice = {
          analytics: analytics.getAttribute('aria-checked') === 'true',
          marketing: marketing.getAttribute('aria-checked') === 'true',
        };
        // Saved while focus is still inside, so the banner can move it before the dialog goes.
        onSave(choice, [...shownTexts, ...ownTexts]);
        close();
      },
    },
    texts.save,
  );
  // "Name – role (country)": the rest after the name, as shown.
  const recipientLines = recipients.map(({ name, role, country }) => ({
    name,
    rest: `${role ? ` – ${role}` : ''}${country ? ` (${country})` : ''}`,
  }));
  // In the order shown, after the banner's: what the receipt's textHash proves.
  const ownTexts = [
    texts.title,
    texts.close,
    texts.intro,
    texts.necessaryName,
    texts.necessaryState,
    texts.necessaryDescription,
    texts.analyticsName,
    texts.analyticsDescription,
    texts.marketingName,
    texts.marketingDescription,
    texts.abuseName,
    texts.noConsentState,
    texts.abuseDescription,
    texts.legalName,
    texts.noConsentState,
    texts.legalDescription,
    texts.recipientsHeading,
    ...(recipientLines.length === 0
      ? [texts.recipientsDefault]
      : recipientLines.map(({ name, rest }) => `${name}${rest}`)),
    texts.save,
  ];

  const dialog = createElement(
    'div',
    {
      part: 'preferences',
      class: 'preferences',
      role: 'dialog',
      'aria-modal': 'true',
      'aria-labelledby': titleId,
      'aria-describedby': introId,
      lang: locale,
      onkeydown: (event) => {
        const key = (event as KeyboardEvent).key;
        if (key === 'Escape') {
          event.stopPropagation();
          cancel();
        } else {
          trapFocus(event as KeyboardEvent, dialog);
        }
      },
    },
    createElement(
      'div',
      { class: 'preferences__header' },
      createElement('h2', { id: titleId }, texts.title),
      closeButton,
    ),
    createElement(
      'div',
      { class: 'preferences__content scroll-cue' },
      createElement('p', { id: introId }, texts.intro),
      createElement(
        'ul',
        { class: 'preferences__list' },
        purpose(
          'necessary',
          texts.necessaryName,
          createElement('span', {}, texts.necessaryState),
          texts.necessaryDescription,
        ),
        purpose('analytics', texts.analyticsName, analytics, texts.analyticsDescription),
        purpose('marketing', texts.marketingName, marketing, texts.marketingDescription),
        purpose(
          'abuse',
          texts.abuseName,
          createElement('span', {}, texts.noConsentState),
          texts.abuseDescription,
        ),
        purpose(
          'legal',
          texts.legalName,
          createElement('span', {}, texts.noConsentState),
          texts.legalDescription,
        ),
      ),
      createElement('h3', { class: 'preferences__recipients' }, texts.recipientsHeading),
      recipientLines.length === 0
        ? createElement('p', {}, texts.recipientsDefault)
        : createElement(
            'ul',
            { class: 'preferences__list' },
            ...recipientLines.map(({ name, rest }) =>
              createElement('li', {}, createElement('strong', {}, name), rest),
            ),
          ),
    ),
    createElement('div', { class: 'preferences__footer' }, saveButton),
  );

  function close(): void {
    dialog.remove();
    removeStyles();
  }

  function cancel(): void {
    close();
    onClose();
  }

  container.append(dialog);
  closeButton.focus();
  return { close };
};
