// Renders the whole app over the real Tauri backend module, with Rust's answers played
// by mockIPC: what the UI sends and what it does with each answer is what gets tested.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { mockIPC } from "@tauri-apps/api/mocks";

import { App } from "../App";
import { BackendProvider } from "../backend/BackendContext";
import { tauriBackend } from "../backend/tauriBackend";
import { OutboxProvider } from "../outbox/OutboxContext";
import { SyncProvider } from "../sync/SyncContext";
import type { AccountPage } from "../bindings/AccountPage";
import type { AppInfo } from "../bindings/AppInfo";
import type { Capabilities } from "../bindings/Capabilities";
import { EVERY_CAPABILITY } from "../connections/useCapabilities";
import type { ConnectionStatus } from "../bindings/ConnectionStatus";
import type { ConnectionsOverview } from "../bindings/ConnectionsOverview";
import type { Facets } from "../bindings/Facets";
import type { Organization } from "../bindings/Organization";
import type { Overview } from "../bindings/Overview";
import type { SyncReport } from "../bindings/SyncReport";
import type { WireError } from "../bindings/WireError";

export const APP_INFO: AppInfo = {
  name: "Custodian",
  version: "9.8.7",
  dataDir: "/home/admin/.local/share/io.custodian.desktop",
  logDir: "/home/admin/.local/share/io.custodian.desktop/logs",
};

/** Everything a Custodian Directory serves, extensions included. */
export { EVERY_CAPABILITY };

export const CONNECTED: ConnectionStatus = {
  name: "Demo directory",
  kind: "custodianDirectory",
  orgId: "org-1",
  capabilities: EVERY_CAPABILITY,
  sync: { lastFullSync: null, lastSync: null, lastAttempt: null, lastError: null, offline: false },
};

/** What Atlassian's public API offers: no extensions (as Rust's `Capabilities::of`). */
export const ATLASSIAN_CAPABILITIES: Capabilities = {
  ...EVERY_CAPABILITY,
  avatar: false,
  twoStepExclusion: false,
  devices: false,
  passwordReset: false,
  claimAccounts: false,
  verifyDomains: false,
  deleteCheck: false,
};

export const ATLASSIAN: ConnectionStatus = {
  ...CONNECTED,
  name: "Acme on Atlassian",
  kind: "atlassianCloud",
  orgId: "0a1b2c3d-org",
  capabilities: ATLASSIAN_CAPABILITIES,
};

/** Settings > Connections with nothing saved: the demo directory in use, keys to the keychain. */
export const NO_CONNECTIONS: ConnectionsOverview = {
  profiles: [],
  inUse: null,
  inUseName: "Demo directory",
  launchOverride: false,
  keychain: { available: true, detail: "API keys are kept in the OS keychain (Secret Service)." },
  problem: null,
};

export const NO_FACETS: Facets = { domains: [], products: [] };

export const OVERVIEW: Overview = {
  accounts: 120,
  byStatus: [
    { status: "active", accounts: 100 },
    { status: "suspended", accounts: 5 },
    { status: "deactivated", accounts: 10 },
    { status: "pendingDeletion", accounts: 5 },
  ],
  twoStepOn: 75,
  twoStepOff: 25,
  lastActive: [
    { label: "Within 7 days", accounts: 60 },
    { label: "Never", accounts: 60 },
  ],
  byDomain: [{ name: "acme.com", accounts: 120 }],
};

export const ORGANIZATION: Organization = {
  orgId: "org-1",
  name: "Acme",
  plan: "guard-standard",
  twoStepEnforced: true,
  experience: "centralized",
  domains: [
    { domainId: "d-1", name: "acme.com", verified: true, claimMethod: "dns" },
    { domainId: "d-2", name: "fabrikam.example", verified: false, claimMethod: "http" },
  ],
  refreshedAt: Date.now(),
};

export const SYNCED: SyncReport = { kind: "full", accounts: 0, removed: 0, millis: 5 };

export const NO_ACCOUNTS: AccountPage = { total: 0, offset: 0, accounts: [] };

type Answer = unknown | { reject: WireError } | ((args: Record<string, unknown>) => unknown);

export function mockCommands(answers: Record<string, Answer>) {
  const calls: string[] = [];
  mockIPC((command, args) => {
    calls.push(command);
    if (command === "account_facets" && !(command in answers)) return NO_FACETS;
    if (command === "accounts_overview" && !(command in answers)) return OVERVIEW;
    if (command === "organization" && !(command in answers)) return ORGANIZATION;
    if (command === "refresh_organization" && !(command in answers)) return ORGANIZATION;
    if (command === "pending_changes" && !(command in answers)) return [];
    if (command === "connections" && !(command in answers)) return NO_CONNECTIONS;
    if (!(command in answers)) throw { code: "internal", message: `unexpected command ${command}` };
    const answer = answers[command];
    if (typeof answer === "function") return answer(args as Record<string, unknown>);
    if (typeof answer === "object" && answer !== null && "reject" in answer) throw answer.reject;
    return answer;
  });
  return calls;
}

export function renderApp() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <BackendProvider backend={tauriBackend}>
        <SyncProvider>
          <OutboxProvider>
            <App />
          </OutboxProvider>
        </SyncProvider>
      </BackendProvider>
    </QueryClientProvider>,
  );
}
