import type { Capabilities } from "../bindings/Capabilities";
import type { ConnectionKind } from "../bindings/ConnectionKind";
import type { ConnectionTest } from "../bindings/ConnectionTest";
import { EXPERIENCE_LABEL } from "../organization/experience";
import { CAPABILITY_LABEL, planLabel } from "./words";

const NOT_SAID = "Not reported";

function twoStepLabel(enforced: boolean | null): string {
  if (enforced === null) return NOT_SAID;
  return enforced ? "Enforced" : "Not enforced";
}

/** What a connection test found: the organization, and what the connection can do there. */
export function ConnectionTestResult({ test, kind }: { test: ConnectionTest; kind: ConnectionKind }) {
  const names = Object.keys(CAPABILITY_LABEL) as (keyof Capabilities)[];
  const missing = names.filter((name) => !test.capabilities[name]);
  const offered = names.filter((name) => test.capabilities[name]);
  return (
    <section className="connection-test" aria-label="Test result" data-testid="connection-test">
      <p role="status" className="connection-test__passed">
        Connected to {test.organizationName}.
      </p>
      <dl className="facts">
        <dt>Organization</dt>
        <dd>{test.organizationName}</dd>
        <dt>Plan</dt>
        <dd>{test.plan === null ? NOT_SAID : planLabel(test.plan)}</dd>
        <dt>User management</dt>
        <dd>{test.experience === null ? NOT_SAID : EXPERIENCE_LABEL[test.experience]}</dd>
        <dt>Two-step verification</dt>
        <dd>{twoStepLabel(test.twoStepEnforced)}</dd>
      </dl>
      <h3 className="connection-test__heading">What Custodian can do here</h3>
      <ul className="connection-test__list" aria-label="Available on this connection">
        {offered.map((name) => (
          <li key={name} data-available="true">
            {CAPABILITY_LABEL[name]}
          </li>
        ))}
      </ul>
      {missing.length > 0 && (
        <>
          <h3 className="connection-test__heading">
            {kind === "atlassianCloud" ? "Not available through Atlassian's public API" : "Not available on this connection"}
          </h3>
          <ul className="connection-test__list" aria-label="Not available on this connection">
            {missing.map((name) => (
              <li key={name} data-available="false">
                {CAPABILITY_LABEL[name]}
              </li>
            ))}
          </ul>
          {kind === "atlassianCloud" && (
            <p className="field__hint">
              For these, an account&apos;s page offers to open it in Atlassian Administration.
            </p>
          )}
        </>
      )}
    </section>
  );
}
