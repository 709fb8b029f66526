import { PENDING_STATE_LABEL } from "./labels";
import { usePendingChangesOf } from "./usePendingChanges";

/**
 * On an account's page: the changes to it that are queued, not applied yet. The page
 * shows the account as the directory last had it; these say what will change.
 */
export function PendingBanner({ accountId }: { accountId: string }) {
  const pending = usePendingChangesOf(accountId);
  if (pending.length === 0) return null;
  return (
    <section className="pending-banner" aria-label="Pending changes to this account" data-testid="pending-banner">
      <h3 className="pending-banner__title">
        {pending.length === 1 ? "1 change is pending" : `${pending.length} changes are pending`}
      </h3>
      <ul className="pending-banner__list">
        {pending.map((change) => (
          <li key={change.id} data-state={change.state}>
            <span className="pending-banner__what">{change.description}</span>
            <span className="pending-banner__state">{PENDING_STATE_LABEL[change.state]}</span>
            {change.message && <span className="pending-banner__why">{change.message}</span>}
          </li>
        ))}
      </ul>
      <p className="pending-banner__hint">
        Queued changes are sent, in order, when the directory answers. Review, edit or discard them under Pending changes (Ctrl+5).
      </p>
    </section>
  );
}
