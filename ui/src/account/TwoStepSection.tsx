import { useState } from "react";

import type { AccountDetails } from "../bindings/AccountDetails";
import type { TwoStepState } from "../bindings/TwoStepState";
import { NotOnThisConnection } from "../connections/NotOnThisConnection";
import { useCapabilities } from "../connections/useCapabilities";
import { ConfirmChange } from "./ConfirmChange";
import { GatedButton } from "./GatedButton";
import { PageSection, SectionBody } from "./SectionBody";

function enforcement(state: TwoStepState, enabled: boolean): string {
  if (!state.enforced) return "Your organization does not enforce two-step verification, so there is nothing to exclude this account from.";
  if (state.excluded) return "Excluded from your organization's enforced two-step verification.";
  if (!enabled) return "Your organization enforces two-step verification: the user must set it up at their next login.";
  return "Your organization enforces two-step verification for this account.";
}

export function TwoStepSection({ details }: { details: AccountDetails }) {
  const { account, permissions, twoStep } = details;
  const [asking, setAsking] = useState<"exclude" | "include" | null>(null);
  const state = twoStep.state === "known" ? twoStep.value : null;
  const canExclude = useCapabilities().twoStepExclusion;

  return (
    <PageSection
      id="two-step"
      title="Two-step verification"
      actions={
        canExclude &&
        state?.enforced &&
        (state.excluded ? (
          <GatedButton permission={permissions.twoStepExclusion} onClick={() => setAsking("include")}>
            Undo exclusion
          </GatedButton>
        ) : (
          <GatedButton permission={permissions.twoStepExclusion} onClick={() => setAsking("exclude")}>
            Exclude
          </GatedButton>
        ))
      }
    >
      <p>{account.twoStepEnabled ? "On: the user signs in with a second step." : "Off: not set up by the user."}</p>
      <SectionBody section={twoStep}>
        {(value) => (
          <p className="section__note" data-testid="two-step-enforcement">
            {enforcement(value, account.twoStepEnabled)}
          </p>
        )}
      </SectionBody>
      {/* Unless the organization is known not to enforce it, there is nothing to exclude from. */}
      {!canExclude && state?.enforced !== false && <NotOnThisConnection what="Exclusion" accountId={account.accountId} />}
      {asking === "exclude" && (
        <ConfirmChange
          accountId={account.accountId}
          title={`Exclude ${account.name} from two-step verification?`}
          confirmLabel="Exclude"
          change={() => ({ kind: "excludeFromTwoStep" })}
          onClose={() => setAsking(null)}
        >
          <p>
            {account.name} can sign in with a password only, although your organization enforces two-step verification.
            Exclude accounts only for a reason, such as a lost second factor, and undo it once that is solved.
          </p>
        </ConfirmChange>
      )}
      {asking === "include" && (
        <ConfirmChange
          accountId={account.accountId}
          title="Undo the exclusion?"
          confirmLabel="Undo exclusion"
          change={() => ({ kind: "includeInTwoStep" })}
          onClose={() => setAsking(null)}
        >
          <p>{account.name} must use two-step verification again, as your organization requires.</p>
        </ConfirmChange>
      )}
    </PageSection>
  );
}
