// The rows of the account list, fetched a page at a time as the list scrolls. Each page is
// its own query, so scrolling back is instant and a new search starts from the top.
import { keepPreviousData, useQueries } from "@tanstack/react-query";
import { useMemo } from "react";

import { useBackend } from "../backend/BackendContext";
import type { Account } from "../bindings/Account";
import type { AccountQuery } from "../bindings/AccountQuery";

export const PAGE_SIZE = 200;

export type AccountSearch = Omit<AccountQuery, "offset" | "limit">;

export interface AccountRows {
  /** How many accounts match; undefined until the first page arrives. */
  total: number | undefined;
  row(index: number): Account | undefined;
  isFetching: boolean;
  error: Error | null;
}

export function useAccountRows(search: AccountSearch, visible: { start: number; end: number }): AccountRows {
  const backend = useBackend();
  const first = Math.floor(visible.start / PAGE_SIZE);
  const last = Math.max(first, Math.floor(visible.end / PAGE_SIZE));
  const pages = useMemo(() => Array.from({ length: last - first + 1 }, (_, i) => first + i), [first, last]);

  const results = useQueries({
    queries: [0, ...pages.filter((page) => page !== 0)].map((page) => ({
      queryKey: ["accounts", search, page],
      queryFn: () => backend.searchAccounts({ ...search, offset: page * PAGE_SIZE, limit: PAGE_SIZE }),
      // While a new search runs, the old rows stay on screen instead of flashing empty.
      placeholderData: page === 0 ? keepPreviousData : undefined,
      staleTime: 5_000,
    })),
  });

  const byPage = new Map<number, Account[]>();
  let total: number | undefined;
  for (const result of results) {
    if (!result.data) continue;
    total ??= result.data.total;
    byPage.set(result.data.offset / PAGE_SIZE, result.data.accounts);
  }
  return {
    total,
    row: (index) => byPage.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    isFetching: results.some((result) => result.isFetching),
    error: results.find((result) => result.error)?.error ?? null,
  };
}
