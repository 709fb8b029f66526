import { EmptyState } from "./EmptyState";
import { ViewHeader } from "./ViewHeader";

export function AccountsView() {
  return (
    <>
      <ViewHeader title="Managed accounts">
        The accounts whose email domain your organization has verified and claimed.
      </ViewHeader>
      <EmptyState view="accounts" title="No managed accounts yet">
        <p>
          Once Custodian is connected to a directory, your organization's managed accounts appear
          here: name, email, status, product access, last active and two-step verification.
        </p>
        <p>
          They are kept in a cache on this computer, so search is instant and you can review them
          offline.
        </p>
      </EmptyState>
    </>
  );
}
