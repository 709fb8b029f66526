import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { AuditEntry } from "../bindings/AuditEntry";
import type { AuditQuery } from "../bindings/AuditQuery";
import { APP_INFO, CONNECTED, mockCommands, NO_ACCOUNTS, renderApp, SYNCED } from "../test/renderApp";

const BASE = { app_info: APP_INFO, connection_status: CONNECTED, sync_accounts: SYNCED, search_accounts: NO_ACCOUNTS };

describe("the Domains view", () => {
  it("lists the domains and claims a verified one's accounts after saying how many", async () => {
    const calls = mockCommands({
      ...BASE,
      claim_preview: { domain: "acme.com", accounts: 42 },
      claim_domain: 42,
    });
    renderApp();
    const user = userEvent.setup();
    await user.keyboard("{Control>}3{/Control}");
    const table = await screen.findByRole("region", { name: "Domains" });
    expect(within(table).getByText("fabrikam.example")).toBeTruthy();
    expect(within(table).getByRole("button", { name: "Verify fabrikam.example" })).toBeTruthy();

    await user.click(within(table).getByRole("button", { name: "Claim the accounts on acme.com" }));
    const dialog = await screen.findByRole("dialog", { name: "Claim the accounts on acme.com?" });
    expect((await within(dialog).findByTestId("claim-preview")).textContent).toMatch(/^42 accounts on acme.com will become managed/);
    const syncsBefore = calls.filter((c) => c === "sync_accounts").length;
    await user.click(within(dialog).getByRole("button", { name: "Claim 42 accounts" }));
    expect(await within(dialog).findByText(/^Claimed 42 accounts/)).toBeTruthy();
    await waitFor(() => expect(calls.filter((c) => c === "sync_accounts").length).toBeGreaterThan(syncsBefore));
  });
});

describe("the Activity view", () => {
  const ENTRY: AuditEntry = {
    id: 1,
    at: Date.now(),
    connection: "Demo directory",
    accountId: "a-1",
    accountName: "Ana García",
    accountEmail: "ana@acme.com",
    operation: "editProfile",
    description: "Edit profile: Job title",
    result: "done",
    message: null,
    errorCode: null,
    before: "Job title: Engineer",
    after: "Job title: Staff engineer",
    bulkId: null,
  };

  it("shows each change with before and after, and filters by result", async () => {
    const queries: AuditQuery[] = [];
    mockCommands({
      ...BASE,
      audit_log: ({ query }: Record<string, unknown>) => {
        queries.push(query as AuditQuery);
        return (query as AuditQuery).result === "failed" ? [] : [ENTRY];
      },
    });
    renderApp();
    const user = userEvent.setup();
    await user.keyboard("{Control>}4{/Control}");
    const changes = await screen.findByRole("region", { name: "Changes" });
    expect(within(changes).getByText("Edit profile: Job title")).toBeTruthy();
    expect(within(changes).getByText("Job title: Engineer")).toBeTruthy();
    expect(within(changes).getByText("Job title: Staff engineer")).toBeTruthy();

    await user.selectOptions(screen.getByRole("combobox", { name: "Result" }), "failed");
    await waitFor(() => expect(screen.getByTestId("activity-count").textContent).toBe("0 changes"));
    expect(queries.at(-1)).toMatchObject({ result: "failed", text: "", operation: null });
  });
});
