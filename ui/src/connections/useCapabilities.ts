// What the connection in use can do. The UI never offers what it cannot: where an action
// is missing, NotOnThisConnection says so instead.
import { useConnectionStatus } from "../backend/queries";
import type { Capabilities } from "../bindings/Capabilities";

/**
 * Until the connection's status is known, everything: an action that shows and then goes
 * is worse than one that goes a moment later, and the backend refuses what it cannot do.
 */
export const EVERY_CAPABILITY: Capabilities = {
  profile: true,
  email: true,
  lifecycle: true,
  apiTokens: true,
  productAccess: true,
  auditEvents: true,
  sync: true,
  avatar: true,
  twoStepExclusion: true,
  devices: true,
  passwordReset: true,
  claimAccounts: true,
  verifyDomains: true,
  deleteCheck: true,
};

export function useCapabilities(): Capabilities {
  return useConnectionStatus().data?.capabilities ?? EVERY_CAPABILITY;
}
