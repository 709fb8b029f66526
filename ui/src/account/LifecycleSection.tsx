import { useState } from "react";

import type { AccountDetails } from "../bindings/AccountDetails";
import { dateLabel, sinceLabel, STATUS_LABEL } from "../accounts/format";
import { NotOnThisConnection } from "../connections/NotOnThisConnection";
import { useCapabilities } from "../connections/useCapabilities";
import { ConfirmChange } from "./ConfirmChange";
import { DeleteDialog } from "./DeleteDialog";
import { GatedButton } from "./GatedButton";
import { PageSection } from "./SectionBody";

type Asking = "deactivate" | "reactivate" | "delete" | "cancelDeletion" | "passwordReset" | null;

const DAY = 86_400;

export function LifecycleSection({ details, nowSeconds }: { details: AccountDetails; nowSeconds: number }) {
  const { account, permissions } = details;
  const [asking, setAsking] = useState<Asking>(null);
  const [message, setMessage] = useState("");
  const close = () => setAsking(null);
  const identityProvider = account.managedBy === "identityProvider";
  const canRequireReset = useCapabilities().passwordReset;
  const daysLeft = details.deletionDate === null ? null : Math.max(0, Math.round((details.deletionDate - nowSeconds) / DAY));

  return (
    <PageSection
      id="lifecycle"
      title="Account status"
      actions={
        <>
          {account.status === "active" || account.status === "suspended" ? (
            <GatedButton permission={permissions.deactivate} onClick={() => (setMessage(""), setAsking("deactivate"))}>
              Deactivate
            </GatedButton>
          ) : null}
          {account.status === "deactivated" && (
            <GatedButton permission={permissions.reactivate} onClick={() => setAsking("reactivate")}>
              Reactivate
            </GatedButton>
          )}
          {account.status === "pendingDeletion" ? (
            <GatedButton permission={permissions.delete} onClick={() => setAsking("cancelDeletion")}>
              Cancel deletion
            </GatedButton>
          ) : (
            <GatedButton permission={permissions.delete} danger onClick={() => setAsking("delete")}>
              Delete
            </GatedButton>
          )}
        </>
      }
    >
      <dl className="facts">
        <div className="facts__pair">
          <dt>Status</dt>
          <dd>
            <span data-status={account.status}>{STATUS_LABEL[account.status]}</span>
            {account.status === "pendingDeletion" && daysLeft !== null && (
              <span data-testid="deletion-due">{`: deleted in ${daysLeft === 1 ? "1 day" : `${daysLeft} days`}`}</span>
            )}
          </dd>
        </div>
        {account.status === "deactivated" && details.deactivatedOn !== null && (
          <div className="facts__pair">
            <dt>Deactivated</dt>
            <dd>{dateLabel(details.deactivatedOn)}</dd>
          </div>
        )}
        <div className="facts__pair">
          <dt>Last active</dt>
          <dd>
            {sinceLabel(account.lastActive, nowSeconds)}
            {account.lastActive !== null && ` (${dateLabel(account.lastActive)})`}
          </dd>
        </div>
        <div className="facts__pair">
          <dt>Added to organization</dt>
          <dd>{dateLabel(account.addedToOrg)}</dd>
        </div>
        <div className="facts__pair">
          <dt>Password</dt>
          <dd className="facts__with-action">
            <span data-testid="password-reset">
              {details.passwordResetRequestedAt !== null
                ? `Reset required at next login (asked ${dateLabel(details.passwordResetRequestedAt)})`
                : identityProvider
                  ? "Managed by the identity provider"
                  : "No reset pending"}
            </span>
            {details.passwordResetRequestedAt === null &&
              account.status === "active" &&
              !identityProvider &&
              (canRequireReset ? (
                <GatedButton quiet permission={permissions.passwordReset} onClick={() => setAsking("passwordReset")}>
                  Require reset
                </GatedButton>
              ) : (
                <NotOnThisConnection what="Require reset" accountId={account.accountId} />
              ))}
          </dd>
        </div>
      </dl>

      {asking === "deactivate" && (
        <ConfirmChange
          accountId={account.accountId}
          title={`Deactivate ${account.name}?`}
          confirmLabel="Deactivate"
          danger
          change={() => ({ kind: "deactivate", message: message.trim() || null })}
          onClose={close}
        >
          <p>
            {account.name} loses access to every product at once and cannot sign in. Their content stays, and you can
            reactivate the account later.
          </p>
          <label className="field">
            <span className="field__label">Message to {account.name} (optional)</span>
            <textarea className="input input--area" value={message} maxLength={1000} onChange={(event) => setMessage(event.target.value)} data-autofocus />
          </label>
        </ConfirmChange>
      )}
      {asking === "reactivate" && (
        <ConfirmChange accountId={account.accountId} title={`Reactivate ${account.name}?`} confirmLabel="Reactivate" change={() => ({ kind: "reactivate" })} onClose={close}>
          <p>{account.name} can sign in again, with the product access they had before.</p>
        </ConfirmChange>
      )}
      {asking === "cancelDeletion" && (
        <ConfirmChange accountId={account.accountId} title={`Cancel the deletion of ${account.name}?`} confirmLabel="Cancel deletion" change={() => ({ kind: "cancelDeletion" })} onClose={close}>
          <p>The account is restored as it was before it was deleted.</p>
        </ConfirmChange>
      )}
      {asking === "passwordReset" && (
        <ConfirmChange
          accountId={account.accountId}
          title={`Require ${account.name} to reset their password?`}
          confirmLabel="Require reset"
          change={() => ({ kind: "requirePasswordReset" })}
          onClose={close}
        >
          <p>At their next login, {account.name} must choose a new password.</p>
        </ConfirmChange>
      )}
      {asking === "delete" && <DeleteDialog account={account} onClose={close} />}
    </PageSection>
  );
}
