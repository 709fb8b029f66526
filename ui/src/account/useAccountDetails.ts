// One account's page: the cached facts at once, then a refresh from the backend each time
// the page opens. A refresh that fails leaves the cached page on screen and says why.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";

import type { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import type { AccountDetails } from "../bindings/AccountDetails";

export function accountDetailsKey(accountId: string) {
  return ["accounts", "details", accountId] as const;
}

export function useAccountDetails(accountId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const cached = useQuery<AccountDetails | null, BackendError>({
    queryKey: accountDetailsKey(accountId),
    queryFn: () => backend.accountDetails(accountId),
  });
  const refresh = useMutation<AccountDetails, BackendError>({
    mutationKey: ["refreshAccount", accountId],
    mutationFn: () => backend.refreshAccount(accountId),
    onSuccess: (details) => {
      // A change made while this refresh was on its way is newer: keep it.
      const shown = queryClient.getQueryData<AccountDetails | null>(accountDetailsKey(accountId));
      if (shown?.refreshedAt != null && details.refreshedAt != null && shown.refreshedAt > details.refreshedAt) return;
      queryClient.setQueryData(accountDetailsKey(accountId), details);
      queryClient.setQueryData(["photoVersion"], Date.now());
      // The list shows the same account: let it read the refreshed row.
      void queryClient.invalidateQueries({ queryKey: ["accounts"], predicate: (q) => q.queryKey[1] !== "details" });
    },
    onError: (error) => {
      // The directory no longer manages it: the core has dropped it from the cache.
      if (error.code === "notFound") void queryClient.invalidateQueries({ queryKey: ["accounts"] });
    },
  });

  const { mutate } = refresh;
  useEffect(() => mutate(), [accountId, mutate]);

  return { details: cached.data, readError: cached.error, refresh };
}
