// The sync as the whole window sees it: started once at launch and on demand (button,
// Ctrl+R), one at a time, its progress shared with the status bar. When it ends, the lists
// and the status bar read the cache again.
import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";

import { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import { useConnectionStatus } from "../backend/queries";
import type { SyncProgress } from "../bindings/SyncProgress";

export interface Sync {
  running: boolean;
  progress: SyncProgress | null;
  start(): void;
  /**
   * A sync of the connection just put in use: a sync still running (of the one left, which
   * the core is cancelling) is let end first.
   */
  restart(): void;
  cancel(): void;
}

const SyncContext = createContext<Sync | null>(null);

const LAUNCH_SYNC_DELAY_MS = 800;
const RECONNECT_EVERY_MS = 15_000;
const FIRST_SYNC_REFRESH_MS = 3_000;

export function SyncProvider({ children }: { children: ReactNode }) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const inFlight = useRef(false);
  const again = useRef(false);
  const lastRefresh = useRef(0);

  // On a first sync (nothing cached, so no total yet) the accounts appear as they arrive.
  // Later syncs refresh the list once, at the end: every refresh rebuilds the cache's index,
  // which would compete with the sync's writes.
  const onProgress = useCallback(
    (next: SyncProgress) => {
      setProgress(next);
      const now = Date.now();
      if (next.total === null && now - lastRefresh.current > FIRST_SYNC_REFRESH_MS) {
        lastRefresh.current = now;
        void queryClient.invalidateQueries({ queryKey: ["accounts"] });
      }
    },
    [queryClient],
  );

  const start = useCallback(() => {
    function run() {
      if (inFlight.current) return;
      inFlight.current = true;
      setRunning(true);
      setProgress(null);
      backend
        .syncAccounts(onProgress)
        // A failure is recorded in the cache's sync state, which the status bar shows.
        .catch((reason: unknown) => console.warn("sync did not finish", BackendError.from(reason).code))
        .finally(() => {
          inFlight.current = false;
          setRunning(false);
          setProgress(null);
          void queryClient.invalidateQueries({ queryKey: ["accounts"] });
          void queryClient.invalidateQueries({ queryKey: ["connectionStatus"] });
          if (again.current) {
            again.current = false;
            run();
          }
        });
    }
    run();
  }, [backend, queryClient, onProgress]);

  const restart = useCallback(() => {
    if (inFlight.current) again.current = true;
    else start();
  }, [start]);

  const cancel = useCallback(() => void backend.cancelSync(), [backend]);

  // Shortly after launch, so the cached list draws first; and on Ctrl+R.
  useEffect(() => {
    const atLaunch = window.setTimeout(start, LAUNCH_SYNC_DELAY_MS);
    function onKeyDown(event: KeyboardEvent) {
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === "r") {
        event.preventDefault();
        start();
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => {
      window.clearTimeout(atLaunch);
      window.removeEventListener("keydown", onKeyDown);
    };
  }, [start]);

  // While the directory cannot be reached, try again every so often: the app reconnects by
  // itself, and the status bar says so.
  const offline = useConnectionStatus().data?.sync.offline ?? false;
  useEffect(() => {
    if (!offline || running) return;
    const retry = window.setTimeout(start, RECONNECT_EVERY_MS);
    return () => window.clearTimeout(retry);
  }, [offline, running, start]);

  const value = useMemo(() => ({ running, progress, start, restart, cancel }), [running, progress, start, restart, cancel]);
  return <SyncContext value={value}>{children}</SyncContext>;
}

export function useSync(): Sync {
  const sync = useContext(SyncContext);
  if (!sync) throw new Error("useSync needs a <SyncProvider> above it");
  return sync;
}
