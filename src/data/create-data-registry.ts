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
  /** The ids the collector may hold for this feature, read before erasing, for `{collector}/erasure`. */
  erasureIds?(): Promise<ErasureIds> | ErasureIds;
}

/** Ids named in an erasure request (contract §4); each feature gives the ones it made. */
export interface ErasureIds {
  visitorId?: string | null;
  consentIds?: string[];
  leadIds?: string[];
  conversationIds?: string[];
}

export interface DataRegistry {
  register(name: string, section: DataSection): () => void;
  exportAll(): Promise<Record<string, unknown>>;
  eraseAll(): Promise<void>;
  /** Every section's ids, merged and without duplicates. */
  erasureIds(): Promise<{
    visitorId: string | null;
    consentIds: string[];
    leadIds: string[];
    conversationIds: string[];
  }>;
}

/**
 * `prepare` registers the sections that are not there from the start; it
 * runs once, before the first export or erasure, so a page view never loads
 * their code (issue 15, item 9). A failed `prepare` is tried again next time.
 */
export function createDataRegistry(prepare: () => Promise<void> = async () => {}): DataRegistry {
  const sections = new Map<string, DataSection>();
  let prepared: Promise<void> | null = null;
  const ready = () => {
    if (prepared === null) {
      prepared = prepare();
      prepared.catch(() => {
        prepared = null;
      });
    }
    return prepared;
  };
  return {
    register(name, section) {
      sections.set(name, section);
      return () => {
        if (sections.get(name) === section) sections.delete(name);
      };
    },
    async exportAll() {
      await ready();
      const result: Record<string, unknown> = {};
      for (const [name, section] of sections) result[name] = await section.export();
      return result;
    },
    async eraseAll() {
      await ready();
      // Every section is erased even if one fails; the first failure is reported after.
      // Not Promise.allSettled: an old Promise polyfill on the host page lacks it.
      const outcomes = [...sections.values()].map((section) =>
        (async () => section.erase())().then(
          () => null,
          (reason: unknown) => ({ reason }),
        ),
      );
      let failure: { reason: unknown } | null = null;
      for (const outcome of outcomes) failure ??= await outcome;
      if (failure) throw failure.reason;
    },
    async erasureIds() {
      await ready();
      let visitorId: string | null = null;
      const consentIds = new Set<string>();
      const leadIds = new Set<string>();
      const conversationIds = new Set<string>();
      for (const section of sections.values()) {
        const ids = (await section.erasureIds?.()) ?? {};
        visitorId = ids.visitorId ?? visitorId;
        for (const id of ids.consentIds ?? []) consentIds.add(id);
        for (const id of ids.leadIds ?? []) leadIds.add(id);
        for (const id of ids.conversationIds ?? []) conversationIds.add(id);
      }
      return {
        visitorId,
        consentIds: [...consentIds],
        leadIds: [...leadIds],
        conversationIds: [...conversationIds],
      };
    },
  };
}
