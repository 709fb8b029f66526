// An access review through the real window, against a directory in its own process:
// start it from a preset, decide with the keyboard, apply it, and see the change made.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { type Browser, keepEvidenceOnFailure, openApp } from "../app";
import * as page from "../page";
import { api, type Directory, everydayAccount, startDirectory } from "../directory";

let browser: Browser | undefined;
let directory: Directory | undefined;
/** The one account under review. */
let target = { email: "" };
let targetRow = 0;
const db = join(mkdtempSync(join(tmpdir(), "custodian-e2e-reviews-")), "directory.sqlite");

function app(): Browser {
  if (!browser) throw new Error("the app did not open");
  return browser;
}

async function text(selector: string): Promise<string> {
  return page.text(app(), selector);
}

async function waitForText(selector: string, expected: (t: string) => boolean, what: string, timeout = 15_000) {
  return page.waitForText(app(), selector, expected, what, timeout);
}

/** How many accounts the open review holds, from "N of M reviewed". */
async function total(): Promise<number> {
  return Number((await text('[data-testid="review-progress"]')).split(" ")[2]?.replace(/,/g, ""));
}

describe("an access review, through the window", () => {
  beforeEach(() => keepEvidenceOnFailure(() => browser));
  beforeAll(async () => {
    directory = await startDirectory(db);
    target = await everydayAccount(directory);
    browser = await openApp(["--directory-url", directory.url, "--directory-org", directory.org]);
    await waitForText('[data-testid="sync-status"]', (t) => t.startsWith("Synced"), "the first sync did not finish", 30_000);
  });
  afterAll(async () => {
    await browser?.deleteSession();
    await directory?.stop();
  });

  it("starts a review of the accounts a search matches", async () => {
    const b = app();
    await b.keys(["Control", "6"]);
    const start = b.$("button=New review…");
    await start.waitForClickable({ timeout: 10_000 });
    await start.click();
    const dialog = b.$('[role="dialog"]');
    await dialog.$("span=Every account matching the search").click();
    // Every word matches as a prefix: similar addresses come too.
    await dialog.$('input[type="search"]').setValue(target.email);
    await dialog.$("button=Start review").click();
    await dialog.waitForExist({ reverse: true, timeout: 15_000 });
    await waitForText('[data-testid="review-progress"]', (t) => /^0 of \d+ reviewed$/.test(t), "the review did not open");
    expect(await total()).toBeGreaterThanOrEqual(2);
  });

  it("decides with the keyboard: a note and deactivate on one account, keep on the next", async () => {
    const b = app();
    let row = 0;
    while ((await text(`#review-row-${row} .review-grid__email`)) !== target.email) {
      if (row > 20) throw new Error(`${target.email} is not in the review`);
      await b.keys("ArrowDown");
      row += 1;
    }
    targetRow = row;
    await b.keys("n");
    const note = b.$("input.review-grid__note-input");
    await note.waitForExist({ timeout: 5_000 });
    await note.setValue("Left in March; confirmed with HR");
    await b.keys("Enter");
    await waitForText(`#review-row-${row}`, (t) => t.includes("Left in March"), "the note was not kept");
    await b.keys("d");
    await waitForText('[data-testid="review-progress"]', (t) => t.startsWith("1 of "), "D did not decide the account");
    expect(await text(`#review-row-${row} [aria-pressed="true"]`)).toBe("Deactivate");
    // The cursor moved on to the next undecided account.
    await b.keys("k");
    await waitForText('[data-testid="review-progress"]', (t) => t.startsWith("2 of "), "K did not keep the next account");
  });

  it("applies the review after its summary, and the account is deactivated on the directory", async () => {
    const b = app();
    await b.$("button=Apply review…").click();
    const dialog = b.$('[role="dialog"]');
    await waitForText('[data-testid="review-summary"]', (t) => t.includes("1 to deactivate") && t.includes("1 kept"), "the summary did not say what applying does");
    await dialog.$("button=Queue 1 change").click();
    await dialog.waitForExist({ reverse: true, timeout: 15_000 });
    await waitForText(`#review-row-${targetRow}`, (t) => t.includes("Applied"), "the decision was not applied", 20_000);
    const found = await api<{ data: { email: string; accountStatus: string }[] }>(
      directory as Directory,
      `/admin/v2/orgs/${(directory as Directory).org}/directories/-/users/search`,
      { emails: [target.email], limit: 1 },
    );
    expect(found.data[0]?.accountStatus).toBe("inactive");
  });
});
