/** The round button that opens and closes the chat (part `launcher`). */
import { formatText } from '../i18n/define-texts';
import { createElement, createIcon, icons, setProps } from './create-element';
import type { UiState } from './widget-context';

export interface LauncherOptions {
  texts: { launcherOpen: string; launcherClose: string; unread: string };
  panelId: string;
  onToggle(): void;
  /** The visitor shows intent (pointer over, focus): time to fetch the panel. */
  onIntent(): void;
}

export interface Launcher {
  element: HTMLButtonElement;
  update(state: UiState): void;
}

export function createLauncher({ texts, panelId, onToggle, onIntent }: LauncherOptions): Launcher {
  const chatIcon = createIcon(icons.chat);
  const closeIcon = createIcon(icons.close);
  const badge = createElement('span', { class: 'launcher__badge', 'aria-hidden': 'true' });
  const element = createElement('button', {
    type: 'button',
    part: 'launcher',
    class: 'launcher',
    onclick: onToggle,
    onpointerenter: onIntent,
    onfocus: onIntent,
  });
  return {
    element,
    update({ open, unread }) {
      const label = open ? texts.launcherClose : texts.launcherOpen;
      const showBadge = !open && unread > 0;
      setProps(element, {
        'aria-label': showBadge
          ? `${label}, ${formatText(texts.unread, { count: unread })}`
          : label,
        'aria-expanded': String(open),
        'aria-controls': open ? panelId : null,
      });
      badge.textContent = unread > 9 ? '9+' : String(unread);
      element.replaceChildren(open ? closeIcon : chatIcon, ...(showBadge ? [badge] : []));
    },
  };
}
