import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, describe, expect, it } from "vitest";

import type { Account } from "../bindings/Account";
import type { ConnectionProfile } from "../bindings/ConnectionProfile";
import type { ConnectionStatus } from "../bindings/ConnectionStatus";
import type { ConnectionTest } from "../bindings/ConnectionTest";
import type { ConnectionsOverview } from "../bindings/ConnectionsOverview";
import {
  APP_INFO,
  ATLASSIAN,
  ATLASSIAN_CAPABILITIES,
  CONNECTED,
  EVERY_CAPABILITY,
  mockCommands,
  NO_ACCOUNTS,
  NO_CONNECTIONS,
  ORGANIZATION,
  renderApp,
  SYNCED,
} from "../test/renderApp";

const KEY = "s3cr3t-directory-key";
const BASE = { app_info: APP_INFO, connection_status: CONNECTED, sync_accounts: SYNCED, search_accounts: NO_ACCOUNTS };

const DIRECTORY: ConnectionProfile = {
  id: "c-1",
  name: "Acme directory",
  kind: "custodianDirectory",
  baseUrl: "https://directory.acme.com",
  orgId: "org-7",
};

const SAVED: ConnectionsOverview = { ...NO_CONNECTIONS, profiles: [DIRECTORY] };

const TESTED: ConnectionTest = {
  organizationName: "Acme Corp",
  plan: "guard-standard",
  twoStepEnforced: true,
  experience: "centralized",
  capabilities: EVERY_CAPABILITY,
};

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => 1000 });
});

async function openConnections(user: ReturnType<typeof userEvent.setup>) {
  await user.keyboard("{Control>},{/Control}");
  const section = await screen.findByRole("region", { name: "Connections" });
  await within(section).findByRole("table");
  return section;
}

describe("Settings > Connections", () => {
  it("tests a new Custodian Directory connection, saves it with its key, and shows the key nowhere", async () => {
    const sent: Record<string, unknown>[] = [];
    mockCommands({
      ...BASE,
      test_new_connection: (args: Record<string, unknown>) => (sent.push({ test: args }), TESTED),
      add_connection: (args: Record<string, unknown>) => (sent.push({ add: args }), SAVED),
    });
    renderApp();
    const user = userEvent.setup();
    const section = await openConnections(user);
    expect(within(section).getByText("API keys are kept in the OS keychain.")).toBeTruthy();
    const demo = within(section).getByRole("row", { name: /Demo directory/ });
    expect(within(demo).getByText("In use")).toBeTruthy();

    await user.click(within(section).getByRole("button", { name: "Add connection…" }));
    const dialog = await screen.findByRole("dialog", { name: "Add a connection" });
    await user.click(within(dialog).getByRole("radio", { name: "Custodian Directory" }));
    await user.type(within(dialog).getByLabelText("Name"), "Acme directory");
    await user.type(within(dialog).getByLabelText("URL"), "https://directory.acme.com");
    await user.type(within(dialog).getByLabelText("Organization ID"), "org-7");
    const key = within(dialog).getByLabelText("API key");
    expect(key.getAttribute("type")).toBe("password");
    expect(key.getAttribute("autocomplete")).toBe("off");
    await user.type(key, KEY);

    await user.click(within(dialog).getByRole("button", { name: "Test" }));
    const result = await within(dialog).findByRole("region", { name: "Test result" });
    expect(within(result).getByText("Connected to Acme Corp.")).toBeTruthy();
    expect(within(result).getByText("Atlassian Guard Standard")).toBeTruthy();
    expect(within(result).getByText("Centralized user management")).toBeTruthy();
    const offered = within(result).getByRole("list", { name: "Available on this connection" });
    expect(within(offered).getByText("See recent devices and log them out")).toBeTruthy();
    expect(within(offered).getByText("Verify domains")).toBeTruthy();
    expect(within(result).queryByRole("list", { name: "Not available on this connection" })).toBeNull();

    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    const connection = { name: "Acme directory", kind: "custodianDirectory", url: "https://directory.acme.com", orgId: "org-7" };
    expect(sent).toEqual([{ test: { connection, key: KEY } }, { add: { connection, key: KEY } }]);
    expect(within(section).getByRole("row", { name: /Acme directory/ })).toBeTruthy();
    // The key went to the core and is not kept in any field of the window.
    expect(screen.queryByDisplayValue(KEY)).toBeNull();
    expect(document.body.innerHTML).not.toContain(KEY);
  });

  it("offers Atlassian Cloud at its fixed address, and says what its public API cannot do", async () => {
    mockCommands({
      ...BASE,
      test_new_connection: { ...TESTED, plan: null, twoStepEnforced: null, experience: "original", capabilities: ATLASSIAN_CAPABILITIES },
    });
    renderApp();
    const user = userEvent.setup();
    const section = await openConnections(user);
    await user.click(within(section).getByRole("button", { name: "Add connection…" }));
    const dialog = await screen.findByRole("dialog", { name: "Add a connection" });
    expect((within(dialog).getByRole("radio", { name: "Atlassian Cloud" }) as HTMLInputElement).checked).toBe(true);
    expect(within(dialog).getByTestId("atlassian-address").textContent).toBe("https://api.atlassian.com");
    expect(within(dialog).queryByLabelText("URL")).toBeNull();
    // Nothing to test or save until every field is filled in.
    expect(within(dialog).getByRole("button", { name: "Save" })).toHaveProperty("disabled", true);
    await user.type(within(dialog).getByLabelText("Name"), "Acme on Atlassian");
    await user.type(within(dialog).getByLabelText("Organization ID"), "0a1b2c3d-org");
    await user.type(within(dialog).getByLabelText("Organization API key"), KEY);
    await user.click(within(dialog).getByRole("button", { name: "Test" }));

    const result = await within(dialog).findByRole("region", { name: "Test result" });
    expect(within(result).getByText("Original user management")).toBeTruthy();
    expect(within(result).getAllByText("Not reported")).toHaveLength(2);
    expect(within(result).getByRole("heading", { name: "Not available through Atlassian's public API" })).toBeTruthy();
    const missing = within(result).getByRole("list", { name: "Not available on this connection" });
    expect(within(missing).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "Change and remove profile photos",
      "Exclude accounts from two-step verification",
      "See recent devices and log them out",
      "Require a password reset",
      "Check before deleting whether a deletion would be refused",
      "Verify domains",
      "Claim the accounts on a verified domain",
    ]);
  });

  it("shows the core's refusal when a connection cannot be added, and keeps the form", async () => {
    const refusal = "The directory refused the API key: it belongs to another organization.";
    mockCommands({ ...BASE, add_connection: { reject: { code: "notPermitted", message: refusal } } });
    renderApp();
    const user = userEvent.setup();
    const section = await openConnections(user);
    await user.click(within(section).getByRole("button", { name: "Add connection…" }));
    const dialog = await screen.findByRole("dialog", { name: "Add a connection" });
    await user.type(within(dialog).getByLabelText("Name"), "Acme on Atlassian");
    await user.type(within(dialog).getByLabelText("Organization ID"), "other-org");
    await user.type(within(dialog).getByLabelText("Organization API key"), KEY);
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    expect((await within(dialog).findByRole("alert")).textContent).toBe(refusal);
    expect(within(dialog).getByLabelText("Name")).toHaveProperty("value", "Acme on Atlassian");
    expect(within(section).queryByRole("row", { name: /Acme on Atlassian/ })).toBeNull();
  });

  it("switches to a saved connection: the window reads its cache afresh and syncs it", async () => {
    const ANA: Account = {
      accountId: "ana-1",
      name: "Ana García",
      publicName: null,
      email: "ana@acme.com",
      jobTitle: null,
      department: null,
      organization: null,
      location: null,
      timeZone: null,
      locale: null,
      status: "active",
      managedBy: "invited",
      twoStepEnabled: true,
      productCount: 0,
      lastActive: null,
      addedToOrg: null,
    };
    const BEA: Account = { ...ANA, accountId: "bea-1", name: "Bea Santos", email: "bea@acme-corp.com" };
    const switchedTo: unknown[] = [];
    let inUse: string | null = null;
    const status = (): ConnectionStatus => (inUse === null ? CONNECTED : { ...CONNECTED, name: "Acme directory", orgId: "org-7" });
    const calls = mockCommands({
      ...BASE,
      connections: () => ({ ...SAVED, inUse, inUseName: status().name }),
      connection_status: status,
      refresh_organization: () => (inUse === null ? ORGANIZATION : { ...ORGANIZATION, orgId: "org-7", name: "Acme Corp" }),
      search_accounts: () => ({ total: 1, offset: 0, accounts: [inUse === null ? ANA : BEA] }),
      use_connection: ({ id }: Record<string, unknown>) => {
        switchedTo.push(id);
        inUse = id as string | null;
        return status();
      },
    });
    renderApp();
    const user = userEvent.setup();
    await screen.findByText("Ana García");
    await waitFor(() => expect(calls.filter((c) => c === "sync_accounts")).toHaveLength(1));
    const section = await openConnections(user);
    const syncs = calls.filter((c) => c === "sync_accounts").length;
    const searches = calls.filter((c) => c === "search_accounts").length;
    const organizationReads = calls.filter((c) => c === "refresh_organization").length;

    await user.click(within(section).getByRole("button", { name: "Use Acme directory" }));

    await waitFor(() => expect(within(section).getByRole("row", { name: /Acme directory/ }).textContent).toMatch(/In use/));
    expect(switchedTo).toEqual(["c-1"]);
    expect(within(section).getByRole("button", { name: "Use Demo directory" })).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId("connection-status").textContent).toBe("Acme directory"));
    await waitFor(() => expect(screen.getByTestId("organization").textContent).toMatch(/^Acme Corp/));
    expect(calls.filter((c) => c === "refresh_organization").length).toBeGreaterThan(organizationReads);
    await waitFor(() => expect(calls.filter((c) => c === "sync_accounts").length).toBeGreaterThan(syncs));

    // Back on the list, the old connection's accounts are gone: not shown even for a moment.
    await user.keyboard("{Control>}1{/Control}");
    expect(screen.queryByText("Ana García")).toBeNull();
    expect(await screen.findByText("Bea Santos")).toBeTruthy();
    expect(calls.filter((c) => c === "search_accounts").length).toBeGreaterThan(searches);
  });

  it("lets a sync of the connection left end, then syncs the one put in use", async () => {
    let endFirstSync: (() => void) | undefined;
    let syncs = 0;
    mockCommands({
      ...BASE,
      connections: SAVED,
      // The first sync hangs until the switch; the core cancels it then.
      sync_accounts: () => {
        syncs += 1;
        if (syncs > 1) return SYNCED;
        return new Promise((_, reject) => {
          endFirstSync = () => reject({ code: "cancelled", message: "The sync was cancelled." });
        });
      },
      use_connection: { ...CONNECTED, name: "Acme directory" },
    });
    renderApp();
    const user = userEvent.setup();
    const section = await openConnections(user);
    await waitFor(() => expect(endFirstSync).toBeDefined());

    await user.click(within(section).getByRole("button", { name: "Use Acme directory" }));
    await within(section).findByText(/Now using Acme directory/);
    expect(syncs).toBe(1);
    endFirstSync?.();
    await waitFor(() => expect(syncs).toBe(2));
  });

  it("asks before removing a connection, saying its key and cache go too", async () => {
    const removed: unknown[] = [];
    mockCommands({
      ...BASE,
      connections: SAVED,
      remove_connection: ({ id }: Record<string, unknown>) => (removed.push(id), NO_CONNECTIONS),
    });
    renderApp();
    const user = userEvent.setup();
    const section = await openConnections(user);

    await user.click(within(section).getByRole("button", { name: "Remove Acme directory" }));
    let dialog = await screen.findByRole("dialog", { name: "Remove Acme directory?" });
    expect(within(dialog).getByText(/API key is removed from the keychain/)).toBeTruthy();
    expect(within(dialog).getByText(/the cached accounts/)).toBeTruthy();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(removed).toEqual([]);

    await user.click(within(section).getByRole("button", { name: "Remove Acme directory" }));
    dialog = await screen.findByRole("dialog", { name: "Remove Acme directory?" });
    await user.click(within(dialog).getByRole("button", { name: "Remove connection" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(removed).toEqual(["c-1"]);
    expect(within(section).queryByRole("row", { name: /Acme directory/ })).toBeNull();
  });

  it("edits a connection, keeping its key when the field is left empty, and shows why an edit is refused", async () => {
    const edits: Record<string, unknown>[] = [];
    const refusal =
      "this connection is in use: switch to another one before pointing it at another organization or server";
    mockCommands({
      ...BASE,
      connections: { ...SAVED, inUse: "c-1", inUseName: "Acme directory" },
      edit_connection: (args: Record<string, unknown>) => {
        edits.push(args);
        if ((args.edit as { orgId: string }).orgId !== "org-7") throw { code: "invalidInput", message: refusal };
        return { ...SAVED, inUse: "c-1", profiles: [{ ...DIRECTORY, name: "Acme (production)" }] };
      },
    });
    renderApp();
    const user = userEvent.setup();
    const section = await openConnections(user);
    await user.click(within(section).getByRole("button", { name: "Edit Acme directory" }));
    const dialog = await screen.findByRole("dialog", { name: "Edit Acme directory" });
    expect(within(dialog).getByLabelText("API key")).toHaveProperty("value", "");

    const orgId = within(dialog).getByLabelText("Organization ID");
    await user.clear(orgId);
    await user.type(orgId, "org-8");
    // Pointed elsewhere, the kept key is not sent there: a new one is needed to save.
    expect(within(dialog).getByRole("button", { name: "Save" })).toHaveProperty("disabled", true);
    await user.type(within(dialog).getByLabelText("API key"), "a-new-key-for-org-8-0123456789");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect((await within(dialog).findByRole("alert")).textContent).toBe(refusal);
    await user.clear(within(dialog).getByLabelText("API key"));

    await user.clear(orgId);
    await user.type(orgId, "org-7");
    const name = within(dialog).getByLabelText("Name");
    await user.clear(name);
    await user.type(name, "Acme (production)");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(edits.at(-1)).toEqual({
      id: "c-1",
      edit: { name: "Acme (production)", url: "https://directory.acme.com", orgId: "org-7" },
      key: null,
    });
    expect(within(section).getByRole("row", { name: /Acme \(production\)/ })).toBeTruthy();
  });

  it("tests a saved connection with the key kept for it", async () => {
    const tested: Record<string, unknown>[] = [];
    mockCommands({
      ...BASE,
      connections: SAVED,
      test_saved_connection: (args: Record<string, unknown>) => (tested.push(args), TESTED),
    });
    renderApp();
    const user = userEvent.setup();
    const section = await openConnections(user);
    await user.click(within(section).getByRole("button", { name: "Test Acme directory" }));
    const dialog = await screen.findByRole("dialog", { name: "Test Acme directory" });
    expect(await within(dialog).findByText("Connected to Acme Corp.")).toBeTruthy();
    expect(tested).toEqual([{ id: "c-1", key: null }]);
  });

  it("warns when no keychain is available, in the core's words", async () => {
    const detail = "No keychain is available (no Secret Service is running): API keys are kept in memory for this session only.";
    mockCommands({ ...BASE, connections: { ...NO_CONNECTIONS, keychain: { available: false, detail } } });
    renderApp();
    const user = userEvent.setup();
    const section = await openConnections(user);
    expect(within(section).getByTestId("keychain-warning").textContent).toBe(detail);
    expect(within(section).queryByText("API keys are kept in the OS keychain.")).toBeNull();
    await user.click(within(section).getByRole("button", { name: "Add connection…" }));
    const dialog = await screen.findByRole("dialog", { name: "Add a connection" });
    expect(within(dialog).getByText(/kept in memory for this session only/)).toBeTruthy();
  });

  it("says when the connection in use was named at launch, and why the saved ones could not be read", async () => {
    mockCommands({
      ...BASE,
      connection_status: { ...CONNECTED, name: "Custodian Directory at http://127.0.0.1:8080" },
      connections: {
        ...NO_CONNECTIONS,
        inUseName: "Custodian Directory at http://127.0.0.1:8080",
        launchOverride: true,
        problem: "connections.json is not valid JSON at line 3",
      },
    });
    renderApp();
    const user = userEvent.setup();
    const section = await openConnections(user);
    const launched = within(section).getByRole("row", { name: /Custodian Directory at http:\/\/127.0.0.1:8080/ });
    expect(within(launched).getByText("In use")).toBeTruthy();
    expect(within(section).getByText(/is in use because Custodian was started with it/)).toBeTruthy();
    expect(within(within(section).getByRole("row", { name: /Demo directory/ })).queryByText("In use")).toBeNull();
    expect(within(section).getByRole("alert").textContent).toBe(
      "The saved connections could not be read: connections.json is not valid JSON at line 3",
    );
  });

  it("switches back to the demo directory from an Atlassian Cloud connection", async () => {
    const switchedTo: unknown[] = [];
    mockCommands({
      ...BASE,
      connection_status: ATLASSIAN,
      connections: {
        ...NO_CONNECTIONS,
        profiles: [{ id: "a-1", name: "Acme on Atlassian", kind: "atlassianCloud", baseUrl: "https://api.atlassian.com", orgId: "0a1b2c3d-org" }],
        inUse: "a-1",
        inUseName: "Acme on Atlassian",
      },
      use_connection: ({ id }: Record<string, unknown>) => (switchedTo.push(id), CONNECTED),
    });
    renderApp();
    const user = userEvent.setup();
    const section = await openConnections(user);
    expect(within(section).getByRole("row", { name: /Acme on Atlassian/ }).textContent).toMatch(/Atlassian Cloud · Organization 0a1b2c3d-org/);
    await user.click(within(section).getByRole("button", { name: "Use Demo directory" }));
    await waitFor(() => expect(switchedTo).toEqual([null]));
    expect(await within(section).findByText(/Now using Demo directory/)).toBeTruthy();
  });
});
