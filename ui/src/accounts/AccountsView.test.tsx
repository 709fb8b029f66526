import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, describe, expect, it } from "vitest";

import type { Account } from "../bindings/Account";
import type { AccountDetails } from "../bindings/AccountDetails";
import type { AccountQuery } from "../bindings/AccountQuery";
import { cachedDetails } from "../test/accountDetails";
import { APP_INFO, CONNECTED, mockCommands, renderApp, SYNCED } from "../test/renderApp";

function person(n: number, name: string, overrides: Partial<Account> = {}): Account {
  return {
    accountId: `id-${n}`,
    name,
    publicName: null,
    email: `${name.toLowerCase().replace(/\s+/g, ".")}@acme.com`,
    jobTitle: null,
    department: null,
    organization: null,
    location: null,
    timeZone: null,
    locale: null,
    status: "active",
    managedBy: "invited",
    twoStepEnabled: true,
    productCount: 2,
    lastActive: null,
    addedToOrg: null,
    ...overrides,
  };
}

const PEOPLE: Account[] = [
  person(1, "Alice Smith", { jobTitle: "Engineer" }),
  person(2, "Bob Jones", { status: "deactivated", twoStepEnabled: false }),
  person(3, "Carol White", { managedBy: "identityProvider" }),
];

function cachedPage(accountId: string): AccountDetails | null {
  const account = PEOPLE.find((p) => p.accountId === accountId);
  return account ? cachedDetails(account) : null;
}

/** A stand-in for the Rust cache: filters by text and status, honours the window. */
function cache(queries: AccountQuery[]) {
  return ({ query }: Record<string, unknown>) => {
    const q = query as AccountQuery;
    queries.push(q);
    const matching = PEOPLE.filter(
      (p) =>
        p.name.toLowerCase().includes(q.text.toLowerCase()) &&
        (q.filter.statuses.length === 0 || q.filter.statuses.includes(p.status)),
    );
    if (q.descending) matching.reverse();
    return { total: matching.length, offset: q.offset, accounts: matching.slice(q.offset, q.offset + q.limit) };
  };
}

function setup() {
  const queries: AccountQuery[] = [];
  mockCommands({
    app_info: APP_INFO,
    connection_status: CONNECTED,
    sync_accounts: SYNCED,
    search_accounts: cache(queries),
    account_details: ({ accountId }: Record<string, unknown>) => cachedPage(accountId as string),
    refresh_account: { reject: { code: "offline", message: "the directory backend cannot be reached" } },
  });
  renderApp();
  return { queries, user: userEvent.setup() };
}

async function rowNames(): Promise<string[]> {
  const grid = await screen.findByRole("grid", { name: "Managed accounts" });
  await waitFor(() => expect(within(grid).queryAllByRole("row").length).toBeGreaterThan(1));
  return within(grid)
    .getAllByRole("row")
    .slice(1)
    // The first cell holds the selection checkbox.
    .map((row) => within(row).getAllByRole("gridcell")[1]?.textContent ?? "");
}

// jsdom lays nothing out; the virtualized list needs a window with a size to fill.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => 1000 });
});

describe("the managed accounts list", () => {
  it("shows the cached accounts with their count", async () => {
    setup();
    expect(await rowNames()).toEqual(["Alice Smith", "Bob Jones", "Carol White"]);
    expect((await screen.findByTestId("match-count")).textContent).toBe("3 accounts");
  });

  it("searches as the admin types and says how many match", async () => {
    const { user, queries } = setup();
    await rowNames();
    await user.type(screen.getByRole("searchbox", { name: "Search accounts" }), "bob");
    await waitFor(() => expect(screen.getByTestId("match-count").textContent).toBe("1 of 3 accounts match"));
    expect(await rowNames()).toEqual(["Bob Jones"]);
    expect(queries.at(-1)?.text).toBe("bob");
  });

  it("focuses the search box on / and clears it on Escape", async () => {
    const { user } = setup();
    await rowNames();
    await user.keyboard("/");
    const search = screen.getByRole("searchbox", { name: "Search accounts" });
    expect(document.activeElement).toBe(search);
    await user.keyboard("zz");
    await waitFor(() => expect(screen.getByText("No accounts match.")).toBeTruthy());
    await user.keyboard("{Escape}");
    expect((search as HTMLInputElement).value).toBe("");
    expect(await rowNames()).toHaveLength(3);
  });

  it("combines a status filter with the search", async () => {
    const { user, queries } = setup();
    await rowNames();
    await user.selectOptions(screen.getByRole("combobox", { name: "Status" }), "deactivated");
    await waitFor(() => expect(screen.getByTestId("match-count").textContent).toBe("1 of 3 accounts match"));
    expect(queries.at(-1)?.filter.statuses).toEqual(["deactivated"]);
  });

  it("offers the domains and products of the cache as filters", async () => {
    const queries: AccountQuery[] = [];
    mockCommands({
      app_info: APP_INFO,
      connection_status: CONNECTED,
      sync_accounts: SYNCED,
      search_accounts: cache(queries),
      account_facets: {
        domains: [{ name: "acme.com", accounts: 2 }, { name: "acme.es", accounts: 1 }],
        products: [{ name: "confluence", accounts: 3 }],
      },
    });
    renderApp();
    const user = userEvent.setup();
    await rowNames();
    const domain = screen.getByRole("combobox", { name: "Domain" });
    await waitFor(() => expect(within(domain).getByRole("option", { name: "acme.com (2)" })).toBeTruthy());
    await user.selectOptions(domain, "acme.es");
    await user.selectOptions(screen.getByRole("combobox", { name: "Product" }), "confluence");
    await waitFor(() => expect(queries.at(-1)?.filter).toMatchObject({ domain: "acme.es", product: "confluence" }));
  });

  it("sorts by a column, and the other way on a second click", async () => {
    const { user, queries } = setup();
    await rowNames();
    const header = screen.getByRole("columnheader", { name: /Name/ });
    expect(header.getAttribute("aria-sort")).toBe("ascending");
    await user.click(within(header).getByRole("button"));
    await waitFor(() => expect(header.getAttribute("aria-sort")).toBe("descending"));
    expect(queries.at(-1)).toMatchObject({ sort: "name", descending: true });
    await user.click(within(screen.getByRole("columnheader", { name: /Last active/ })).getByRole("button"));
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ sort: "lastActive", descending: false }));
  });

  it("moves through rows with the arrow keys and opens one with Enter", async () => {
    const { user } = setup();
    await rowNames();
    screen.getByRole("grid", { name: "Managed accounts" }).focus();
    await user.keyboard("{ArrowDown}{Enter}");
    const page = await screen.findByRole("region", { name: "Bob Jones" });
    expect(within(page).getAllByText("Deactivated").length).toBeGreaterThan(0);
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("region", { name: "Bob Jones" })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("grid", { name: "Managed accounts" })));
  });
});

describe("exporting the list", () => {
  it("exports what the list shows and says where it went", async () => {
    const queries: AccountQuery[] = [];
    const exported: AccountQuery[] = [];
    mockCommands({
      app_info: APP_INFO,
      connection_status: CONNECTED,
      sync_accounts: SYNCED,
      search_accounts: cache(queries),
      export_accounts_csv: ({ query }: Record<string, unknown>) => {
        exported.push(query as AccountQuery);
        return { accounts: 1, path: "/home/admin/managed-accounts.csv" };
      },
    });
    renderApp();
    const user = userEvent.setup();
    await rowNames();
    await user.type(screen.getByRole("searchbox", { name: "Search accounts" }), "bob");
    await waitFor(() => expect(screen.getByTestId("match-count").textContent).toBe("1 of 3 accounts match"));
    await user.click(screen.getByRole("button", { name: "Export CSV" }));
    expect((await screen.findByText(/^Exported 1 account to/)).textContent).toBe(
      "Exported 1 account to /home/admin/managed-accounts.csv",
    );
    expect(exported[0]).toMatchObject({ text: "bob", sort: "name" });
  });

  it("says the export failed and that nothing was saved", async () => {
    mockCommands({
      app_info: APP_INFO,
      connection_status: CONNECTED,
      sync_accounts: SYNCED,
      search_accounts: cache([]),
      export_accounts_csv: { reject: { code: "internal", message: "a file could not be read or written: disk full" } },
    });
    renderApp();
    await rowNames();
    await userEvent.setup().click(screen.getByRole("button", { name: "Export CSV" }));
    expect((await screen.findByRole("alert")).textContent).toContain("disk full");
  });
});

describe("bulk actions", () => {
  it("selects with Space and ctrl-click, previews, applies and reports each account", async () => {
    const queries: AccountQuery[] = [];
    const applied: unknown[] = [];
    mockCommands({
      app_info: APP_INFO,
      connection_status: CONNECTED,
      sync_accounts: SYNCED,
      search_accounts: cache(queries),
      preview_bulk: ({ accountIds }: Record<string, unknown>) => ({
        willChange: 1,
        willSkip: 1,
        missing: 0,
        rows: [
          { accountId: "id-1", name: "Alice Smith", email: "alice.smith@acme.com", change: "Deactivate", skip: null },
          { accountId: "id-2", name: "Bob Jones", email: "bob.jones@acme.com", change: null, skip: "Already deactivated" },
        ].filter((row) => (accountIds as string[]).includes(row.accountId)),
      }),
      apply_bulk: ({ accountIds, action }: Record<string, unknown>) => {
        applied.push({ accountIds, action });
        return {
          bulkId: "bulk-1",
          done: 1,
          queued: 0,
          skipped: 1,
          failed: 0,
          cancelled: false,
          millis: 12,
          results: [
            { accountId: "id-1", name: "Alice Smith", email: "alice.smith@acme.com", outcome: "done", reason: null, code: null },
            { accountId: "id-2", name: "Bob Jones", email: "bob.jones@acme.com", outcome: "skipped", reason: "Already deactivated", code: null },
          ],
        };
      },
    });
    renderApp();
    const user = userEvent.setup();
    await rowNames();
    const grid = screen.getByRole("grid", { name: "Managed accounts" });
    grid.focus();
    await user.keyboard(" ");
    const rows = within(grid).getAllByRole("row");
    await user.keyboard("{Control>}");
    await user.click(within(rows[2] as HTMLElement).getAllByRole("gridcell")[1] as HTMLElement);
    await user.keyboard("{/Control}");
    expect(screen.getByTestId("selected-count").textContent).toBe("2 selected");

    const bar = screen.getByRole("region", { name: "Bulk actions" });
    await user.click(within(bar).getByRole("button", { name: "Review…" }));
    const dialog = await screen.findByRole("dialog", { name: "Deactivate: 2 selected accounts" });
    expect((await within(dialog).findByTestId("bulk-summary")).textContent).toBe(
      "1 account will change, 1 will be left as they are.",
    );
    expect(within(dialog).getByText("Skipped: Already deactivated")).toBeTruthy();
    await user.click(within(dialog).getByRole("button", { name: "Deactivate 1 account" }));

    expect((await screen.findByTestId("bulk-report")).textContent).toBe("1 changed, 1 skipped, 0 failed.");
    expect(applied).toEqual([{ accountIds: ["id-1", "id-2"], action: { kind: "deactivate", message: null } }]);
    await user.click(screen.getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("region", { name: "Bulk actions" })).toBeNull();
  });

  it("selects every account the search matches", async () => {
    const queries: AccountQuery[] = [];
    mockCommands({
      app_info: APP_INFO,
      connection_status: CONNECTED,
      sync_accounts: SYNCED,
      search_accounts: cache(queries),
      matching_account_ids: ({ query }: Record<string, unknown>) => {
        const q = query as AccountQuery;
        return q.limit === 0 ? ["id-1", "id-2", "id-3"] : ["id-1"];
      },
    });
    renderApp();
    const user = userEvent.setup();
    await rowNames();
    screen.getByRole("grid", { name: "Managed accounts" }).focus();
    await user.keyboard(" ");
    await user.click(screen.getByRole("button", { name: "Select all 3 matching" }));
    await waitFor(() => expect(screen.getByTestId("selected-count").textContent).toBe("3 selected"));
    await user.click(screen.getByRole("button", { name: "Clear" }));
    expect(screen.queryByTestId("selected-count")).toBeNull();
  });
});
