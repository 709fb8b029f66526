import type { Account } from "../bindings/Account";
import { MANAGED_BY_LABEL } from "../accounts/format";
import { PageSection } from "./SectionBody";

export function ProfileSection({ account }: { account: Account }) {
  const facts: [string, string | null][] = [
    ["Full name", account.name],
    ["Public name", account.publicName],
    ["Email", account.email],
    ["Job title", account.jobTitle],
    ["Department", account.department],
    ["Organization", account.organization],
    ["Location", account.location],
    ["Time zone", account.timeZone],
    ["Language", account.locale],
    ["Managed by", MANAGED_BY_LABEL[account.managedBy]],
  ];
  return (
    <PageSection id="profile" title="Profile">
      <dl className="facts">
        {facts.map(([label, value]) => (
          <div key={label} className="facts__pair">
            <dt>{label}</dt>
            <dd>{value ?? "—"}</dd>
          </div>
        ))}
      </dl>
      {account.managedBy === "identityProvider" && (
        <p className="section__note">
          Your identity provider manages this account&apos;s details: change them there, and they sync to the directory.
        </p>
      )}
    </PageSection>
  );
}
