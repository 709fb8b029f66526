// Making a change to the open account. On success the page shows the account as the
// directory now has it, and the list reads the changed row; on failure nothing changed
// and the error says why.
import { useMutation, useQueryClient } from "@tanstack/react-query";

import type { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import type { Applied } from "../bindings/Applied";
import type { Change } from "../bindings/Change";
import { accountDetailsKey } from "./useAccountDetails";

export function useApplyChange(accountId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation<Applied, BackendError, Change>({
    mutationFn: (change) => backend.applyChange(accountId, change),
    onSuccess: (applied) => {
      if (applied.details) queryClient.setQueryData(accountDetailsKey(accountId), applied.details);
      // The photo may have changed with it (removed, or read back): load it again.
      queryClient.setQueryData(["photoVersion"], Date.now());
      void queryClient.invalidateQueries({ queryKey: ["accounts"], predicate: (q) => q.queryKey[1] !== "details" });
      void queryClient.invalidateQueries({ queryKey: ["activity"] });
    },
  });
}
