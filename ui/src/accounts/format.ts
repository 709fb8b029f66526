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

// Atlassian's product keys, as the admin knows the products.
const PRODUCT_LABEL: Record<string, string> = {
  "jira-software": "Jira",
  "jira-core": "Jira Work Management",
  "jira-servicedesk": "Jira Service Management",
  "jira-product-discovery": "Jira Product Discovery",
  confluence: "Confluence",
  bitbucket: "Bitbucket",
  opsgenie: "Opsgenie",
  statuspage: "Statuspage",
  trello: "Trello",
  loom: "Loom",
  compass: "Compass",
  "atlassian-analytics": "Atlassian Analytics",
};

/** "Jira Service Management" for `jira-servicedesk`; an unknown key as it is. */
export function productLabel(key: string): string {
  return PRODUCT_LABEL[key] ?? key;
}

/** "Admin" for `atlassian/admin`: a role id as the admin reads it. */
export function roleLabel(role: string): string {
  const name = role.split("/").at(-1) ?? role;
  return name
    .split("-")
    .map((word, i) => (i === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : word))
    .join(" ");
}

/** A site's ARI (`ari:cloud:jira::site/1b2c…`) shortened to the part that tells sites apart. */
export function siteLabel(ari: string): string {
  const id = ari.split("/").at(-1) ?? ari;
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

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

/** "just now", "5 minutes ago", "2 hours ago", then the date and time: from Unix ms. */
export function ago(unixMs: number, nowMs: number): string {
  const minutes = Math.floor((nowMs - unixMs) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return minutes === 1 ? "1 minute ago" : `${minutes} minutes ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return hours === 1 ? "1 hour ago" : `${hours} hours ago`;
  return new Date(unixMs).toLocaleString(locale());
}

/** "14:05": a time of day from Unix seconds. */
export function timeLabel(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toLocaleTimeString(locale(), { hour: "2-digit", minute: "2-digit" });
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
