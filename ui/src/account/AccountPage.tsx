import { useEffect, useRef } from "react";

import type { Account } from "../bindings/Account";
import { STATUS_LABEL } from "../accounts/format";
import { PendingBanner } from "../outbox/PendingBanner";
import { useNow } from "../shell/useNow";
import { ApiTokensSection } from "./ApiTokensSection";
import { DevicesSection } from "./DevicesSection";
import { initials } from "./Avatar";
import { LifecycleSection } from "./LifecycleSection";
import { PhotoSection } from "./PhotoSection";
import { ProductAccessSection } from "./ProductAccessSection";
import { ProfileSection } from "./ProfileSection";
import { RefreshStatus } from "./RefreshStatus";
import { TwoStepSection } from "./TwoStepSection";
import { useAccountDetails } from "./useAccountDetails";

/**
 * One managed account: what the cache knows at once, refreshed from the directory.
 * Opened from the list; Escape or the back button returns to it.
 */
export function AccountPage({ account: opened, onClose }: { account: Account; onClose(): void }) {
  const { details, readError, refresh } = useAccountDetails(opened.accountId);
  const nowMs = useNow();
  const nowSeconds = Math.floor(nowMs / 1000);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [opened.accountId]);

  // Until the cache answers, the row that was opened stands in for the account.
  const account = details?.account ?? opened;
  return (
    <section
      className="account-page"
      aria-labelledby="account-page-title"
      onKeyDown={(event) => {
        if (event.key === "Escape" && !event.defaultPrevented) {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <header className="account-page__header">
        <button type="button" className="button button--quiet" onClick={onClose}>
          ← Managed accounts
        </button>
        <div className="account-page__identity">
          {details ? (
            <PhotoSection details={details} />
          ) : (
            <span className="avatar avatar--large" aria-hidden="true">
              {initials(account.name)}
            </span>
          )}
          <div className="account-page__names">
            <h2 id="account-page-title" className="account-page__title" tabIndex={-1} ref={heading}>
              {account.name}
            </h2>
            <p className="account-page__email">{account.email}</p>
          </div>
          <span className="badge" data-status={account.status}>
            {STATUS_LABEL[account.status]}
          </span>
        </div>
        <RefreshStatus details={details} refresh={refresh} nowMs={nowMs} />
      </header>
      <PendingBanner accountId={opened.accountId} />
      {readError && (
        <p className="notice notice--error" role="alert">
          The account could not be read from the cache: {readError.message}
        </p>
      )}
      {details && (
        <div className="account-page__sections">
          <ProfileSection details={details} />
          <LifecycleSection details={details} nowSeconds={nowSeconds} />
          <ProductAccessSection details={details} nowSeconds={nowSeconds} />
          <TwoStepSection details={details} />
          <DevicesSection details={details} nowSeconds={nowSeconds} />
          <ApiTokensSection details={details} />
        </div>
      )}
    </section>
  );
}
