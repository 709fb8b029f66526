// How account facts read in the admin's words.
import type { AccountStatus } from "../bindings/AccountStatus";
import type { ManagedBy } from "../bindings/ManagedBy";

export const STATUS_LABEL: Record<AccountStatus, string> = {
  active: "Active",
  suspended: "Suspended",
  deactivated: "Deactivated",
  pendingDeletion: "Pending deletion",
};

export const MANAGED_BY_LABEL: Record<ManagedBy, string> = {
  invited: "Invited",
  identityProvider: "Identity provider",
  unknown: "Unknown",
};

const DAY = 86_400;

/** "Today", "3 days ago", "5 months ago", "Never": how long since, from Unix seconds. */
export function sinceLabel(unixSeconds: number | null, nowSeconds: number): string {
  if (unixSeconds === null) return "Never";
  const days = Math.floor((nowSeconds - unixSeconds) / DAY);
  if (days <= 0) return "Today";
  if (days === 1) return "Yesterday";
  if (days < 31) return `${days} days ago`;
  const months = Math.floor(days / 30.44);
  if (months < 12) return months === 1 ? "1 month ago" : `${months} months ago`;
  const years = Math.floor(days / 365.25);
  return years === 1 ? "1 year ago" : `${years} years ago`;
}

export function dateLabel(unixSeconds: number | null): string {
  if (unixSeconds === null) return "Never";
  return new Date(unixSeconds * 1000).toLocaleDateString(locale(), {
    year: "numeric",
    month: "short",
    day: "numeric",
  });
}

/** The system's locale, or English where the system has none Intl knows (plain "C"). */
function locale(): string {
  try {
    return Intl.getCanonicalLocales(navigator.language)[0] ?? "en";
  } catch {
    return "en";
  }
}

export const count = new Intl.NumberFormat(locale(), { useGrouping: true });
