import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, describe, expect, it } from "vitest";

import type { Account } from "../bindings/Account";
import type { AccountDetails } from "../bindings/AccountDetails";
import type { ConnectionStatus } from "../bindings/ConnectionStatus";
import { cachedDetails } from "../test/accountDetails";
import {
  APP_INFO,
  ATLASSIAN,
  ATLASSIAN_CAPABILITIES,
  CONNECTED,
  mockCommands,
  NO_ACCOUNTS,
  renderApp,
  SYNCED,
} from "../test/renderApp";

const NOT_HERE = "Not available through Atlassian's public API.";
const NOW_S = Math.floor(Date.now() / 1000);

const BEA: Account = {
  accountId: "bea-1",
  name: "Bea Santos",
  publicName: "Bea",
  email: "bea@acme.com",
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

/** Everything a Custodian Directory would show: a device to log out, enforcement to exclude from. */
const DETAILS: AccountDetails = cachedDetails(BEA, {
  twoStep: { state: "known", value: { enforced: true, excluded: false } },
  devices: {
    state: "known",
    value: [
      {
        deviceId: "d1",
        kind: "browser",
        name: "Firefox on Linux",
        location: null,
        ipAddress: null,
        lastActive: NOW_S - 60,
        session: "active",
        sessionEndsAt: null,
      },
    ],
  },
});

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => 1000 });
});

async function openBea(status: ConnectionStatus, answers: Record<string, unknown> = {}) {
  const calls = mockCommands({
    app_info: APP_INFO,
    connection_status: status,
    sync_accounts: SYNCED,
    search_accounts: { total: 1, offset: 0, accounts: [BEA] },
    account_details: DETAILS,
    refresh_account: DETAILS,
    ...answers,
  });
  renderApp();
  const user = userEvent.setup();
  // The capabilities come with the status: wait for it, as the admin would see it settle.
  await waitFor(() => expect(screen.getByTestId("connection-status").textContent).toBe(status.name));
  const grid = await screen.findByRole("grid", { name: "Managed accounts" });
  await within(grid).findByText("Bea Santos");
  grid.focus();
  await user.keyboard("{Enter}");
  const page = await screen.findByRole("region", { name: "Bea Santos" });
  await waitFor(() => expect(within(page).getByTestId("refresh-status").textContent).not.toMatch(/Refreshing/));
  return { calls, user, page };
}

describe("what the connection cannot do", () => {
  it("on Atlassian Cloud, shows the account page's photo, two-step and device actions as not available, with a way to Atlassian Administration", async () => {
    const opened: unknown[] = [];
    const { calls, user, page } = await openBea(ATLASSIAN, {
      open_in_atlassian_administration: ({ accountId }: Record<string, unknown>) => (opened.push(accountId), null),
    });

    const photo = within(page).getByTestId("photo-not-here");
    expect(photo.textContent).toMatch(NOT_HERE);
    expect(within(page).queryByRole("button", { name: "Change photo" })).toBeNull();
    expect(within(page).queryByRole("button", { name: "Remove photo" })).toBeNull();

    const twoStep = within(page).getByRole("region", { name: "Two-step verification" });
    expect(within(twoStep).getByRole("note").textContent).toMatch(NOT_HERE);
    expect(within(twoStep).queryByRole("button", { name: "Exclude" })).toBeNull();

    const devices = within(page).getByRole("region", { name: "Recent devices" });
    expect(within(devices).getByRole("note").textContent).toMatch(NOT_HERE);
    expect(within(devices).queryByRole("table")).toBeNull();
    expect(within(page).queryByRole("button", { name: /^Log out/ })).toBeNull();

    const lifecycle = within(page).getByRole("region", { name: "Account status" });
    expect(within(lifecycle).queryByRole("button", { name: "Require reset" })).toBeNull();
    expect(within(lifecycle).getByRole("note").textContent).toMatch(NOT_HERE);

    await user.click(within(devices).getByRole("button", { name: "Open in Atlassian Administration" }));
    await waitFor(() => expect(opened).toEqual(["bea-1"]));

    // No check before a deletion: the directory answers when it is asked to delete.
    await user.click(within(lifecycle).getByRole("button", { name: "Delete" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete Bea Santos?" });
    expect(within(dialog).getByTestId("deletion-unchecked").textContent).toMatch(/the directory says so when you delete/);
    expect(within(dialog).getByRole("button", { name: "Delete account" })).toBeTruthy();
    expect(calls).not.toContain("check_deletion");
  });

  it("says why Atlassian Administration could not be opened", async () => {
    const { user, page } = await openBea(ATLASSIAN, {
      open_in_atlassian_administration: { reject: { code: "internal", message: "the browser could not be opened: no browser" } },
    });
    const twoStep = within(page).getByRole("region", { name: "Two-step verification" });
    await user.click(within(twoStep).getByRole("button", { name: "Open in Atlassian Administration" }));
    expect((await within(twoStep).findByRole("alert")).textContent).toBe("the browser could not be opened: no browser");
  });

  it("on a Custodian Directory without extensions, says the directory does not offer them, with no Atlassian button", async () => {
    const { page } = await openBea({ ...CONNECTED, name: "Plain directory", capabilities: ATLASSIAN_CAPABILITIES });
    const devices = within(page).getByRole("region", { name: "Recent devices" });
    expect(within(devices).getByRole("note").textContent).toBe("This directory does not offer it.");
    expect(within(page).queryByText(NOT_HERE)).toBeNull();
    expect(within(page).queryByRole("button", { name: "Open in Atlassian Administration" })).toBeNull();
    expect(within(page).queryByRole("button", { name: "Change photo" })).toBeNull();
  });

  it("with every capability, offers every control and no note", async () => {
    const { page } = await openBea(CONNECTED);
    expect(within(page).getByRole("button", { name: "Change photo" })).toBeTruthy();
    expect(within(page).getByRole("button", { name: "Remove photo" })).toBeTruthy();
    expect(within(page).getByRole("button", { name: "Exclude" })).toBeTruthy();
    expect(within(page).getByRole("button", { name: "Log out Firefox on Linux" })).toBeTruthy();
    expect(within(page).getByRole("button", { name: "Require reset" })).toBeTruthy();
    expect(within(page).queryByRole("note")).toBeNull();
  });

  it("on Atlassian Cloud, the Domains view offers neither Verify nor Claim", async () => {
    mockCommands({ app_info: APP_INFO, connection_status: ATLASSIAN, sync_accounts: SYNCED, search_accounts: NO_ACCOUNTS });
    renderApp();
    const user = userEvent.setup();
    await waitFor(() => expect(screen.getByTestId("connection-status").textContent).toBe(ATLASSIAN.name));
    await user.keyboard("{Control>}3{/Control}");
    const table = await screen.findByRole("region", { name: "Domains" });
    expect(within(table).getByText("fabrikam.example")).toBeTruthy();
    expect(within(table).queryByRole("button", { name: /^Verify/ })).toBeNull();
    expect(within(table).queryByRole("button", { name: /^Claim/ })).toBeNull();
    const notes = within(table).getAllByRole("note").map((note) => note.textContent);
    expect(notes).toEqual([
      `Claim accounts: ${NOT_HERE} Do it in Atlassian Administration.`,
      `Verify: ${NOT_HERE} Do it in Atlassian Administration.`,
    ]);
    // Domains have no account to open.
    expect(within(table).queryByRole("button", { name: "Open in Atlassian Administration" })).toBeNull();
  });

  it("on Atlassian Cloud, bulk actions offer no password reset", async () => {
    mockCommands({
      app_info: APP_INFO,
      connection_status: ATLASSIAN,
      sync_accounts: SYNCED,
      search_accounts: { total: 1, offset: 0, accounts: [BEA] },
    });
    renderApp();
    const user = userEvent.setup();
    await waitFor(() => expect(screen.getByTestId("connection-status").textContent).toBe(ATLASSIAN.name));
    const grid = await screen.findByRole("grid", { name: "Managed accounts" });
    await within(grid).findByText("Bea Santos");
    grid.focus();
    await user.keyboard(" ");
    const bar = screen.getByRole("region", { name: "Bulk actions" });
    const actions = within(within(bar).getByRole("combobox", { name: "Action" })).getAllByRole("option");
    expect(actions.map((option) => option.textContent)).toEqual([
      "Deactivate",
      "Reactivate",
      "Revoke all API tokens",
      "Remove product access",
    ]);
  });
});
