import type { Account } from "../bindings/Account";
import type { Section } from "../bindings/Section";
import type { TwoStepState } from "../bindings/TwoStepState";
import { PageSection, SectionBody } from "./SectionBody";

function enforcement(state: TwoStepState, enabled: boolean): string {
  if (!state.enforced) return "Your organization does not enforce two-step verification.";
  if (state.excluded) return "Excluded from your organization's enforced two-step verification.";
  if (!enabled) return "Your organization enforces two-step verification: the user must set it up at their next login.";
  return "Your organization enforces two-step verification for this account.";
}

export function TwoStepSection({ account, section }: { account: Account; section: Section<TwoStepState> }) {
  return (
    <PageSection id="two-step" title="Two-step verification">
      <p>{account.twoStepEnabled ? "On: the user signs in with a second step." : "Off: not set up by the user."}</p>
      <SectionBody section={section}>
        {(state) => <p className="section__note">{enforcement(state, account.twoStepEnabled)}</p>}
      </SectionBody>
    </PageSection>
  );
}
