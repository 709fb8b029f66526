import type { AccountDetails } from "../bindings/AccountDetails";
import { dateLabel, sinceLabel, STATUS_LABEL } from "../accounts/format";
import { PageSection } from "./SectionBody";

export function LifecycleSection({ details, nowSeconds }: { details: AccountDetails; nowSeconds: number }) {
  const { account } = details;
  return (
    <PageSection id="lifecycle" title="Account status">
      <dl className="facts">
        <div className="facts__pair">
          <dt>Status</dt>
          <dd>
            <span data-status={account.status}>{STATUS_LABEL[account.status]}</span>
          </dd>
        </div>
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
        {details.passwordResetRequestedAt !== null && (
          <div className="facts__pair">
            <dt>Password</dt>
            <dd>Reset required at next login (asked {dateLabel(details.passwordResetRequestedAt)})</dd>
          </div>
        )}
      </dl>
    </PageSection>
  );
}
