import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { APP_INFO, CONNECTED, mockCommands, NO_ACCOUNTS, renderApp, SYNCED } from "./test/renderApp";

function nav() {
  return within(screen.getByRole("navigation", { name: "Main" }));
}

describe("the window", () => {
  it("opens on Managed accounts with an honest empty state", async () => {
    mockCommands({ app_info: APP_INFO, connection_status: CONNECTED, sync_accounts: SYNCED, search_accounts: NO_ACCOUNTS });
    renderApp();

    expect(screen.getByRole("heading", { level: 1, name: "Managed accounts" })).toBeTruthy();
    expect(await screen.findByRole("heading", { name: "No managed accounts yet" })).toBeTruthy();
    expect(nav().getByRole("button", { name: /Managed accounts/ }).getAttribute("aria-current")).toBe("page");
  });

  it("switches views from the navigation", async () => {
    mockCommands({
      app_info: APP_INFO,
      connection_status: CONNECTED,
      sync_accounts: SYNCED,
      search_accounts: NO_ACCOUNTS,
      organization: null,
      refresh_organization: { reject: { code: "offline", message: "The directory cannot be reached." } },
      audit_log: [],
    });
    renderApp();
    const user = userEvent.setup();

    for (const [label, emptyTitle] of [
      ["Domains", "The domains could not be read"],
      ["Activity", "No changes made yet"],
    ] as const) {
      await user.click(nav().getByRole("button", { name: new RegExp(label) }));
      expect(screen.getByRole("heading", { level: 1, name: label })).toBeTruthy();
      expect(screen.getByRole("heading", { name: emptyTitle })).toBeTruthy();
      // Focus follows to the new view's heading, for keyboard and screen-reader users.
      expect(document.activeElement).toBe(screen.getByRole("heading", { level: 1, name: label }));
    }
  });

  it("switches views with Ctrl shortcuts", async () => {
    mockCommands({ app_info: APP_INFO, connection_status: CONNECTED, sync_accounts: SYNCED, search_accounts: NO_ACCOUNTS });
    renderApp();
    const user = userEvent.setup();

    await user.keyboard("{Control>}2{/Control}");
    expect(screen.getByRole("heading", { level: 1, name: "Overview" })).toBeTruthy();
    await user.keyboard("{Control>}3{/Control}");
    expect(screen.getByRole("heading", { level: 1, name: "Domains" })).toBeTruthy();
    await user.keyboard("{Control>}4{/Control}");
    expect(screen.getByRole("heading", { level: 1, name: "Activity" })).toBeTruthy();
    await user.keyboard("{Control>},{/Control}");
    expect(screen.getByRole("heading", { level: 1, name: "Settings" })).toBeTruthy();
    await user.keyboard("{Control>}1{/Control}");
    expect(screen.getByRole("heading", { level: 1, name: "Managed accounts" })).toBeTruthy();
    // A plain key press is typing, not navigation.
    await user.keyboard("2");
    expect(screen.getByRole("heading", { level: 1, name: "Managed accounts" })).toBeTruthy();
  });

  it("reaches every view with Tab and Enter", async () => {
    mockCommands({ app_info: APP_INFO, connection_status: CONNECTED, sync_accounts: SYNCED, search_accounts: NO_ACCOUNTS });
    renderApp();
    const user = userEvent.setup();

    await user.tab();
    expect(document.activeElement).toBe(nav().getByRole("button", { name: /Managed accounts/ }));
    await user.tab();
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(nav().getByRole("button", { name: /Activity/ }));
    await user.keyboard("{Enter}");
    expect(screen.getByRole("heading", { level: 1, name: "Activity" })).toBeTruthy();
  });
});

describe("answers from Rust", () => {
  it("shows the connection in the status bar", async () => {
    mockCommands({ app_info: APP_INFO, connection_status: CONNECTED, sync_accounts: SYNCED, search_accounts: NO_ACCOUNTS });
    renderApp();

    expect(await screen.findByText("Demo directory")).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId("sync-status").textContent).toBe("Not synced yet"));
    expect(await screen.findByText("Custodian 9.8.7")).toBeTruthy();
  });

  it("shows the version and folders under Settings > About", async () => {
    const calls = mockCommands({ app_info: APP_INFO, connection_status: CONNECTED, sync_accounts: SYNCED, search_accounts: NO_ACCOUNTS });
    renderApp();
    await userEvent.setup().click(nav().getByRole("button", { name: /Settings/ }));

    const about = await screen.findByTestId("about");
    expect(about.textContent).toContain("Custodian 9.8.7");
    expect(about.textContent).toContain(APP_INFO.logDir);
    expect(calls).toContain("app_info");
  });

  it("says plainly when a command fails, with Rust's message", async () => {
    mockCommands({
      app_info: { reject: { code: "internal", message: "the log folder cannot be found" } },
      connection_status: CONNECTED, sync_accounts: SYNCED,
      search_accounts: NO_ACCOUNTS,
    });
    renderApp();
    await userEvent.setup().click(nav().getByRole("button", { name: /Settings/ }));

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("the log folder cannot be found");
  });
});
