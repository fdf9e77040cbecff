/**
 * The header's menu, as a disclosure: a button that shows a short list of
 * buttons. Escape or choosing an item closes it and returns focus to the
 * button; Escape here never also closes the panel.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';

export interface MenuItem {
  label: string;
  onSelect(): void;
}

export interface PanelMenuProps {
  label: string;
  items: MenuItem[];
}

export function PanelMenu({ label, items }: PanelMenuProps) {
  const [expanded, setExpanded] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const id = useId();

  useEffect(() => {
    if (expanded) list.current?.querySelector('button')?.focus();
  }, [expanded]);

  const close = (returnFocus: boolean) => {
    setExpanded(false);
    if (returnFocus) toggle.current?.focus();
  };

  const container = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && expanded) {
      event.stopPropagation();
      close(true);
    }
  };
  // Tabbing out of the menu closes it, as clicking elsewhere does.
  const onBlur = (event: FocusEvent) => {
    const next = event.relatedTarget;
    if (expanded && next instanceof Node && !container.current?.contains(next)) close(false);
  };

  return (
    <div class="menu" ref={container}>
      <button
        type="button"
        class="panel__icon-button"
        ref={toggle}
        aria-label={label}
        aria-expanded={expanded}
        aria-controls={id}
        onClick={() => setExpanded(!expanded)}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 7.5A1.75 1.75 0 1 0 12 4a1.75 1.75 0 0 0 0 3.5zm0 6.25a1.75 1.75 0 1 0 0-3.5 1.75 1.75 0 0 0 0 3.5zM12 20a1.75 1.75 0 1 0 0-3.5 1.75 1.75 0 0 0 0 3.5z" />
        </svg>
      </button>
      <ul class="menu__list" id={id} ref={list} hidden={!expanded}>
        {items.map((item) => (
          <li key={item.label}>
            <button
              type="button"
              class="menu__item"
              onKeyDown={onKeyDown}
              onBlur={onBlur}
              onClick={() => {
                close(true);
                item.onSelect();
              }}
            >
              {item.label}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
