import { useEffect, useState } from "react";

import { ago, count } from "../accounts/format";
import { useAppInfo, useConnectionStatus } from "../backend/queries";
import type { SyncProgress } from "../bindings/SyncProgress";
import { useOutbox } from "../outbox/OutboxContext";
import { isWaiting, usePendingChanges } from "../outbox/usePendingChanges";
import { useSync } from "../sync/SyncContext";
import { useNow } from "./useNow";

function progressText(progress: SyncProgress | null): string {
  if (!progress || progress.done === 0) return "Syncing…";
  const done = count.format(progress.done);
  const of = progress.total ? ` of ${count.format(progress.total)}` : "";
  const rate = progress.perSecond > 0 ? ` · ${count.format(Math.round(progress.perSecond))}/s` : "";
  const left = progress.secondsLeft !== null && progress.secondsLeft > 0 ? ` · ${Math.ceil(progress.secondsLeft)} s left` : "";
  return `Syncing ${done}${of} accounts${rate}${left}`;
}

/** True for a while after the connection comes back, so the admin sees that it did. */
function useBackOnline(offline: boolean | undefined): boolean {
  const [wasOffline, setWasOffline] = useState(false);
  const [backOnline, setBackOnline] = useState(false);
  if (offline && !wasOffline) setWasOffline(true);
  if (offline === false && wasOffline) {
    setWasOffline(false);
    setBackOnline(true);
  }
  useEffect(() => {
    if (!backOnline) return;
    const timer = window.setTimeout(() => setBackOnline(false), 60_000);
    return () => window.clearTimeout(timer);
  }, [backOnline]);
  return backOnline;
}

export function StatusBar() {
  const connection = useConnectionStatus();
  const info = useAppInfo();
  const sync = useSync();
  const now = useNow();

  const backOnline = useBackOnline(connection.data?.sync.offline);

  let tone = "idle";
  let text = "Checking the connection…";
  if (connection.data) {
    const { lastSync, lastError, offline } = connection.data.sync;
    if (offline) {
      tone = "offline";
      text = lastSync
        ? `Offline, showing accounts as of ${new Date(lastSync).toLocaleString()}`
        : "Offline: the directory cannot be reached, and nothing is cached yet";
    } else if (lastError) {
      tone = "error";
      text = `Last sync failed: ${lastError}`;
    } else {
      tone = lastSync ? "online" : "idle";
      text = lastSync ? `Synced ${ago(lastSync, now)}` : "Not synced yet";
      if (backOnline && lastSync) text = `Back online · ${text}`;
    }
  } else if (connection.error) {
    tone = "error";
    text = `Connection status unavailable: ${connection.error.message}`;
  }

  const progress = sync.progress;
  const fraction = progress?.total ? Math.min(1, progress.done / progress.total) : undefined;
  return (
    <footer className="statusbar" aria-label="Status">
      <span className="statusbar__connection" data-testid="connection-status">
        <span className={`statusbar__dot statusbar__dot--${sync.running ? "online" : tone}`} aria-hidden="true" />
        {connection.data?.name ?? ""}
      </span>
      {sync.running ? (
        <>
          <progress
            className="statusbar__progress"
            aria-label="Sync progress"
            max={1}
            value={fraction}
          />
          <span role="status" data-testid="sync-status">{progressText(progress)}</span>
          <button type="button" className="statusbar__action" onClick={sync.cancel}>
            Cancel
          </button>
        </>
      ) : (
        <>
          <span role="status" data-testid="sync-status">{text}</span>
          <button type="button" className="statusbar__action" onClick={sync.start} title="Sync now (Ctrl+R)">
            Sync now
          </button>
        </>
      )}
      <OutboxStatus />
      <span className="statusbar__spacer" />
      {info.data && <span className="statusbar__version">Custodian {info.data.version}</span>}
    </footer>
  );
}

/** The outbox at a glance: sending, or how many changes wait. */
function OutboxStatus() {
  const outbox = useOutbox();
  const changes = usePendingChanges().data ?? [];
  const waiting = changes.filter(isWaiting).length;
  const held = changes.length - waiting;
  let text = "";
  if (outbox.sending) {
    const p = outbox.progress;
    text = p && p.total > 0 ? `Sending pending changes: ${Math.min(p.done + 1, p.total)} of ${p.total}` : "Sending pending changes…";
  } else if (waiting > 0 || held > 0) {
    const parts = [];
    if (waiting > 0) parts.push(waiting === 1 ? "1 change waiting to be sent" : `${waiting} changes waiting to be sent`);
    if (held > 0) parts.push(held === 1 ? "1 needs your decision" : `${held} need your decision`);
    text = parts.join(" · ");
  }
  if (!text) return null;
  return (
    <span className="statusbar__outbox" role="status" data-testid="outbox-status">
      {text}
    </span>
  );
}
