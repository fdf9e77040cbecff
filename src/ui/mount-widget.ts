/**
 * Puts `<samtal-chat>` on the page: appended to `body`, an open shadow root,
 * styles adopted as constructable stylesheets (allowed under a strict CSP),
 * and one dock in the page's corner that stacks the panel, the consent banner
 * and the launcher, so none of them can ever cover another.
 */
import { coreTexts } from '../i18n/core-texts';
import { adoptStyles } from './adopt-styles';
import privacyControlCss from './consent/privacy-control.css?inline';
import { createElement } from './create-element';
import { createLauncher } from './launcher';
import type { PanelMount } from './panel/load-panel';
import { panelId } from './panel/panel-id';
import baseCss from './styles/base.css?inline';
import launcherCss from './styles/launcher.css?inline';
import { watchBottomBar } from './watch-bottom-bar';
import type { WidgetContext } from './widget-context';

/** The custom element's tag name (contract §2). */
export const elementName = 'samtal-chat';

/** The config keys that place the dock (README, "Options"). */
export interface Placement {
  zIndex: number;
  /** Pixels from the viewport's edges. */
  offset: number;
  /** Pixels from the bottom edge, when it differs. */
  offsetBottom?: number | undefined;
}

/**
 * Creates the host element and its styled shadow root, not yet on the page:
 * the boot appends it once `mountWidget` has put the launcher in it, so
 * `<samtal-chat>` is never seen empty.
 */
export function createHost(
  document: Document,
  { zIndex, offset, offsetBottom }: Placement,
): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement(elementName);
  const root = host.attachShadow({ mode: 'open' });
  // The configured placement as a sheet, not a style attribute: a strict CSP allows sheets.
  // A site's own `samtal-chat { --samtal-offset: … }` still wins: outer declarations beat :host.
  const bottom = offsetBottom === undefined ? '' : ` --samtal-offset-bottom: ${offsetBottom}px;`;
  // The privacy control's sheet too: it joins the dock a task later, styled from its first frame.
  adoptStyles(
    root,
    baseCss,
    launcherCss,
    privacyControlCss,
    `:host { --samtal-z: ${Math.trunc(zIndex)}; --samtal-offset: ${offset}px;${bottom} }`,
  );
  return { host, root };
}

/**
 * Extra layers: the consent banner sits between the panel and the launcher;
 * a `besideLauncher` layer (the privacy settings control) sits in the
 * launcher's row, so showing it never changes the height of the column.
 */
export interface DockLayer {
  element: Element;
  besideLauncher?: boolean;
  dispose(): void;
}

export interface MountOptions {
  loadPanel(): Promise<PanelMount>;
}

/** The mounted dock: layers join it later (a task of their own), and it unmounts with them. */
export interface MountedWidget {
  /** Puts `layers` in their places: above the launcher's row, or in it (`besideLauncher`). */
  addLayers(layers: readonly DockLayer[]): void;
  unmount(): void;
}

/** Renders the dock with the launcher into the shadow root. */
export function mountWidget(context: WidgetContext, { loadPanel }: MountOptions): MountedWidget {
  const { config, ui, root, emitter } = context;
  const texts = coreTexts[config.locale];
  const panelSlot = createElement('div', { class: 'dock__panel' });
  const layers: DockLayer[] = [];
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
      (error) => {
        // Fetched on intent (pointer over, focus), the panel may be retried when the visitor
        // opens it: only a failed open is reported, once, with the cause (a fetch that failed,
        // or the chunk throwing as it starts), and the launcher does not stay open.
        if (!ui.get().open) return;
        requestClose();
        emitter.emit('error', {
          code: 'chunk-load-failed',
          message: `The chat panel could not start: ${String(error)}`,
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

  const controls = createElement('div', { class: 'dock__controls' }, launcher.element);
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
    controls,
  );
  root.append(dock);
  const stopWatchingBar = watchBottomBar(root.host, root, dock);

  let wasOpen = ui.get().open;
  launcher.update(ui.get());
  const unsubscribe = ui.subscribe((state) => {
    launcher.update(state);
    if (state.open && !wasOpen) fetchPanel();
    wasOpen = state.open;
  });
  if (wasOpen) fetchPanel();

  return {
    addLayers(added) {
      layers.push(...added);
      for (const layer of added) {
        // The launcher stays its row's last item (first with dock--start's row-reverse): it never moves.
        (layer.besideLauncher ? launcher.element : controls).before(layer.element);
      }
    },
    unmount() {
      disposed = true;
      stopWatchingBar();
      unsubscribe();
      unmountPanel?.();
      for (const layer of layers.splice(0)) layer.dispose();
      dock.remove();
    },
  };
}
