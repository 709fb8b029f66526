import { useQuery } from "@tanstack/react-query";

import type { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import type { Account } from "../bindings/Account";
import type { DeletionCheck } from "../bindings/DeletionCheck";
import { Dialog } from "../shell/Dialog";
import { ConfirmChange } from "./ConfirmChange";

/** Asks the directory first; where it would refuse, says why, and offers nothing to confirm. */
export function DeleteDialog({ account, onClose }: { account: Account; onClose(): void }) {
  const backend = useBackend();
  const check = useQuery<DeletionCheck, BackendError>({
    queryKey: ["deletionCheck", account.accountId],
    queryFn: () => backend.checkDeletion(account.accountId),
    gcTime: 0,
  });

  if (check.data?.eligible) {
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
          {account.name} loses access at once. For {check.data.gracePeriodDays} days you can cancel the deletion; after
          that the account and its personal data are gone for good.
        </p>
      </ConfirmChange>
    );
  }
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
