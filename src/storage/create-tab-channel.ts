/**
 * A BroadcastChannel to the site's other tabs that is never open while the
 * page is in the back/forward cache: closed on `pagehide`, opened again on
 * `pageshow`. Chromium evicts a cached page the moment a message reaches one
 * of its open channels (`BroadcastChannelOnMessage`), and other browsers
 * refuse to cache a page with an open channel at all. Messages sent while
 * the page was away are lost, so a restored page is told to re-read
 * (`onResume`).
 */

/** The parts of BroadcastChannel used here. */
export type BroadcastChannelLike = Pick<BroadcastChannel, 'postMessage' | 'close' | 'onmessage'>;

/** Opens a channel by name, or null where BroadcastChannel does not exist. */
export type ChannelFactory = (name: string) => BroadcastChannelLike | null;

/** Where `pagehide` and `pageshow` are heard: the window, or null outside a browser. */
export type PageEvents = Pick<Window, 'addEventListener' | 'removeEventListener'>;

/** The browser's BroadcastChannel. */
export const openBroadcastChannel: ChannelFactory = (name) =>
  typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(name);

/** The window, outside tests and workers. */
export const pageEvents = (): PageEvents | null => (typeof window === 'undefined' ? null : window);

export interface TabChannel {
  /** Sends to every other open channel of this name; dropped while the page is hidden away. */
  post(message: unknown): void;
  /** Closes for good. */
  close(): void;
}

export interface TabChannelOptions {
  /** Each message another tab (or another channel of this tab) posted. */
  onMessage(data: unknown): void;
  /** The page came back from the back/forward cache: messages may have been missed. */
  onResume?(): void;
  page?: PageEvents | null;
  /** Defaults to the browser's BroadcastChannel, and to none outside a page (tests in Node). */
  open?: ChannelFactory | undefined;
}

export function createTabChannel(name: string, options: TabChannelOptions): TabChannel {
  const { onMessage, onResume, page = pageEvents() } = options;
  const open = options.open ?? (page ? openBroadcastChannel : () => null);
  const connect = () => {
    const opened = open(name);
    if (opened) opened.onmessage = (event) => onMessage(event.data);
    return opened;
  };
  let channel = connect();
  const hide = () => {
    channel?.close();
    channel = null;
  };
  const show = (event: PageTransitionEvent) => {
    if (!event.persisted) return;
    channel = connect();
    onResume?.();
  };
  page?.addEventListener('pagehide', hide);
  page?.addEventListener('pageshow', show);
  return {
    post: (message) => channel?.postMessage(message),
    close() {
      hide();
      page?.removeEventListener('pagehide', hide);
      page?.removeEventListener('pageshow', show);
    },
  };
}
