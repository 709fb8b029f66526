// Query hooks over the Backend: the cache keys live here, next to what they fetch.
import { useQuery } from "@tanstack/react-query";

import type { AppInfo } from "../bindings/AppInfo";
import type { ConnectionStatus } from "../bindings/ConnectionStatus";
import type { BackendError } from "./Backend";
import { useBackend } from "./BackendContext";

export function useAppInfo() {
  const backend = useBackend();
  return useQuery<AppInfo, BackendError>({
    queryKey: ["appInfo"],
    queryFn: () => backend.appInfo(),
    staleTime: Infinity,
  });
}

/** Polled, so the status bar follows the connection without a reload. */
export function useConnectionStatus() {
  const backend = useBackend();
  return useQuery<ConnectionStatus, BackendError>({
    queryKey: ["connectionStatus"],
    queryFn: () => backend.connectionStatus(),
    refetchInterval: 15_000,
  });
}
