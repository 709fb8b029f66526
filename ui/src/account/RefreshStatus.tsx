import type { UseMutationResult } from "@tanstack/react-query";

import type { BackendError } from "../backend/Backend";
import type { AccountDetails } from "../bindings/AccountDetails";
import { ago } from "../accounts/format";

interface Props {
  details: AccountDetails | null | undefined;
  refresh: UseMutationResult<AccountDetails, BackendError, void>;
  nowMs: number;
}

function statusText({ details, refresh, nowMs }: Props): string {
  const asOf = details ? ` as of ${ago(details.refreshedAt ?? details.accountReadAt, nowMs)}` : "";
  if (refresh.isPending) return "Refreshing from the directory…";
  if (refresh.error) {
    switch (refresh.error.code) {
      case "offline":
        return `Offline: showing this account${asOf}.`;
      case "notFound":
        return "The directory no longer manages this account; it has left the list.";
      case "rateLimited":
        return `The directory asks to slow down: showing this account${asOf}. Try again in a minute.`;
      default:
        return `Could not refresh (${refresh.error.message}): showing this account${asOf}.`;
    }
  }
  if (details?.refreshedAt) return `Refreshed ${ago(details.refreshedAt, nowMs)}`;
  return details ? `From the last sync, ${ago(details.accountReadAt, nowMs)}` : "";
}

/** When the page was last read from the backend, and a button to read it again. */
export function RefreshStatus(props: Props) {
  const { refresh } = props;
  const failed = refresh.error !== null && !refresh.isPending;
  return (
    <div className="refresh">
      <p className={failed ? "refresh__text refresh__text--warning" : "refresh__text"} role="status" data-testid="refresh-status">
        {statusText(props)}
      </p>
      <button type="button" className="button" onClick={() => refresh.mutate()} disabled={refresh.isPending}>
        Refresh
      </button>
    </div>
  );
}
