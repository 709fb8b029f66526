import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, describe, expect, it } from "vitest";

import type { Account } from "../bindings/Account";
import type { AccountDetails } from "../bindings/AccountDetails";
import type { Change } from "../bindings/Change";
import { cachedDetails, EVERYTHING_ALLOWED, withheld } from "../test/accountDetails";
import { APP_INFO, CONNECTED, mockCommands, renderApp, SYNCED } from "../test/renderApp";

const BEA: Account = {
  accountId: "bea-1",
  name: "Bea Santos",
  publicName: "Bea",
  email: "bea@acme.com",
  jobTitle: "Analyst",
  department: null,
  organization: null,
  location: "Lisbon",
  timeZone: null,
  locale: null,
  status: "active",
  managedBy: "invited",
  twoStepEnabled: true,
  productCount: 0,
  lastActive: null,
  addedToOrg: null,
};

const NOW_S = Math.floor(Date.now() / 1000);

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => 1000 });
});

function open(details: AccountDetails, answers: Record<string, unknown> = {}) {
  const sent: Change[] = [];
  const calls = mockCommands({
    app_info: APP_INFO,
    connection_status: CONNECTED,
    sync_accounts: SYNCED,
    search_accounts: { total: 1, offset: 0, accounts: [details.account] },
    account_details: details,
    refresh_account: details,
    apply_change: ({ change }: Record<string, unknown>) => {
      sent.push(change as Change);
      const answer = answers["apply_change"];
      if (typeof answer === "function") return answer(change);
      return answer;
    },
    ...Object.fromEntries(Object.entries(answers).filter(([key]) => key !== "apply_change")),
  });
  renderApp();
  return { sent, calls, user: userEvent.setup() };
}

async function openPage(user: ReturnType<typeof userEvent.setup>, name: string) {
  const grid = await screen.findByRole("grid", { name: "Managed accounts" });
  await within(grid).findByText(name);
  grid.focus();
  await user.keyboard("{Enter}");
  const page = await screen.findByRole("region", { name });
  await waitFor(() => expect(within(page).getByTestId("refresh-status").textContent).not.toMatch(/Refreshing/));
  return page;
}

describe("changing an account from its page", () => {
  it("edits the profile, keeping the identity provider's fields read-only with the reason", async () => {
    const details = cachedDetails(BEA, {
      permissions: {
        ...EVERYTHING_ALLOWED,
        profile: { ...EVERYTHING_ALLOWED.profile, jobTitle: withheld("Managed by your identity provider (SCIM): change it there.") },
      },
    });
    const { sent, user } = open(details, {
      apply_change: () => ({ outcome: "applied", applied: { details: cachedDetails({ ...BEA, location: "Porto" }), refreshed: true } }),
    });
    const page = await openPage(user, "Bea Santos");

    await user.click(within(page).getByRole("button", { name: "Edit profile" }));
    const jobTitle = within(page).getByLabelText("Job title");
    expect(jobTitle).toHaveProperty("disabled", true);
    expect(within(page).getByText("Managed by your identity provider (SCIM): change it there.")).toBeTruthy();
    const location = within(page).getByLabelText("Location");
    await user.clear(location);
    await user.type(location, "Porto");
    await user.click(within(page).getByRole("button", { name: "Save 1 change" }));

    await waitFor(() => expect(sent).toEqual([{ kind: "editProfile", edits: [{ field: "location", value: "Porto" }] }]));
    await waitFor(() => expect(within(page).getByText("Porto")).toBeTruthy());
    expect(within(page).queryByRole("button", { name: /^Save/ })).toBeNull();
  });

  it("checks field limits before anything is sent", async () => {
    const { sent, user } = open(cachedDetails(BEA));
    const page = await openPage(user, "Bea Santos");
    await user.click(within(page).getByRole("button", { name: "Edit profile" }));
    const publicName = within(page).getByLabelText("Public name");
    await user.clear(publicName);
    expect(within(page).getByText("Public name is required.")).toBeTruthy();
    expect(within(page).getByRole("button", { name: "Save 1 change" })).toHaveProperty("disabled", true);
    expect(sent).toEqual([]);
  });

  it("offers the verified domains and stops an address on any other before sending", async () => {
    const { sent, user } = open(cachedDetails(BEA));
    const page = await openPage(user, "Bea Santos");
    await user.click(within(page).getByRole("button", { name: "Change email" }));
    const dialog = await screen.findByRole("dialog", { name: "Change email address" });
    expect(within(dialog).getByText("Verified domains: acme.com")).toBeTruthy();
    await user.type(within(dialog).getByLabelText("New email address"), "bea@fabrikam.example");
    expect(within(dialog).getByText("fabrikam.example is not a verified domain of your organization.")).toBeTruthy();
    expect(within(dialog).getByRole("button", { name: "Change email" })).toHaveProperty("disabled", true);
    expect(sent).toEqual([]);
  });

  it("shows the directory's refusal in the dialog, and changes nothing", async () => {
    // With the domains not known (offline), the directory has the last word.
    const { sent, user } = open(cachedDetails(BEA), {
      organization: null,
      refresh_organization: { reject: { code: "offline", message: "The directory cannot be reached." } },
      apply_change: () => {
        throw {
          code: "unverifiedDomain",
          message: "fabrikam.example is not a verified domain of your organization.",
        };
      },
    });
    const page = await openPage(user, "Bea Santos");
    await user.click(within(page).getByRole("button", { name: "Change email" }));
    const dialog = await screen.findByRole("dialog", { name: "Change email address" });
    await user.type(within(dialog).getByLabelText("New email address"), "bea@fabrikam.example");
    await user.click(within(dialog).getByRole("button", { name: "Change email" }));

    expect(await within(dialog).findByRole("alert")).toHaveProperty(
      "textContent",
      "fabrikam.example is not a verified domain of your organization.",
    );
    expect(sent).toEqual([{ kind: "changeEmail", email: "bea@fabrikam.example" }]);
    expect(within(page).getAllByText("bea@acme.com").length).toBeGreaterThan(0);
  });

  it("deletes only after the directory agrees and the admin types the email", async () => {
    const deleted = cachedDetails({ ...BEA, status: "pendingDeletion" }, { deletionDate: NOW_S + 14 * 86_400 - 60 });
    const { sent, user } = open(cachedDetails(BEA), {
      check_deletion: { eligible: true, problems: [], gracePeriodDays: 14 },
      apply_change: () => ({ outcome: "applied", applied: { details: deleted, refreshed: true } }),
    });
    const page = await openPage(user, "Bea Santos");
    await user.click(within(page).getByRole("button", { name: "Delete" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete Bea Santos?" });
    const confirm = within(dialog).getByRole("button", { name: "Delete account" });
    expect(confirm).toHaveProperty("disabled", true);
    await user.type(within(dialog).getByRole("textbox"), "bea@acme.com");
    await user.click(confirm);

    await waitFor(() => expect(within(page).getByTestId("deletion-due").textContent).toBe(": deleted in 14 days"));
    expect(sent).toEqual([{ kind: "delete" }]);
    expect(within(page).getByRole("button", { name: "Cancel deletion" })).toBeTruthy();
  });

  it("says why an account cannot be deleted, and offers nothing to confirm", async () => {
    const { sent, user } = open(cachedDetails(BEA), {
      check_deletion: { eligible: false, problems: ["The account is an organization admin."], gracePeriodDays: 14 },
    });
    const page = await openPage(user, "Bea Santos");
    await user.click(within(page).getByRole("button", { name: "Delete" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete Bea Santos?" });
    expect((await within(dialog).findByTestId("deletion-problems")).textContent).toBe("The account is an organization admin.");
    expect(within(dialog).queryByRole("button", { name: "Delete account" })).toBeNull();
    expect(sent).toEqual([]);
  });

  it("keeps a withheld action in reach and says why, without acting", async () => {
    const reason = "Not for your own account.";
    const { sent, user } = open(cachedDetails(BEA, { permissions: { ...EVERYTHING_ALLOWED, deactivate: withheld(reason) } }));
    const page = await openPage(user, "Bea Santos");
    const deactivate = within(page).getByRole("button", { name: "Deactivate" });
    expect(deactivate.getAttribute("aria-disabled")).toBe("true");
    expect(deactivate.getAttribute("title")).toBe(reason);
    expect(document.getElementById(deactivate.getAttribute("aria-describedby") ?? "")?.textContent).toBe(reason);
    await user.click(deactivate);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(sent).toEqual([]);
  });

  it("warns that a mobile session ends within the hour before logging it out", async () => {
    const details = cachedDetails(BEA, {
      devices: {
        state: "known",
        value: [
          {
            deviceId: "m1",
            kind: "mobile",
            name: "Jira for Android",
            location: null,
            ipAddress: null,
            lastActive: NOW_S - 60,
            session: "active",
            sessionEndsAt: null,
          },
        ],
      },
    });
    const { sent, user } = open(details, { apply_change: () => ({ outcome: "applied", applied: { details, refreshed: true } }) });
    const page = await openPage(user, "Bea Santos");
    await user.click(within(page).getByRole("button", { name: "Log out Jira for Android" }));
    const dialog = await screen.findByRole("dialog", { name: "Log out Jira for Android?" });
    expect(within(dialog).getByText(/ends within the hour/)).toBeTruthy();
    await user.click(within(dialog).getByRole("button", { name: "Log out" }));
    await waitFor(() => expect(sent).toEqual([{ kind: "logOutDevice", deviceId: "m1" }]));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });
});
