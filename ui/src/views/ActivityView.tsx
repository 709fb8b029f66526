import { EmptyState } from "./EmptyState";
import { ViewHeader } from "./ViewHeader";

export function ActivityView() {
  return (
    <>
      <ViewHeader title="Activity">
        Changes made from Custodian on this computer, newest first.
      </ViewHeader>
      <EmptyState view="activity" title="No changes made yet">
        <p>
          Every change you make to an account from Custodian is recorded here: when, on which
          connection, to which account, what changed, and whether the directory accepted it.
        </p>
      </EmptyState>
    </>
  );
}
