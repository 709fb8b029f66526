// Settings > Connections as the UI reads and changes it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";

import type { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import type { ConnectionStatus } from "../bindings/ConnectionStatus";
import type { ConnectionsOverview } from "../bindings/ConnectionsOverview";
import { useSync } from "../sync/SyncContext";

export const CONNECTIONS_KEY = ["connections"] as const;

/**
 * Whether the admin has switched away from the connection named at launch in this window.
 * The overview cannot say (its inUse is null for that one and for the demo directory alike),
 * so the window remembers.
 */
const LEFT_LAUNCH_KEY = ["leftLaunchConnection"] as const;

export function useConnections() {
  const backend = useBackend();
  return useQuery<ConnectionsOverview, BackendError>({ queryKey: CONNECTIONS_KEY, queryFn: () => backend.connections() });
}

export function useLeftLaunchConnection(): boolean {
  return useQuery({ queryKey: LEFT_LAUNCH_KEY, queryFn: () => false, staleTime: Infinity, gcTime: Infinity }).data ?? false;
}

/**
 * What the window does once another connection is in use. Everything it shows was read
 * from the old connection's cache, so every query starts again from nothing (the
 * connections list only reads again, keeping its place), and a sync begins.
 */
export function useConnectionChanged(): (status?: ConnectionStatus) => void {
  const queryClient = useQueryClient();
  const sync = useSync();
  return useCallback(
    (status?: ConnectionStatus) => {
      queryClient.setQueryData(LEFT_LAUNCH_KEY, true);
      const kept: unknown[] = [CONNECTIONS_KEY[0], LEFT_LAUNCH_KEY[0]];
      void queryClient.resetQueries({ predicate: ({ queryKey }) => !kept.includes(queryKey[0]) });
      if (status) queryClient.setQueryData(["connectionStatus"], status);
      void queryClient.invalidateQueries({ queryKey: CONNECTIONS_KEY });
      sync.restart();
    },
    [queryClient, sync],
  );
}

/** Puts a saved connection (or, with null, the demo directory) in use. */
export function useSwitchConnection() {
  const backend = useBackend();
  const changed = useConnectionChanged();
  return useMutation<ConnectionStatus, BackendError, string | null>({
    mutationFn: (id) => backend.useConnection(id),
    onSuccess: (status) => changed(status),
  });
}
