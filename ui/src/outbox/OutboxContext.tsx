// Sending the outbox, as the whole window sees it: started when the directory answers
// again (a sync has just succeeded) and there are changes waiting, or on demand; one
// send at a time, its progress shared with the status bar and the Pending changes view.
import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";

import { BackendError } from "../backend/Backend";
import { useBackend } from "../backend/BackendContext";
import { useConnectionStatus } from "../backend/queries";
import type { OutboxProgress } from "../bindings/OutboxProgress";
import type { OutboxReport } from "../bindings/OutboxReport";
import { isWaiting, PENDING_CHANGES_KEY, usePendingChanges } from "./usePendingChanges";

export interface Outbox {
  sending: boolean;
  progress: OutboxProgress | null;
  /** How the last send ended. */
  report: OutboxReport | null;
  send(): void;
}

const OutboxContext = createContext<Outbox | null>(null);

export function OutboxProvider({ children }: { children: ReactNode }) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const [sending, setSending] = useState(false);
  const [progress, setProgress] = useState<OutboxProgress | null>(null);
  // With the connection it was about: another connection has its own outbox.
  const [last, setLast] = useState<{ connection: string | undefined; report: OutboxReport } | null>(null);
  const connectionName = useConnectionStatus().data?.name;
  const report = last && last.connection === connectionName ? last.report : null;
  const inFlight = useRef(false);

  const send = useCallback(() => {
    if (inFlight.current) return;
    inFlight.current = true;
    setSending(true);
    setProgress(null);
    backend
      .sendPendingChanges(setProgress)
      .then((report) => setLast({ connection: connectionName, report }))
      .catch((reason: unknown) => console.warn("pending changes were not sent", BackendError.from(reason).code))
      .finally(() => {
        inFlight.current = false;
        setSending(false);
        setProgress(null);
        void queryClient.invalidateQueries({ queryKey: PENDING_CHANGES_KEY });
        void queryClient.invalidateQueries({ queryKey: ["accounts"] });
        void queryClient.invalidateQueries({ queryKey: ["activity"] });
        void queryClient.invalidateQueries({ queryKey: ["connectionStatus"] });
      });
  }, [backend, queryClient, connectionName]);

  // Each time a sync succeeds the directory is known to answer: send what waits. That is
  // also how a connection that comes back is noticed (the app retries the sync offline).
  const status = useConnectionStatus().data?.sync;
  const waiting = (usePendingChanges().data ?? []).some(isWaiting);
  const sentAfter = useRef<number | null>(null);
  useEffect(() => {
    const lastSync = status?.lastSync ?? null;
    if (lastSync === null || status?.offline || !waiting || sentAfter.current === lastSync) return;
    sentAfter.current = lastSync;
    send();
  }, [status, waiting, send]);

  const value = useMemo(() => ({ sending, progress, report, send }), [sending, progress, report, send]);
  return <OutboxContext value={value}>{children}</OutboxContext>;
}

export function useOutbox(): Outbox {
  const outbox = useContext(OutboxContext);
  if (!outbox) throw new Error("useOutbox needs an <OutboxProvider> above it");
  return outbox;
}
