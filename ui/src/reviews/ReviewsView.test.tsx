import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, describe, expect, it } from "vitest";

import type { AccountQuery } from "../bindings/AccountQuery";
import type { Decision } from "../bindings/Decision";
import type { Review } from "../bindings/Review";
import type { ReviewItem } from "../bindings/ReviewItem";
import type { ReviewSummary } from "../bindings/ReviewSummary";
import { APP_INFO, CONNECTED, mockCommands, NO_ACCOUNTS, renderApp, SYNCED } from "../test/renderApp";

const BASE = { app_info: APP_INFO, connection_status: CONNECTED, sync_accounts: SYNCED, search_accounts: NO_ACCOUNTS };

const INACTIVE: AccountQuery = {
  text: "",
  filter: { statuses: ["active"], domain: null, managedBy: null, product: null, twoStepEnabled: null, inactiveDays: 90 },
  sort: "name",
  descending: false,
  offset: 0,
  limit: 0,
};

function review(overrides: Partial<Review> = {}): Review {
  return { id: 7, name: "Inactive 90+ days", createdAt: Date.now() - 86_400_000, query: INACTIVE, total: 3, reviewed: 0, appliedAt: null, ...overrides };
}

function item(position: number, name: string, overrides: Partial<ReviewItem> = {}): ReviewItem {
  return {
    position,
    accountId: `712020:${position}`,
    name,
    email: `${name.split(" ")[0]?.toLowerCase()}@acme.com`,
    status: "active",
    lastActive: Math.floor(Date.now() / 1000) - 200 * 86_400,
    twoStepEnabled: false,
    products: [{ product: "confluence", productName: null, site: "ari:cloud:confluence::site/1", siteUrl: null }],
    decision: null,
    note: "",
    decidedAt: null,
    outcome: null,
    ...overrides,
  };
}

function people(): ReviewItem[] {
  return [item(0, "Ana García"), item(1, "Bruno Díaz"), item(2, "Carla Ruiz")];
}

interface Decided {
  position: number;
  decision: Decision | null;
  note: string;
}

/** Rust's side of one review: its items, with each decision recorded as it comes. */
function oneReview(items: ReviewItem[], reviewed = review({ total: items.length })) {
  const decided: Decided[] = [];
  return {
    decided,
    answers: {
      reviews: () => [{ ...reviewed, reviewed: items.filter((it) => it.decision !== null).length }],
      review_items: ({ offset, limit }: Record<string, unknown>) => ({
        total: items.length,
        reviewed: items.filter((it) => it.decision !== null).length,
        items: items.slice(offset as number, (offset as number) + (limit as number)),
      }),
      decide_review_item: ({ position, decision, note }: Record<string, unknown>) => {
        const at = position as number;
        decided.push({ position: at, decision: decision as Decision | null, note: note as string });
        const updated = { ...items[at], decision, note } as ReviewItem;
        items[at] = updated;
        return updated;
      },
    },
  };
}

async function openReviews(user: ReturnType<typeof userEvent.setup>) {
  await user.keyboard("{Control>}6{/Control}");
  expect(screen.getByRole("heading", { level: 1, name: "Access reviews" })).toBeTruthy();
}

/** Opens the one review from the list; answers its grid once focus is on it. */
async function openTheReview(user: ReturnType<typeof userEvent.setup>, name = "Inactive 90+ days") {
  await openReviews(user);
  await user.click(await screen.findByRole("button", { name }));
  const grid = await screen.findByRole("grid", { name: `Accounts in ${name}` });
  await waitFor(() => expect(document.activeElement).toBe(grid));
  return grid;
}

function currentRow(grid: HTMLElement): string {
  return grid.querySelector('[role="row"][aria-selected="true"] .review-grid__name')?.textContent ?? "";
}

// jsdom lays nothing out; the virtualized grid needs a window with a size to fill.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => 1000 });
});

describe("the Access reviews view", () => {
  it("lists the reviews with their progress, and opens one with Enter", async () => {
    const { answers } = oneReview(people());
    mockCommands({
      ...BASE,
      ...answers,
      reviews: [review({ total: 212, reviewed: 38 }), review({ id: 6, name: "2SV off", total: 10, reviewed: 10, appliedAt: Date.now() })],
    });
    renderApp();
    const user = userEvent.setup();
    await openReviews(user);

    const list = await screen.findByRole("region", { name: "Access reviews" });
    const first = within(list).getByRole("button", { name: "Inactive 90+ days" }).closest("tr") as HTMLElement;
    expect(within(first).getByText("38 of 212 reviewed")).toBeTruthy();
    expect(within(first).getByRole("progressbar", { name: "Inactive 90+ days: reviewed" }).getAttribute("value")).toBe("38");
    expect(within(first).getByText("Active accounts inactive for 90+ days")).toBeTruthy();
    expect(within(first).getByText("In progress")).toBeTruthy();
    expect(within(list).getByText("10 of 10 reviewed")).toBeTruthy();
    expect(within(list).getByText(/^Applied /)).toBeTruthy();

    within(list).getByRole("button", { name: "Inactive 90+ days" }).focus();
    await user.keyboard("{ArrowDown}");
    expect(document.activeElement).toBe(within(list).getByRole("button", { name: "2SV off" }));
    await user.keyboard("{ArrowUp}{Enter}");
    expect(await screen.findByRole("heading", { level: 1, name: "Inactive 90+ days" })).toBeTruthy();
    expect(await screen.findByRole("grid", { name: "Accounts in Inactive 90+ days" })).toBeTruthy();
  });

  it("starts a review from the inactive preset, says why one is refused, and opens it", async () => {
    const started: { name: string; query: AccountQuery }[] = [];
    let stored: Review[] = [];
    mockCommands({
      ...BASE,
      reviews: () => stored,
      start_review: ({ name, query }: Record<string, unknown>) => {
        started.push({ name: name as string, query: query as AccountQuery });
        if (started.length === 1) {
          throw { code: "invalidInput", message: "No account matches this search and these filters: there is nothing to review." };
        }
        stored = [review({ name: name as string, query: query as AccountQuery })];
        return stored[0];
      },
      review_items: { total: 3, reviewed: 0, items: people() },
    });
    renderApp();
    const user = userEvent.setup();
    await openReviews(user);
    await user.click(await screen.findByRole("button", { name: "New review…" }));

    const dialog = screen.getByRole("dialog", { name: "New access review" });
    const name = within(dialog).getByRole("textbox", { name: "Name" }) as HTMLInputElement;
    expect(document.activeElement).toBe(name);
    expect(name.value).toMatch(/^Inactive 90\+ days — /);
    expect((within(dialog).getByRole("radio", { name: "Inactive for" }) as HTMLInputElement).checked).toBe(true);
    expect((within(dialog).getByRole("checkbox", { name: "Active" }) as HTMLInputElement).checked).toBe(true);

    await user.click(within(dialog).getByRole("button", { name: "Start review" }));
    expect((await within(dialog).findByRole("alert")).textContent).toMatch(/nothing to review/);

    await user.clear(name);
    await user.type(name, "Q4 inactive");
    await user.click(within(dialog).getByRole("button", { name: "Start review" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Q4 inactive" })).toBeTruthy();
    expect(started[1]).toEqual({ name: "Q4 inactive", query: INACTIVE });
    const grid = await screen.findByRole("grid", { name: "Accounts in Q4 inactive" });
    await waitFor(() => expect(currentRow(grid)).toBe("Ana García"));
    expect(screen.getByTestId("review-progress").textContent).toBe("0 of 3 reviewed");
  });

  it("walks the accounts with the keys, deciding and noting each", async () => {
    const { answers, decided } = oneReview(people());
    mockCommands({ ...BASE, ...answers });
    renderApp();
    const user = userEvent.setup();
    const grid = await openTheReview(user);
    expect(currentRow(grid)).toBe("Ana García");

    await user.keyboard("{ArrowDown}");
    expect(currentRow(grid)).toBe("Bruno Díaz");
    await user.keyboard("k");
    // On to the next account without a decision.
    expect(currentRow(grid)).toBe("Carla Ruiz");
    await user.keyboard("d");
    // None after it: from the top again.
    expect(currentRow(grid)).toBe("Ana García");
    await waitFor(() => expect(screen.getByTestId("review-progress").textContent).toBe("2 of 3 reviewed"));

    await user.keyboard("n");
    const note = within(grid).getByRole("textbox", { name: "Note on Ana García" });
    expect(document.activeElement).toBe(note);
    await user.type(note, "Back from leave in January{Enter}");
    expect(document.activeElement).toBe(grid);
    await user.keyboard("f");
    await waitFor(() => expect(screen.getByTestId("review-progress").textContent).toBe("3 of 3 reviewed"));
    // Every account decided: simply the next one.
    expect(currentRow(grid)).toBe("Bruno Díaz");
    await user.keyboard("{Backspace}");
    await waitFor(() => expect(screen.getByTestId("review-progress").textContent).toBe("2 of 3 reviewed"));

    await waitFor(() => expect(decided).toHaveLength(5));
    expect(decided).toEqual([
      { position: 1, decision: { kind: "keep" }, note: "" },
      { position: 2, decision: { kind: "deactivate" }, note: "" },
      { position: 0, decision: null, note: "Back from leave in January" },
      { position: 0, decision: { kind: "followUp" }, note: "Back from leave in January" },
      { position: 1, decision: null, note: "" },
    ]);
    const ana = within(grid).getByRole("group", { name: "Decision on Ana García" });
    expect(within(ana).getByRole("button", { name: "Follow up" }).getAttribute("aria-pressed")).toBe("true");
    expect(within(grid).getByText("Back from leave in January")).toBeTruthy();
  });

  it("asks which product R removes from an account with two, and removes the one picked", async () => {
    const both = item(0, "Ana García", {
      products: [
        { product: "confluence", productName: null, site: "ari:cloud:confluence::site/1", siteUrl: null },
        { product: "jira-software", productName: null, site: "ari:cloud:jira::site/1", siteUrl: null },
        { product: "confluence", productName: null, site: "ari:cloud:confluence::site/2", siteUrl: null },
      ],
    });
    const { answers, decided } = oneReview([both, item(1, "Bruno Díaz")]);
    mockCommands({ ...BASE, ...answers });
    renderApp();
    const user = userEvent.setup();
    const grid = await openTheReview(user);

    await user.keyboard("r");
    const picker = screen.getByRole("dialog", { name: "Remove which product from Ana García?" });
    expect(within(picker).getByRole("button", { name: /Confluence on 2 sites/ })).toBeTruthy();
    await user.keyboard("2");

    await waitFor(() => expect(decided).toEqual([{ position: 0, decision: { kind: "removeProduct", product: "jira-software" }, note: "" }]));
    expect(screen.queryByRole("dialog")).toBeNull();
    const ana = within(grid).getByRole("group", { name: "Decision on Ana García" });
    expect(within(ana).getByRole("button", { name: "Remove Jira" }).getAttribute("aria-pressed")).toBe("true");
    // Bruno has one product: R removes it without asking.
    await waitFor(() => expect(document.activeElement).toBe(grid));
    expect(currentRow(grid)).toBe("Bruno Díaz");
    await user.keyboard("r");
    await waitFor(() => expect(decided[1]).toEqual({ position: 1, decision: { kind: "removeProduct", product: "confluence" }, note: "" }));
  });

  it("says which account a refused decision was for, and leaves it undecided", async () => {
    const { answers } = oneReview(people());
    mockCommands({
      ...BASE,
      ...answers,
      decide_review_item: {
        reject: { code: "conflict", message: "The changes for this decision are in the outbox already: discard them there to decide again." },
      },
    });
    renderApp();
    const user = userEvent.setup();
    const grid = await openTheReview(user);

    await user.keyboard("k");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toMatch(/^Not recorded for Ana García: The changes for this decision are in the outbox already/);
    const ana = within(grid).getByRole("group", { name: "Decision on Ana García" });
    await waitFor(() => expect(within(ana).getByRole("button", { name: "Keep" }).getAttribute("aria-pressed")).toBe("false"));
    expect(screen.getByTestId("review-progress").textContent).toBe("0 of 3 reviewed");
  });

  it("applies a review after its summary, then sends the queued changes", async () => {
    const decidedItems = [
      item(0, "Ana García", { decision: { kind: "keep" } }),
      item(1, "Bruno Díaz", { decision: { kind: "deactivate" } }),
      item(2, "Carla Ruiz", { decision: { kind: "removeProduct", product: "confluence" } }),
    ];
    const { answers } = oneReview(decidedItems);
    const before: ReviewSummary = { total: 3, keep: 1, deactivate: 1, removeProduct: 1, followUp: 0, undecided: 0, changes: 2, alreadyQueued: 0 };
    const calls = mockCommands({
      ...BASE,
      ...answers,
      review_summary: before,
      apply_review: { ...before, changes: 0, alreadyQueued: 2 },
      send_pending_changes: { applied: 2, held: 0, failed: 0, waiting: 0, stopped: null },
    });
    renderApp();
    const user = userEvent.setup();
    await openTheReview(user);
    expect(screen.getByTestId("review-progress").textContent).toBe("3 of 3 reviewed");

    await user.click(screen.getByRole("button", { name: "Apply review…" }));
    const dialog = screen.getByRole("dialog", { name: "Apply “Inactive 90+ days”" });
    expect((await within(dialog).findByTestId("review-summary")).textContent).toBe(
      "1 to deactivate, 1 product removal, 1 kept, 0 follow-ups, 0 undecided; 2 changes will be queued.",
    );
    await user.click(within(dialog).getByRole("button", { name: "Queue 2 changes" }));

    expect(
      await screen.findByText("2 changes queued: they are sent now, or when the directory answers (see Pending changes, Ctrl+5)"),
    ).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
    await waitFor(() => expect(calls).toContain("send_pending_changes"));
    expect(calls.indexOf("apply_review")).toBeLessThan(calls.indexOf("send_pending_changes"));
  });

  it("says why there is nothing to queue instead of offering to apply", async () => {
    const { answers } = oneReview(people());
    mockCommands({
      ...BASE,
      ...answers,
      review_summary: { total: 3, keep: 3, deactivate: 0, removeProduct: 0, followUp: 0, undecided: 0, changes: 0, alreadyQueued: 0 },
    });
    renderApp();
    const user = userEvent.setup();
    await openTheReview(user);
    await user.click(screen.getByRole("button", { name: "Apply review…" }));
    const dialog = screen.getByRole("dialog");
    const queue = await within(dialog).findByRole("button", { name: "Queue 0 changes" });
    expect((queue as HTMLButtonElement).disabled).toBe(true);
    expect(within(dialog).getByText(/Nothing to queue: no account is marked to deactivate/)).toBeTruthy();
  });

  it("exports the review as CSV where the admin chooses", async () => {
    const { answers } = oneReview(people());
    mockCommands({ ...BASE, ...answers, export_review_csv: { accounts: 3, path: "/home/admin/review.csv" } });
    renderApp();
    const user = userEvent.setup();
    await openTheReview(user);
    await user.click(screen.getByRole("button", { name: "Export CSV" }));
    expect(await screen.findByText("Exported 3 accounts to /home/admin/review.csv")).toBeTruthy();
  });

  it("deletes a review once the admin confirms, and goes back to the list", async () => {
    let stored = [review()];
    const { answers } = oneReview(people());
    const calls = mockCommands({
      ...BASE,
      ...answers,
      reviews: () => stored,
      delete_review: ({ reviewId }: Record<string, unknown>) => {
        expect(reviewId).toBe(7);
        stored = [];
        return null;
      },
    });
    renderApp();
    const user = userEvent.setup();
    await openTheReview(user);
    await user.click(screen.getByRole("button", { name: "Delete review" }));
    const dialog = screen.getByRole("dialog", { name: "Delete “Inactive 90+ days”?" });
    await user.click(within(dialog).getByRole("button", { name: "Delete review" }));

    expect(await screen.findByText("Deleted “Inactive 90+ days”.")).toBeTruthy();
    expect(screen.getByRole("heading", { level: 1, name: "Access reviews" })).toBeTruthy();
    expect(calls).toContain("delete_review");
  });
});
