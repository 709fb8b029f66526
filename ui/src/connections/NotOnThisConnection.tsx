import { useMutation } from "@tanstack/react-query";

import type { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import { useConnectionStatus } from "../backend/queries";

interface Props {
  /** The account whose page in Atlassian Administration the button opens; none, no button. */
  accountId?: string;
  /** What is missing, where the place alone does not say (e.g. "Verify"). */
  what?: string;
}

/**
 * Stands where an action would be that the connection in use cannot do: Atlassian's
 * public API lacks it (do it in Atlassian Administration), or a Custodian Directory runs
 * without the extensions that offer it.
 */
export function NotOnThisConnection({ accountId, what }: Props) {
  const backend = useBackend();
  const atlassian = useConnectionStatus().data?.kind === "atlassianCloud";
  const open = useMutation<unknown, BackendError, string>({
    mutationFn: (id) => backend.openInAtlassianAdministration(id),
  });

  return (
    <div className="not-here" role="note">
      <p className="not-here__text">
        {what && <strong>{what}: </strong>}
        {atlassian ? "Not available through Atlassian's public API." : "This directory does not offer it."}
        {atlassian && accountId === undefined && " Do it in Atlassian Administration."}
      </p>
      {atlassian && accountId !== undefined && (
        <button type="button" className="button button--quiet" disabled={open.isPending} onClick={() => open.mutate(accountId)}>
          Open in Atlassian Administration
        </button>
      )}
      {open.error && (
        <p className="notice notice--error" role="alert">
          {open.error.message}
        </p>
      )}
    </div>
  );
}
