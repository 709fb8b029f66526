import { EmptyState } from "./EmptyState";
import { ViewHeader } from "./ViewHeader";

export function DomainsView() {
  return (
    <>
      <ViewHeader title="Domains">
        The email domains your organization owns. Accounts on a verified domain can be claimed
        and managed.
      </ViewHeader>
      <EmptyState view="domains" title="No domains to show">
        <p>
          Once Custodian is connected to a directory, your organization's domains appear here with
          their verification status and how they were verified (DNS or HTTPS).
        </p>
      </EmptyState>
    </>
  );
}
