import { useQuery } from "@tanstack/react-query";

import type { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import type { Account } from "../bindings/Account";
import type { DeletionCheck } from "../bindings/DeletionCheck";
import { useCapabilities } from "../connections/useCapabilities";
import { Dialog } from "../shell/Dialog";
import { ConfirmChange } from "./ConfirmChange";

/** The last question: the admin types the email to delete. */
function ConfirmDeletion({ account, graceDays, onClose }: { account: Account; graceDays: number | null; onClose(): void }) {
  return (
    <ConfirmChange
      accountId={account.accountId}
      title={`Delete ${account.name}?`}
      confirmLabel="Delete account"
      danger
      typeToConfirm={account.email}
      change={() => ({ kind: "delete" })}
      onClose={onClose}
    >
      <p>
        {account.name} loses access at once. For {graceDays === null ? "a grace period" : `${graceDays} days`} you can
        cancel the deletion; after that the account and its personal data are gone for good.
      </p>
      {graceDays === null && (
        <p className="section__note" data-testid="deletion-unchecked">
          This connection cannot check beforehand whether the directory would refuse: the directory says so when you
          delete, and then nothing is deleted.
        </p>
      )}
    </ConfirmChange>
  );
}

/**
 * Asks the directory first; where it would refuse, says why, and offers nothing to confirm.
 * Where the connection has no such check (Atlassian's public API), the deletion itself is
 * the question.
 */
export function DeleteDialog({ account, onClose }: { account: Account; onClose(): void }) {
  const backend = useBackend();
  const canCheck = useCapabilities().deleteCheck;
  const check = useQuery<DeletionCheck, BackendError>({
    queryKey: ["deletionCheck", account.accountId],
    queryFn: () => backend.checkDeletion(account.accountId),
    gcTime: 0,
    enabled: canCheck,
  });

  if (!canCheck) return <ConfirmDeletion account={account} graceDays={null} onClose={onClose} />;
  if (check.data?.eligible) return <ConfirmDeletion account={account} graceDays={check.data.gracePeriodDays} onClose={onClose} />;
  return (
    <Dialog
      title={`Delete ${account.name}?`}
      onClose={onClose}
      actions={
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      }
    >
      {check.isPending && <p>Asking the directory whether the account can be deleted…</p>}
      {check.error && (
        <p className="notice notice--error" role="alert">
          {check.error.message}
        </p>
      )}
      {check.data && !check.data.eligible && (
        <>
          <p>The directory will not delete this account now:</p>
          <ul className="problems" data-testid="deletion-problems">
            {check.data.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </>
      )}
    </Dialog>
  );
}
