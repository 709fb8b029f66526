import { useEffect, useRef, useState } from "react";

import type { AccountDetails } from "../bindings/AccountDetails";
import { MANAGED_BY_LABEL } from "../accounts/format";
import { useOrganization } from "../organization/useOrganization";
import { ConfirmChange } from "./ConfirmChange";
import { GatedButton } from "./GatedButton";
import { PROFILE_FIELDS, ProfileForm } from "./ProfileForm";
import { PageSection } from "./SectionBody";

export function ProfileSection({ details }: { details: AccountDetails }) {
  const { account, permissions } = details;
  const [editing, setEditing] = useState(false);
  const [changingEmail, setChangingEmail] = useState(false);
  const [email, setEmail] = useState("");
  const { organization } = useOrganization();
  const verified = organization?.domains.filter((d) => d.verified).map((d) => d.name) ?? [];
  const newDomain = email.trim().split("@")[1]?.toLowerCase() ?? "";
  const unverified = verified.length > 0 && newDomain !== "" && email.includes("@") && !verified.includes(newDomain);
  const localPart = account.email.split("@")[0] ?? "";
  // When the form closes (saved, queued or cancelled) its focused field goes away: focus
  // returns to "Edit profile", so the keyboard (Escape to the list included) keeps working.
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && !editing) {
      document.querySelector<HTMLElement>('section[aria-labelledby="profile-title"] button')?.focus();
    }
    wasEditing.current = editing;
  }, [editing]);
  const everyFieldReadOnly = PROFILE_FIELDS.every((spec) => permissions.profile[spec.field]?.allowed === false);

  return (
    <PageSection
      id="profile"
      title="Profile"
      actions={
        !editing && (
          <>
            <GatedButton
              permission={everyFieldReadOnly ? permissions.profile.name : undefined}
              onClick={() => setEditing(true)}
            >
              Edit profile
            </GatedButton>
            <GatedButton permission={permissions.changeEmail} onClick={() => (setEmail(""), setChangingEmail(true))}>
              Change email
            </GatedButton>
          </>
        )
      }
    >
      {editing ? (
        <ProfileForm account={account} permissions={permissions} onDone={() => setEditing(false)} />
      ) : (
        <dl className="facts">
          {PROFILE_FIELDS.map((spec) => (
            <div key={spec.field} className="facts__pair">
              <dt>{spec.label}</dt>
              <dd>{spec.value(account) ?? "—"}</dd>
            </div>
          ))}
          <div className="facts__pair">
            <dt>Email</dt>
            <dd>{account.email}</dd>
          </div>
          <div className="facts__pair">
            <dt>Managed by</dt>
            <dd>{MANAGED_BY_LABEL[account.managedBy]}</dd>
          </div>
        </dl>
      )}
      {account.managedBy === "identityProvider" && !editing && (
        <p className="section__note">
          Your identity provider manages this account&apos;s details: change them there, and they sync to the directory.
        </p>
      )}
      {changingEmail && (
        <ConfirmChange
          accountId={account.accountId}
          title="Change email address"
          confirmLabel="Change email"
          change={() => ({ kind: "changeEmail", email: email.trim() })}
          blocked={unverified || email.trim() === ""}
          onClose={() => setChangingEmail(false)}
        >
          <p>
            The new address must be on a domain your organization has verified. Changing it ends all of{" "}
            {account.name}&apos;s sessions: they sign in again with the new address.
          </p>
          <div className="field">
            <label className="field__label" htmlFor="new-email">
              New email address
            </label>
            <input
              id="new-email"
              className="input"
              type="email"
              value={email}
              placeholder={account.email}
              list="verified-addresses"
              aria-invalid={unverified || undefined}
              aria-describedby="email-domains"
              onChange={(event) => setEmail(event.target.value)}
              data-autofocus
            />
            <datalist id="verified-addresses">
              {verified.map((domain) => (
                <option key={domain} value={`${localPart}@${domain}`} />
              ))}
            </datalist>
            <span id="email-domains" className={unverified ? "field__hint field__hint--error" : "field__hint"}>
              {unverified
                ? `${newDomain} is not a verified domain of your organization.`
                : verified.length > 0
                  ? `Verified domains: ${verified.join(", ")}`
                  : "The directory checks the domain."}
            </span>
          </div>
        </ConfirmChange>
      )}
    </PageSection>
  );
}
