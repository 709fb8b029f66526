// Making a change to the open account, through the outbox. Applied at once, the page shows
// the account as the directory now has it and the list reads the changed row; queued
// (offline, or held), the page shows it pending. On a refusal nothing changed and the
// error says why.
import { type QueryClient, useMutation, useQueryClient } from "@tanstack/react-query";

import type { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import type { Change } from "../bindings/Change";
import type { Submitted } from "../bindings/Submitted";
import { PENDING_CHANGES_KEY } from "../outbox/usePendingChanges";
import { accountDetailsKey } from "./useAccountDetails";

/** What the window reads again after a change was made or queued. */
export function showSubmitted(queryClient: QueryClient, accountId: string, submitted: Submitted) {
  void queryClient.invalidateQueries({ queryKey: PENDING_CHANGES_KEY });
  if (submitted.outcome === "queued") return;
  const { applied } = submitted;
  if (applied.details) queryClient.setQueryData(accountDetailsKey(accountId), applied.details);
  // The photo may have changed with it (removed, or read back): load it again.
  queryClient.setQueryData(["photoVersion"], Date.now());
  void queryClient.invalidateQueries({ queryKey: ["accounts"], predicate: (q) => q.queryKey[1] !== "details" });
  void queryClient.invalidateQueries({ queryKey: ["activity"] });
}

export function useApplyChange(accountId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation<Submitted, BackendError, Change>({
    mutationFn: (change) => backend.applyChange(accountId, change),
    onSuccess: (submitted) => showSubmitted(queryClient, accountId, submitted),
  });
}
