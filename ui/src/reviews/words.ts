// How a review reads in the admin's words: what it covers, its decisions, what applying it does.
import { count, MANAGED_BY_LABEL, productLabel, STATUS_LABEL } from "../accounts/format";
import type { AccountQuery } from "../bindings/AccountQuery";
import type { Decision } from "../bindings/Decision";
import type { ReviewItem } from "../bindings/ReviewItem";
import type { ReviewSummary } from "../bindings/ReviewSummary";

function plural(n: number, one: string, many: string): string {
  return `${count.format(n)} ${n === 1 ? one : many}`;
}

/** "Active accounts inactive for 90+ days, matching “eng”": what a review was started from. */
export function describeQuery(query: AccountQuery): string {
  const { filter } = query;
  const statuses = filter.statuses.map((status) => STATUS_LABEL[status]).join(" or ");
  const who = statuses ? `${statuses} accounts` : "Accounts";
  const parts: string[] = [];
  if (filter.inactiveDays !== null) parts.push(`inactive for ${filter.inactiveDays}+ days`);
  if (filter.twoStepEnabled !== null) parts.push(filter.twoStepEnabled ? "with 2SV on" : "with 2SV off");
  if (filter.product !== null) parts.push(`with ${productLabel(filter.product)} access`);
  if (filter.domain !== null) parts.push(`on ${filter.domain}`);
  if (filter.managedBy !== null) parts.push(`managed by ${MANAGED_BY_LABEL[filter.managedBy].toLowerCase()}`);
  if (query.text.trim()) parts.push(`matching “${query.text.trim()}”`);
  if (parts.length === 0) return statuses ? who : "Every account";
  return `${who} ${parts.join(", ")}`;
}

export function decisionLabel(decision: Decision): string {
  switch (decision.kind) {
    case "keep":
      return "Keep";
    case "deactivate":
      return "Deactivate";
    case "removeProduct":
      return `Remove ${productLabel(decision.product)}`;
    case "followUp":
      return "Follow up";
  }
}

/** A product as the admin knows it: our name for a known key, else the directory's. */
function productName(key: string, directoryName: string | null): string {
  const known = productLabel(key);
  return known !== key ? known : (directoryName ?? key);
}

export interface HeldProduct {
  product: string;
  label: string;
  /** On how many sites the account has it (a removal takes it away on all of them). */
  sites: number;
}

/** The products an account has, each once however many sites it has it on. */
export function heldProducts(item: ReviewItem): HeldProduct[] {
  const held = new Map<string, HeldProduct>();
  for (const access of item.products) {
    const seen = held.get(access.product);
    if (seen) seen.sites += 1;
    else held.set(access.product, { product: access.product, label: productName(access.product, access.productName), sites: 1 });
  }
  return [...held.values()];
}

/** "12 to deactivate, 3 product removals, 40 kept, 5 follow-ups, 152 undecided". */
export function summaryText(summary: ReviewSummary): string {
  return [
    `${count.format(summary.deactivate)} to deactivate`,
    plural(summary.removeProduct, "product removal", "product removals"),
    `${count.format(summary.keep)} kept`,
    plural(summary.followUp, "follow-up", "follow-ups"),
    `${count.format(summary.undecided)} undecided`,
  ].join(", ");
}

export function changesText(changes: number): string {
  return plural(changes, "change", "changes");
}

/** Why applying would queue nothing, when it would not. */
export function nothingToQueue(summary: ReviewSummary): string {
  if (summary.deactivate + summary.removeProduct === 0) {
    return "Nothing to queue: no account is marked to deactivate or to lose a product's access.";
  }
  if (summary.alreadyQueued > 0) return "Nothing to queue: the changes of these decisions are queued already.";
  return "Nothing to queue: the accounts already are as decided (deactivated, or without that product).";
}

/** What the admin is told once applying queued changes. */
export function queuedText(changes: number): string {
  return changes === 1
    ? "1 change queued: it is sent now, or when the directory answers (see Pending changes, Ctrl+5)"
    : `${count.format(changes)} changes queued: they are sent now, or when the directory answers (see Pending changes, Ctrl+5)`;
}
