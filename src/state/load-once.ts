/**
 * Wraps a loader (a lazy chunk, a service built from one) so it runs once and
 * every caller shares its promise; a failed load runs again on the next call,
 * so a network blip does not disable a feature for the rest of the page.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => {
    if (loading === null) {
      loading = load();
      loading.catch(() => {
        loading = null;
      });
    }
    return loading;
  };
}
