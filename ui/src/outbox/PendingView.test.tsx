import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { PendingChange } from "../bindings/PendingChange";
import { APP_INFO, CONNECTED, mockCommands, NO_ACCOUNTS, renderApp } from "../test/renderApp";

const BASE = { app_info: APP_INFO, connection_status: CONNECTED, search_accounts: NO_ACCOUNTS };
const SYNCED_NOW = { kind: "incremental", accounts: 0, removed: 0, millis: 5 };

function pending(overrides: Partial<PendingChange>): PendingChange {
  return {
    id: 1,
    queuedAt: Date.now() - 60_000,
    accountId: "a-1",
    accountName: "Ana García",
    accountEmail: "ana@acme.com",
    change: { kind: "editProfile", edits: [{ field: "jobTitle", value: "Head of Platform" }] },
    description: "Edit profile: Job title",
    state: "pending",
    attempts: 0,
    updatedAt: Date.now(),
    errorCode: null,
    message: null,
    base: [{ label: "Job title", value: "Engineer" }],
    current: null,
    reviewId: null,
    ...overrides,
  };
}

async function openPending(user: ReturnType<typeof userEvent.setup>) {
  await user.keyboard("{Control>}5{/Control}");
  return screen.findByRole("list", { name: "Pending changes, oldest first" });
}

describe("the Pending changes view", () => {
  it("shows a conflict with both sides and sends the admin's change when kept", async () => {
    let outbox = [
      pending({
        state: "conflict",
        message: "The account changed on the directory after you made this change.",
        current: [{ label: "Job title", value: "Staff engineer" }],
      }),
    ];
    const calls = mockCommands({
      ...BASE,
      sync_accounts: SYNCED_NOW,
      pending_changes: () => outbox,
      keep_pending_change: ({ id }: Record<string, unknown>) => {
        expect(id).toBe(1);
        outbox = [pending({ state: "pending" })];
        return null;
      },
    });
    renderApp();
    const user = userEvent.setup();
    const list = await openPending(user);
    const card = await within(list).findByRole("listitem", { name: "Edit profile: Job title, Ana García" });
    const row = within(card).getByRole("row", { name: /Job title/ });
    expect(within(row).getByText("Engineer")).toBeTruthy();
    expect(within(row).getByText("Staff engineer")).toBeTruthy();
    expect(within(row).getByText("Head of Platform")).toBeTruthy();
    expect(screen.getByTestId("pending-count").textContent).toBe("1");

    await user.click(within(card).getByRole("button", { name: "Keep mine" }));

    await waitFor(() => expect(within(card).getByText("Waiting to be sent")).toBeTruthy());
    expect(calls).toContain("keep_pending_change");
  });

  it("edits a queued change before it is sent, and says why an edit is refused", async () => {
    const edits: unknown[] = [];
    mockCommands({
      ...BASE,
      sync_accounts: { reject: { code: "offline", message: "The directory cannot be reached." } },
      pending_changes: [pending({})],
      edit_pending_change: ({ change }: Record<string, unknown>) => {
        edits.push(change);
        if (edits.length === 1) throw { code: "invalidInput", message: "Job title is too long: 255 characters at most" };
        return null;
      },
    });
    renderApp();
    const user = userEvent.setup();
    const list = await openPending(user);
    const card = await within(list).findByRole("listitem", { name: /Edit profile: Job title/ });
    await user.click(within(card).getByRole("button", { name: "Edit" }));
    const field = within(card).getByRole("textbox", { name: "Job title" });
    await user.clear(field);
    await user.type(field, "Platform lead");
    await user.click(within(card).getByRole("button", { name: "Save change" }));
    expect((await within(card).findByRole("alert")).textContent).toMatch(/too long/);
    await user.click(within(card).getByRole("button", { name: "Save change" }));
    await waitFor(() => expect(within(card).queryByRole("textbox")).toBeNull());
    expect(edits[1]).toEqual({ kind: "editProfile", edits: [{ field: "jobTitle", value: "Platform lead" }] });
  });

  it("sends waiting changes once a sync shows the directory answers again", async () => {
    let outbox = [pending({}), pending({ id: 2, change: { kind: "requirePasswordReset" }, description: "Require a password reset" })];
    mockCommands({
      ...BASE,
      connection_status: { ...CONNECTED, sync: { ...CONNECTED.sync, lastSync: Date.now() } },
      sync_accounts: SYNCED_NOW,
      pending_changes: () => outbox,
      send_pending_changes: () => {
        outbox = [];
        return { applied: 2, held: 0, failed: 0, waiting: 0, stopped: null };
      },
    });
    renderApp();
    const user = userEvent.setup();
    await user.keyboard("{Control>}5{/Control}");
    expect(await screen.findByText("Last send: 2 applied.")).toBeTruthy();
    expect(await screen.findByText("Nothing pending")).toBeTruthy();
  });
});
