import { useQuery } from "@tanstack/react-query";

import { count, STATUS_LABEL } from "../accounts/format";
import { useBackend } from "../backend/BackendContext";
import type { Overview } from "../bindings/Overview";
import { EmptyState } from "./EmptyState";
import { ViewHeader } from "./ViewHeader";

interface Bar {
  label: string;
  value: number;
  tone?: string;
}

/** A labelled bar chart that reads as a list of figures to a screen reader. */
function Bars({ title, bars, testId }: { title: string; bars: Bar[]; testId: string }) {
  const largest = Math.max(1, ...bars.map((bar) => bar.value));
  return (
    <section className="panel chart" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <h2 id={`${testId}-title`} className="panel__title">
        {title}
      </h2>
      <ul className="chart__bars">
        {bars.map((bar) => (
          <li key={bar.label} className="chart__row">
            <span className="chart__label">{bar.label}</span>
            <span className="chart__track" aria-hidden="true">
              <span
                className="chart__bar"
                data-tone={bar.tone}
                style={{ width: `${(bar.value / largest) * 100}%` }}
              />
            </span>
            <span className="chart__value">{count.format(bar.value)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function TwoStep({ overview }: { overview: Overview }) {
  const active = overview.twoStepOn + overview.twoStepOff;
  const share = active ? Math.round((overview.twoStepOn / active) * 100) : 0;
  return (
    <section className="panel chart" aria-labelledby="two-step-title" data-testid="two-step">
      <h2 id="two-step-title" className="panel__title">
        Two-step verification
      </h2>
      <p className="chart__headline">{share}%</p>
      <p className="muted">
        of active accounts use two-step verification ({count.format(overview.twoStepOn)} of{" "}
        {count.format(active)}); {count.format(overview.twoStepOff)} do not.
      </p>
      <span className="chart__track chart__track--wide" aria-hidden="true">
        <span className="chart__bar" data-tone="good" style={{ width: `${share}%` }} />
      </span>
    </section>
  );
}

export function OverviewView() {
  const backend = useBackend();
  // Keyed under "accounts", so it is read again whenever a sync changes the cache.
  const overview = useQuery({ queryKey: ["accounts", "overview"], queryFn: () => backend.accountsOverview() });

  if (overview.error) {
    return (
      <>
        <ViewHeader title="Overview" />
        <p className="notice notice--error" role="alert">
          The overview could not be read from the cache: {overview.error.message}
        </p>
      </>
    );
  }
  const data = overview.data;
  if (data && data.accounts === 0) {
    return (
      <>
        <ViewHeader title="Overview" />
        <EmptyState view="overview" title="Nothing to chart yet">
          <p>Once the managed accounts are synced, their statuses, two-step verification and activity are charted here.</p>
        </EmptyState>
      </>
    );
  }
  return (
    <>
      <ViewHeader title="Overview">
        {data
          ? `The ${count.format(data.accounts)} managed accounts in the cache at a glance; this works offline too.`
          : "Reading the cache…"}
      </ViewHeader>
      {data && (
        <div className="charts">
          <Bars
            title="Accounts by status"
            testId="by-status"
            bars={data.byStatus.map((s) => ({ label: STATUS_LABEL[s.status], value: s.accounts, tone: s.status }))}
          />
          <TwoStep overview={data} />
          <Bars
            title="Last active"
            testId="last-active"
            bars={data.lastActive.map((bucket) => ({ label: bucket.label, value: bucket.accounts }))}
          />
          <Bars
            title="Accounts per domain"
            testId="by-domain"
            bars={data.byDomain.slice(0, 8).map((domain) => ({ label: domain.name, value: domain.accounts }))}
          />
        </div>
      )}
    </>
  );
}
