/**
 * Counts the time a page was actually visible. A tab in the background is
 * not being read, so its time must not count as engagement; the clock is
 * paused while hidden and handed out in slices each time it is reported.
 * Pure: the caller says when visibility changes and passes a monotonic clock.
 */

export interface VisibleClock {
  show(): void;
  hide(): void;
  /** Visible milliseconds since the last take, then starts a new slice. */
  take(): number;
  /** Forgets the current slice: a new page begins (SPA navigation, bfcache restore). */
  restart(visible: boolean): void;
}

export function createVisibleClock(now: () => number, visible: boolean): VisibleClock {
  let visibleSince: number | null = visible ? now() : null;
  let counted = 0;

  function pause(): void {
    if (visibleSince === null) return;
    counted += Math.max(0, now() - visibleSince);
    visibleSince = null;
  }

  return {
    show() {
      if (visibleSince === null) visibleSince = now();
    },
    hide: pause,
    take() {
      const wasVisible = visibleSince !== null;
      pause();
      const total = Math.round(counted);
      counted = 0;
      if (wasVisible) visibleSince = now();
      return total;
    },
    restart(isVisible) {
      counted = 0;
      visibleSince = isVisible ? now() : null;
    },
  };
}
