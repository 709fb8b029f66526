import { useQuery } from "@tanstack/react-query";

import type { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import type { ConnectionProfile } from "../bindings/ConnectionProfile";
import type { ConnectionTest } from "../bindings/ConnectionTest";
import { Dialog } from "../shell/Dialog";
import { ConnectionTestResult } from "./ConnectionTestResult";

/** Tests a saved connection with the key kept for it, as soon as it opens. */
export function TestConnectionDialog({ profile, onClose }: { profile: ConnectionProfile; onClose(): void }) {
  const backend = useBackend();
  const test = useQuery<ConnectionTest, BackendError>({
    queryKey: ["connectionTest", profile.id],
    queryFn: () => backend.testSavedConnection(profile.id, null),
    gcTime: 0,
    retry: false,
  });
  return (
    <Dialog
      title={`Test ${profile.name}`}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" disabled={test.isFetching} onClick={() => void test.refetch()}>
            Test again
          </button>
          <button type="button" className="button button--primary" onClick={onClose} data-autofocus>
            Close
          </button>
        </>
      }
    >
      {test.isFetching && <p role="status">Reading the organization through {profile.name}…</p>}
      {test.error && !test.isFetching && (
        <p className="notice notice--error" role="alert">
          {test.error.message}
        </p>
      )}
      {test.data && !test.isFetching && <ConnectionTestResult test={test.data} kind={profile.kind} />}
    </Dialog>
  );
}
