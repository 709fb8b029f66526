// Connections and what they can do, in the admin's words.
import type { Capabilities } from "../bindings/Capabilities";
import type { ConnectionKind } from "../bindings/ConnectionKind";

export const KIND_LABEL: Record<ConnectionKind, string> = {
  atlassianCloud: "Atlassian Cloud",
  custodianDirectory: "Custodian Directory",
};

export const KIND_HELP: Record<ConnectionKind, string> = {
  atlassianCloud: "Your organization in Atlassian Administration, through Atlassian's public API and an organization API key.",
  custodianDirectory: "A Custodian Directory server: its URL and an API key for your organization.",
};

/** Where every Atlassian Cloud connection goes; the core fixes it, the admin does not type it. */
export const ATLASSIAN_API = "https://api.atlassian.com";

/** In the order an admin meets them. */
export const CAPABILITY_LABEL: Record<keyof Capabilities, string> = {
  sync: "Sync the managed accounts",
  profile: "Read and edit profiles",
  email: "Change email addresses",
  lifecycle: "Deactivate, reactivate and delete accounts",
  productAccess: "Grant and remove product access",
  apiTokens: "List and revoke API tokens",
  auditEvents: "Read the organization's audit events",
  avatar: "Change and remove profile photos",
  twoStepExclusion: "Exclude accounts from two-step verification",
  devices: "See recent devices and log them out",
  passwordReset: "Require a password reset",
  deleteCheck: "Check before deleting whether a deletion would be refused",
  verifyDomains: "Verify domains",
  claimAccounts: "Claim the accounts on a verified domain",
};

const PLAN_LABEL: Record<string, string> = {
  free: "Free",
  standard: "Standard",
  "guard-standard": "Atlassian Guard Standard",
};

export function planLabel(plan: string): string {
  return PLAN_LABEL[plan] ?? plan;
}
