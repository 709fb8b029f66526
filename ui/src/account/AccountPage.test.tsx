import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, describe, expect, it } from "vitest";

import type { Account } from "../bindings/Account";
import type { AccountDetails } from "../bindings/AccountDetails";
import { cachedDetails } from "../test/accountDetails";
import { APP_INFO, CONNECTED, mockCommands, renderApp, SYNCED } from "../test/renderApp";

const ANA: Account = {
  accountId: "ana-1",
  name: "Ana García",
  publicName: "Ana",
  email: "ana.garcia@acme.com",
  jobTitle: "Engineer",
  department: "Platform",
  organization: null,
  location: "Madrid",
  timeZone: "Europe/Madrid",
  locale: null,
  status: "active",
  managedBy: "invited",
  twoStepEnabled: true,
  productCount: 1,
  lastActive: null,
  addedToOrg: null,
};

const NOW_S = Math.floor(Date.now() / 1000);

const CACHED: AccountDetails = cachedDetails(ANA, {
  products: [
    {
      product: "jira-software",
      productName: null,
      site: "ari:cloud:jira::site/1",
      siteUrl: null,
      roles: [],
      lastActive: NOW_S - 86_400 * 3,
    },
  ],
  accountReadAt: Date.now() - 5 * 60_000,
});

const REFRESHED: AccountDetails = {
  ...CACHED,
  account: { ...ANA, locale: "es-ES" },
  devices: {
    state: "known",
    value: [
      {
        deviceId: "d1",
        kind: "browser",
        name: "Firefox on Linux",
        location: "Madrid, Spain",
        ipAddress: null,
        lastActive: NOW_S - 3600,
        session: "active",
        sessionEndsAt: null,
      },
      {
        deviceId: "d2",
        kind: "mobile",
        name: "Jira for iPhone",
        location: null,
        ipAddress: null,
        lastActive: NOW_S - 7200,
        session: "ending",
        sessionEndsAt: NOW_S + 1800,
      },
    ],
  },
  apiTokens: { state: "unavailable", reason: "Needs the Atlassian Guard Standard plan, which this organization does not have." },
  twoStep: { state: "known", value: { enforced: true, excluded: false } },
  refreshedAt: Date.now(),
};

function open(refresh: unknown) {
  const calls = mockCommands({
    app_info: APP_INFO,
    connection_status: CONNECTED,
    sync_accounts: SYNCED,
    search_accounts: { total: 1, offset: 0, accounts: [ANA] },
    account_details: CACHED,
    refresh_account: refresh,
  });
  renderApp();
  return { calls, user: userEvent.setup() };
}

async function openAna(user: ReturnType<typeof userEvent.setup>) {
  const grid = await screen.findByRole("grid", { name: "Managed accounts" });
  await within(grid).findByText("Ana García");
  grid.focus();
  await user.keyboard("{Enter}");
  return screen.findByRole("region", { name: "Ana García" });
}

// jsdom lays nothing out: give the list's viewport a size so it renders rows.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => 1000 });
});

describe("the account page", () => {
  it("shows the cached account at once, then what the directory says", async () => {
    let answer: (details: AccountDetails) => void = () => {};
    const { user } = open(() => new Promise<AccountDetails>((resolve) => (answer = resolve)));
    const page = await openAna(user);

    // From the cache, before the directory answers.
    expect(await within(page).findByText("Jira")).toBeTruthy();
    expect(within(page).getByTestId("refresh-status").textContent).toBe("Refreshing from the directory…");
    expect(within(page).getAllByText(/Not read from the directory yet/).length).toBe(3);

    answer(REFRESHED);
    await waitFor(() => expect(within(page).getByTestId("refresh-status").textContent).toBe("Refreshed just now"));
    const devices = within(page).getByRole("region", { name: "Recent devices" });
    expect(within(devices).getByRole("cell", { name: "Firefox on Linux" })).toBeTruthy();
    expect(within(devices).getByText("Signed in")).toBeTruthy();
    expect(within(devices).getByText(/^Ending, by /)).toBeTruthy();
    const tokens = within(page).getByRole("region", { name: "API tokens" });
    expect(within(tokens).getByText(/Needs the Atlassian Guard Standard plan/)).toBeTruthy();
    expect(within(page).getByText("es-ES")).toBeTruthy();
    expect(within(page).getByText(/enforces two-step verification for this account/)).toBeTruthy();
  });

  it("keeps the cached account when the directory is offline, and says as of when", async () => {
    const { user } = open({ reject: { code: "offline", message: "the directory backend cannot be reached" } });
    const page = await openAna(user);
    await waitFor(() =>
      expect(within(page).getByTestId("refresh-status").textContent).toBe("Offline: showing this account as of 5 minutes ago."),
    );
    expect(within(page).getAllByText("ana.garcia@acme.com").length).toBeGreaterThan(0);
    expect(within(page).getByText("Jira")).toBeTruthy();
  });

  it("refreshes again on demand", async () => {
    let calls = 0;
    const { user } = open(() => {
      calls += 1;
      if (calls === 1) throw { code: "offline", message: "the directory backend cannot be reached" };
      return REFRESHED;
    });
    const page = await openAna(user);
    await waitFor(() => expect(within(page).getByTestId("refresh-status").textContent).toMatch(/^Offline/));
    await user.click(within(page).getByRole("button", { name: "Refresh" }));
    await waitFor(() => expect(within(page).getByTestId("refresh-status").textContent).toBe("Refreshed just now"));
    expect(calls).toBe(2);
  });

  it("goes back to the list with the back button", async () => {
    const { user } = open(REFRESHED);
    const page = await openAna(user);
    expect(document.activeElement).toBe(within(page).getByRole("heading", { name: "Ana García" }));
    await user.click(within(page).getByRole("button", { name: "← Managed accounts" }));
    expect(screen.queryByRole("region", { name: "Ana García" })).toBeNull();
    expect(screen.getByRole("grid", { name: "Managed accounts" })).toBeTruthy();
  });
});
