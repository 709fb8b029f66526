// Which accounts the admin has picked for a bulk action: by click, ctrl-click, shift-click
// ranges, Space, or every account the search and filters match. Kept by account id, so it
// survives scrolling, sorting and new searches.
import { useCallback, useMemo, useState } from "react";

import { useBackend } from "../backend/BackendContext";
import type { AccountSearch } from "./useAccountRows";

export interface Selection {
  ids: ReadonlySet<string>;
  has(id: string): boolean;
  toggle(id: string, index: number): void;
  /** From the last toggled row to `index`, in the list's order. */
  extendTo(index: number): Promise<void>;
  selectAllMatching(): Promise<void>;
  clear(): void;
  busy: boolean;
}

export function useSelection(search: AccountSearch): Selection {
  const backend = useBackend();
  const [ids, setIds] = useState<ReadonlySet<string>>(() => new Set());
  const [anchor, setAnchor] = useState(0);
  const [busy, setBusy] = useState(false);

  const toggle = useCallback((id: string, index: number) => {
    setIds((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
    setAnchor(index);
  }, []);

  const add = useCallback(async (offset: number, limit: number) => {
    setBusy(true);
    try {
      const found = await backend.matchingAccountIds({ ...search, offset, limit });
      setIds((current) => new Set([...current, ...found]));
    } finally {
      setBusy(false);
    }
  }, [backend, search]);

  const extendTo = useCallback(async (index: number) => {
    const from = Math.min(anchor, index);
    await add(from, Math.abs(index - anchor) + 1);
  }, [add, anchor]);

  const selectAllMatching = useCallback(() => add(0, 0), [add]);
  const clear = useCallback(() => setIds(new Set()), []);

  return useMemo(
    () => ({ ids, has: (id: string) => ids.has(id), toggle, extendTo, selectAllMatching, clear, busy }),
    [ids, toggle, extendTo, selectAllMatching, clear, busy],
  );
}
