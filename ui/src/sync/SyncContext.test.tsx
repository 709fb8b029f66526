import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { APP_INFO, CONNECTED, mockCommands, NO_ACCOUNTS, renderApp, SYNCED } from "../test/renderApp";

const base = { app_info: APP_INFO, search_accounts: NO_ACCOUNTS };

describe("syncing", () => {
  it("starts once at launch and again from the button and Ctrl+R", async () => {
    const calls = mockCommands({ ...base, connection_status: CONNECTED, sync_accounts: SYNCED });
    renderApp();
    const user = userEvent.setup();
    await waitFor(() => expect(calls.filter((c) => c === "sync_accounts")).toHaveLength(1));
    await user.click(await screen.findByRole("button", { name: "Sync now" }));
    await waitFor(() => expect(calls.filter((c) => c === "sync_accounts")).toHaveLength(2));
    await screen.findByRole("button", { name: "Sync now" });
    await user.keyboard("{Control>}r{/Control}");
    await waitFor(() => expect(calls.filter((c) => c === "sync_accounts")).toHaveLength(3));
  });

  it("shows when the last sync finished", async () => {
    const synced = { ...CONNECTED, sync: { lastFullSync: Date.now() - 5 * 60_000, lastSync: Date.now() - 5 * 60_000, lastAttempt: null, lastError: null, offline: false } };
    mockCommands({ ...base, connection_status: synced, sync_accounts: SYNCED });
    renderApp();
    await waitFor(() => expect(screen.getByTestId("sync-status").textContent).toBe("Synced 5 minutes ago"));
  });

  it("says plainly when it is offline, and since when the accounts are", async () => {
    const asOf = new Date(2026, 10, 27, 9, 30).getTime();
    const offline = {
      ...CONNECTED,
      sync: { lastFullSync: asOf, lastSync: asOf, lastAttempt: Date.now(), lastError: "the directory backend cannot be reached", offline: true },
    };
    mockCommands({
      ...base,
      connection_status: offline,
      sync_accounts: { reject: { code: "offline", message: "the directory backend cannot be reached" } },
    });
    renderApp();
    await waitFor(() =>
      expect(screen.getByTestId("sync-status").textContent).toBe(
        `Offline, showing accounts as of ${new Date(asOf).toLocaleString()}`,
      ),
    );
  });

  it("says why the last sync failed, in the directory's words", async () => {
    const failed = {
      ...CONNECTED,
      sync: { lastFullSync: null, lastSync: null, lastAttempt: Date.now(), lastError: "the directory refused: unauthorized", offline: false },
    };
    mockCommands({
      ...base,
      connection_status: failed,
      sync_accounts: { reject: { code: "notPermitted", message: "the directory refused: unauthorized" } },
    });
    renderApp();
    await waitFor(() =>
      expect(screen.getByTestId("sync-status").textContent).toBe(
        "Last sync failed: the directory refused: unauthorized",
      ),
    );
  });
});
