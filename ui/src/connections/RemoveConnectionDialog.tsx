import { useMutation, useQueryClient } from "@tanstack/react-query";

import type { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import type { ConnectionProfile } from "../bindings/ConnectionProfile";
import type { ConnectionsOverview } from "../bindings/ConnectionsOverview";
import { Dialog } from "../shell/Dialog";
import { CONNECTIONS_KEY, useConnectionChanged } from "./queries";

interface Props {
  profile: ConnectionProfile;
  inUse: boolean;
  onClose(): void;
}

/** Asks before removing a connection with its key and everything cached for it. */
export function RemoveConnectionDialog({ profile, inUse, onClose }: Props) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const changed = useConnectionChanged();
  const remove = useMutation<ConnectionsOverview, BackendError>({
    mutationFn: () => backend.removeConnection(profile.id),
    onSuccess: (overview) => {
      queryClient.setQueryData(CONNECTIONS_KEY, overview);
      // The core has put the demo directory in its place.
      if (inUse) changed();
      onClose();
    },
  });
  return (
    <Dialog
      title={`Remove ${profile.name}?`}
      onClose={onClose}
      busy={remove.isPending}
      actions={
        <>
          <button type="button" className="button" onClick={onClose} disabled={remove.isPending}>
            Cancel
          </button>
          <button type="button" className="button button--danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
            {remove.isPending ? "Removing…" : "Remove connection"}
          </button>
        </>
      }
    >
      <p>
        Its API key is removed from the keychain, and its cache from this computer: the cached accounts, the changes
        not sent yet, its access reviews and the Activity record of changes made through it. Nothing changes in the
        organization itself.
      </p>
      {inUse && <p>It is in use: Custodian goes back to the demo directory.</p>}
      {remove.error && (
        <p className="notice notice--error" role="alert">
          {remove.error.message}
        </p>
      )}
    </Dialog>
  );
}
