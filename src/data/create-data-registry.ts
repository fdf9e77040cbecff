/**
 * The visitor's right of access and erasure, across features: each feature
 * that keeps something about the visitor registers how to export it and how
 * to erase it, so `Samtal.data.export()` and `.erase()` cannot forget one.
 */

/** One feature's local data. */
export interface DataSection {
  /** Everything this feature holds, as plain JSON. */
  export(): Promise<unknown> | unknown;
  /** Remove every trace of it. */
  erase(): Promise<void> | void;
}

export interface DataRegistry {
  register(name: string, section: DataSection): () => void;
  exportAll(): Promise<Record<string, unknown>>;
  eraseAll(): Promise<void>;
}

export function createDataRegistry(): DataRegistry {
  const sections = new Map<string, DataSection>();
  return {
    register(name, section) {
      sections.set(name, section);
      return () => {
        if (sections.get(name) === section) sections.delete(name);
      };
    },
    async exportAll() {
      const result: Record<string, unknown> = {};
      for (const [name, section] of sections) result[name] = await section.export();
      return result;
    },
    async eraseAll() {
      // Every section is erased even if one fails; the first failure is reported after.
      const outcomes = await Promise.allSettled(
        [...sections.values()].map((section) => section.erase()),
      );
      const failure = outcomes.find((outcome) => outcome.status === 'rejected');
      if (failure && failure.status === 'rejected') throw failure.reason;
    },
  };
}
