// The outbox as the UI sees it: every change not applied yet, and the admin's decisions
// about one. Each decision reads the outbox again, and the pages that show pending marks.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import type { Change } from "../bindings/Change";
import type { PendingChange } from "../bindings/PendingChange";

export const PENDING_CHANGES_KEY = ["pendingChanges"] as const;

export function usePendingChanges() {
  const backend = useBackend();
  return useQuery<PendingChange[], BackendError>({
    queryKey: PENDING_CHANGES_KEY,
    queryFn: () => backend.pendingChanges(),
  });
}

/** The open changes to one account, oldest first. */
export function usePendingChangesOf(accountId: string): PendingChange[] {
  return (usePendingChanges().data ?? []).filter((change) => change.accountId === accountId);
}

export type Decision = { id: number } & ({ kind: "discard" } | { kind: "retry" } | { kind: "keep" } | { kind: "edit"; change: Change });

export function useDecidePendingChange() {
  const backend = useBackend();
  const queryClient = useQueryClient();
  // Answers the id of the change decided about.
  return useMutation<number, BackendError, Decision>({
    mutationFn: async (decision) => {
      switch (decision.kind) {
        case "discard":
          await backend.discardPendingChange(decision.id);
          break;
        case "retry":
          await backend.retryPendingChange(decision.id);
          break;
        case "keep":
          await backend.keepPendingChange(decision.id);
          break;
        case "edit":
          await backend.editPendingChange(decision.id, decision.change);
          break;
      }
      return decision.id;
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: PENDING_CHANGES_KEY }),
  });
}

/** Whether the change is waiting to be sent (rather than waiting for the admin). */
export function isWaiting(change: PendingChange): boolean {
  return change.state === "pending" || change.state === "sending";
}
