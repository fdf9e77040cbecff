/**
 * Puts `<samtal-chat>` on the page: appended to `body`, an open shadow root,
 * styles adopted as constructable stylesheets (allowed under a strict CSP),
 * and one dock in the page's corner that stacks the panel, the consent banner
 * and the launcher, so none of them can ever cover another.
 */
import { coreTexts } from '../i18n/core-texts';
import { adoptStyles } from './adopt-styles';
import { createElement } from './create-element';
import { createLauncher } from './launcher';
import type { PanelMount } from './panel/load-panel';
import { panelId } from './panel/panel-id';
import baseCss from './styles/base.css?inline';
import launcherCss from './styles/launcher.css?inline';
import type { WidgetContext } from './widget-context';

/** The custom element's tag name (contract §2). */
export const elementName = 'samtal-chat';

/** Creates the host element and its styled shadow root, and appends it to `body`. */
export function createHost(
  document: Document,
  zIndex: number,
): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement(elementName);
  const root = host.attachShadow({ mode: 'open' });
  // The configured z-index as a sheet, not a style attribute: a strict CSP allows sheets.
  adoptStyles(root, baseCss, launcherCss, `:host { --samtal-z: ${Math.trunc(zIndex)}; }`);
  document.body.append(host);
  return { host, root };
}

/** Extra layers (the consent banner) that sit between the panel and the launcher. */
export interface DockLayer {
  element: Element;
  dispose(): void;
}

export interface MountOptions {
  loadPanel(): Promise<PanelMount>;
  layers: DockLayer[];
}

/** Renders the dock into the shadow root; returns the unmount. */
export function mountWidget(
  context: WidgetContext,
  { loadPanel, layers }: MountOptions,
): () => void {
  const { config, ui, root, emitter } = context;
  const texts = coreTexts[config.locale];
  const panelSlot = createElement('div', { class: 'dock__panel' });
  let unmountPanel: (() => void) | null = null;
  let disposed = false;

  const requestClose = () => {
    ui.set((state) => ({ ...state, open: false }));
  };

  const fetchPanel = () => {
    loadPanel().then(
      (mountPanel) => {
        if (disposed || unmountPanel !== null) return;
        unmountPanel = mountPanel(panelSlot, context, requestClose);
      },
      () => {
        if (ui.get().open) ui.set((state) => ({ ...state, open: false }));
        emitter.emit('error', {
          code: 'chunk-load-failed',
          message: 'The chat panel could not be loaded.',
        });
      },
    );
  };

  const launcher = createLauncher({
    texts,
    panelId,
    onToggle: () => ui.set((state) => ({ ...state, open: !state.open })),
    onIntent: fetchPanel,
  });

  const dock = createElement(
    'div',
    {
      class: config.placement === 'bottom-left' ? 'dock dock--start' : 'dock',
      // Escape closes the panel from anywhere in the widget, the launcher included. Parts with
      // their own use of Escape (the menu, the consent settings) handle it first and stop it.
      onkeydown: (event) => {
        if ((event as KeyboardEvent).key !== 'Escape' || event.defaultPrevented) return;
        if (ui.get().open) {
          event.preventDefault();
          requestClose();
        }
      },
    },
    panelSlot,
    ...layers.map((layer) => layer.element),
    launcher.element,
  );
  root.append(dock);

  let wasOpen = ui.get().open;
  launcher.update(ui.get());
  const unsubscribe = ui.subscribe((state) => {
    launcher.update(state);
    if (state.open && !wasOpen) fetchPanel();
    wasOpen = state.open;
  });
  if (wasOpen) fetchPanel();

  return () => {
    disposed = true;
    unsubscribe();
    unmountPanel?.();
    for (const layer of layers) layer.dispose();
    dock.remove();
  };
}
