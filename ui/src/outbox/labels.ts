import type { PendingState } from "../bindings/PendingState";

export const PENDING_STATE_LABEL: Record<PendingState, string> = {
  pending: "Waiting to be sent",
  sending: "Being sent",
  conflict: "Conflict",
  failed: "Failed",
  applied: "Applied",
};
