import { useEffect, useRef } from "react";

import type { Account } from "../bindings/Account";
import { dateLabel, MANAGED_BY_LABEL, STATUS_LABEL } from "./format";

/** One account's cached details beside the list; Escape closes it. */
export function AccountPanel({ account, onClose }: { account: Account; onClose(): void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [account.accountId]);

  const facts: [string, string][] = [
    ["Email", account.email],
    ["Public name", account.publicName ?? "—"],
    ["Job title", account.jobTitle ?? "—"],
    ["Department", account.department ?? "—"],
    ["Organization", account.organization ?? "—"],
    ["Location", account.location ?? "—"],
    ["Time zone", account.timeZone ?? "—"],
    ["Status", STATUS_LABEL[account.status]],
    ["Managed by", MANAGED_BY_LABEL[account.managedBy]],
    ["Two-step verification", account.twoStepEnabled ? "On" : "Off"],
    ["Products", String(account.productCount)],
    ["Last active", dateLabel(account.lastActive)],
    ["Added to organization", dateLabel(account.addedToOrg)],
  ];
  return (
    <aside
      className="panel account-panel"
      aria-labelledby="account-panel-title"
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <header className="account-panel__header">
        <h2 id="account-panel-title" className="panel__title" tabIndex={-1} ref={heading}>
          {account.name}
        </h2>
        <button type="button" className="button button--quiet" onClick={onClose} aria-label="Close account details">
          ✕
        </button>
      </header>
      <dl className="facts">
        {facts.map(([label, value]) => (
          <div key={label} className="facts__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
