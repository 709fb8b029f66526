import { useCallback, useEffect, useRef, useState } from "react";

import { Sidebar } from "./shell/Sidebar";
import { StatusBar } from "./shell/StatusBar";
import { useViewShortcuts } from "./shell/useViewShortcuts";
import type { ViewId } from "./shell/views";
import { AccountsView } from "./views/AccountsView";
import { ActivityView } from "./views/ActivityView";
import { DomainsView } from "./views/DomainsView";
import { OverviewView } from "./views/OverviewView";
import { PendingView } from "./views/PendingView";
import { ReviewsView } from "./views/ReviewsView";
import { SettingsView } from "./views/SettingsView";

const CONTENT: Record<ViewId, () => React.JSX.Element> = {
  accounts: AccountsView,
  overview: OverviewView,
  domains: DomainsView,
  activity: ActivityView,
  pending: PendingView,
  reviews: ReviewsView,
  settings: SettingsView,
};

export function App() {
  const [view, setView] = useState<ViewId>("accounts");
  const main = useRef<HTMLElement>(null);
  const moved = useRef(false);

  const navigate = useCallback((next: ViewId) => {
    moved.current = true;
    setView(next);
  }, []);
  useViewShortcuts(navigate);

  // After a switch, focus lands on the new view's heading, so screen readers announce it
  // and Tab continues inside it. Not on first load: focus starts at the navigation.
  useEffect(() => {
    if (!moved.current) return;
    main.current?.querySelector<HTMLElement>("h1")?.focus();
  }, [view]);

  const Content = CONTENT[view];
  return (
    <div className="app">
      <Sidebar current={view} onNavigate={navigate} />
      <main ref={main} className="view" data-view={view}>
        <Content />
      </main>
      <StatusBar />
    </div>
  );
}
