import { count } from "../accounts/format";
import { useConnectionStatus } from "../backend/queries";
import type { OutboxReport } from "../bindings/OutboxReport";
import { useOutbox } from "../outbox/OutboxContext";
import { PendingChangeCard } from "../outbox/PendingChangeCard";
import { isWaiting, usePendingChanges } from "../outbox/usePendingChanges";
import { EmptyState } from "./EmptyState";
import { ViewHeader } from "./ViewHeader";

function reportText(report: OutboxReport): string {
  const parts = [`${count.format(report.applied)} applied`];
  if (report.held) parts.push(`${count.format(report.held)} held for you`);
  if (report.failed) parts.push(`${count.format(report.failed)} failed`);
  if (report.stopped) parts.push(`stopped: ${report.stopped.message}; ${count.format(report.waiting)} still waiting`);
  return `Last send: ${parts.join(", ")}.`;
}

/**
 * The outbox: changes made while the directory could not be reached, and changes held
 * for the admin (conflicts, refusals). Sent in order when the directory answers.
 */
export function PendingView() {
  const pending = usePendingChanges();
  const outbox = useOutbox();
  const offline = useConnectionStatus().data?.sync.offline ?? false;
  const changes = pending.data ?? [];
  const waiting = changes.filter(isWaiting).length;
  const progress = outbox.progress;

  return (
    <div className="pending-view">
      <ViewHeader title="Pending changes">
        Changes wait here while the directory cannot be reached, and when one needs your decision. They are sent in the order you
        made them as soon as it answers; a change whose account was changed meanwhile is held for you, never applied over it.
      </ViewHeader>
      <div className="pending-view__toolbar">
        <button
          type="button"
          className="button button--primary"
          onClick={outbox.send}
          disabled={outbox.sending || waiting === 0}
          title={
            waiting === 0
              ? "Nothing is waiting to be sent"
              : offline
                ? "The directory cannot be reached: sending will wait for it"
                : undefined
          }
        >
          {outbox.sending ? "Sending…" : waiting > 0 ? `Send ${count.format(waiting)} now` : "Send now"}
        </button>
        {outbox.sending && (
          <>
            <progress className="pending-view__progress" aria-label="Sending pending changes" max={progress?.total || 1} value={progress?.done ?? 0} />
            <span role="status">
              {progress ? `Sending ${count.format(Math.min(progress.done + 1, progress.total))} of ${count.format(progress.total)}: ${progress.current}` : "Sending…"}
            </span>
          </>
        )}
        {!outbox.sending && outbox.report && <span role="status">{reportText(outbox.report)}</span>}
      </div>
      {pending.error && (
        <p className="notice notice--error" role="alert">
          The outbox could not be read: {pending.error.message}
        </p>
      )}
      {pending.data && changes.length === 0 ? (
        <EmptyState view="pending" title="Nothing pending">Every change you made has reached the directory.</EmptyState>
      ) : (
        <ol className="pending-view__list" aria-label="Pending changes, oldest first">
          {changes.map((change) => (
            <PendingChangeCard key={change.id} pending={change} />
          ))}
        </ol>
      )}
    </div>
  );
}
