/** The chat panel: parts `panel` and `close`; shown while the widget is open. */
import { useEffect, useRef } from 'preact/hooks';
import { coreTexts } from '../../i18n/core-texts';
import { useObservable } from '../use-observable';
import type { WidgetContext } from '../widget-context';
import { panelId } from './panel-id';

export interface PanelProps {
  context: WidgetContext;
  onRequestClose(): void;
}

export function Panel({ context, onRequestClose }: PanelProps) {
  const { open } = useObservable(context.ui);
  const texts = coreTexts[context.config.locale];
  const title = context.config.botName ?? texts.defaultBotName;
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <section
      id={panelId}
      part="panel"
      class="panel"
      role="dialog"
      aria-label={title}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onRequestClose();
      }}
    >
      <header class="panel__header">
        <h2 class="panel__title">{title}</h2>
        <button
          type="button"
          part="close"
          class="panel__icon-button"
          ref={closeRef}
          aria-label={texts.launcherClose}
          onClick={onRequestClose}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M18.3 5.71a1 1 0 0 0-1.41 0L12 10.59 7.11 5.7A1 1 0 0 0 5.7 7.11L10.59 12 5.7 16.89a1 1 0 1 0 1.41 1.41L12 13.41l4.89 4.89a1 1 0 0 0 1.41-1.41L13.41 12l4.89-4.89a1 1 0 0 0 0-1.4z" />
          </svg>
        </button>
      </header>
      <div class="panel__body" />
    </section>
  );
}
