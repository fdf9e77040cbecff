/**
 * Loads something from the API for a view and keeps the latest answer: a
 * slower, older request never overwrites a newer one.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export type Resource<T> =
  | { state: 'loading'; data: T | null }
  | { state: 'ready'; data: T }
  | { state: 'failed'; error: unknown; data: T | null };

export function useResource<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
): Resource<T> & { reload: () => void; set: (data: T) => void } {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading', data: null });
  const generation = useRef(0);
  const [tick, setTick] = useState(0);

  // The caller names what the load depends on, as with useEffect.
  useEffect(() => {
    const mine = ++generation.current;
    setResource((previous) => ({ state: 'loading', data: previous.data }));
    load().then(
      (data) => {
        if (mine === generation.current) setResource({ state: 'ready', data });
      },
      (error: unknown) => {
        if (mine === generation.current)
          setResource((previous) => ({ state: 'failed', error, data: previous.data }));
      },
    );
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((value) => value + 1), []);
  const set = useCallback((data: T) => setResource({ state: 'ready', data }), []);
  return { ...resource, reload, set };
}
