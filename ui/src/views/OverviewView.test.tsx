import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { APP_INFO, CONNECTED, mockCommands, NO_ACCOUNTS, OVERVIEW, renderApp, SYNCED } from "../test/renderApp";

describe("the overview", () => {
  it("charts statuses, two-step coverage, activity and domains from the cache", async () => {
    mockCommands({
      app_info: APP_INFO,
      connection_status: CONNECTED,
      sync_accounts: SYNCED,
      search_accounts: NO_ACCOUNTS,
      accounts_overview: OVERVIEW,
    });
    renderApp();
    await userEvent.setup().keyboard("{Control>}2{/Control}");

    const byStatus = await screen.findByTestId("by-status");
    expect(within(byStatus).getByText("Deactivated").parentElement?.lastElementChild?.textContent).toBe("10");
    expect(within(screen.getByTestId("two-step")).getByText("75%")).toBeTruthy();
    expect(screen.getByTestId("two-step").textContent).toContain("(75 of 100); 25 do not");
    expect(within(screen.getByTestId("last-active")).getByText("Never")).toBeTruthy();
    expect(within(screen.getByTestId("by-domain")).getByText("acme.com")).toBeTruthy();
  });

  it("says when there is nothing to chart", async () => {
    mockCommands({
      app_info: APP_INFO,
      connection_status: CONNECTED,
      sync_accounts: SYNCED,
      search_accounts: NO_ACCOUNTS,
      accounts_overview: { ...OVERVIEW, accounts: 0 },
    });
    renderApp();
    await userEvent.setup().keyboard("{Control>}2{/Control}");
    expect(await screen.findByRole("heading", { name: "Nothing to chart yet" })).toBeTruthy();
  });
});
