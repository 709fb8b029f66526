import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeEach, describe, expect, it } from "vitest";

import { type Browser, keepEvidenceOnFailure, openApp } from "../app";
import { api, type Directory, everydayAccount, startDirectory } from "../directory";

let browser: Browser | undefined;
let directory: Directory | undefined;
/** The account changed while offline. */
let changed = { accountId: "", email: "" };
const PLANE_TITLE = "Changed on a plane";
const db = join(mkdtempSync(join(tmpdir(), "custodian-e2e-directory-")), "directory.sqlite");

async function app(): Promise<Browser> {
  if (!browser) throw new Error("the app did not open");
  return browser;
}

/** Waits for the status bar's sync text to satisfy `expected`; the element is looked up
 * afresh each time, as the status bar re-renders it. */
async function syncStatus(expected: (text: string) => boolean, timeout: number, what: string) {
  const b = await app();
  const text = () => b.$('[data-testid="sync-status"]').getText().catch(() => "");
  await b.waitUntil(async () => expected(await text()), { timeout, timeoutMsg: what });
  return text();
}

describe("a self-hosted directory that goes away and comes back", () => {
  beforeEach(() => keepEvidenceOnFailure(() => browser));
  afterAll(async () => {
    await browser?.deleteSession();
    await directory?.stop();
  });

  it("syncs from the directory named at launch", async () => {
    directory = await startDirectory(db);
    browser = await openApp(["--directory-url", directory.url, "--directory-org", directory.org]);
    await syncStatus((t) => t.startsWith("Synced"), 30_000, "the first sync did not finish");
    const connection = await browser.$('[data-testid="connection-status"]');
    expect(await connection.getText()).toContain(`Custodian Directory at ${directory.url}`);
    changed = await everydayAccount(directory);
  });

  it("says it is offline when the directory stops, and keeps every read working", async () => {
    const b = await app();
    await directory?.stop();
    await b.keys(["Control", "r"]);
    const text = await syncStatus((t) => t.startsWith("Offline"), 30_000, "the app never said it was offline");
    expect(text).toMatch(/^Offline, showing accounts as of /);

    await b.keys("/");
    await b.keys(["a"]);
    const count = await b.$('[data-testid="match-count"]');
    await count.waitUntil(async () => /^[\d,]+ of [\d,]+ accounts match$/.test(await count.getText()), {
      timeout: 10_000,
      timeoutMsg: "searching the cache stopped working offline",
    });
    await b.keys("Escape");
  });

  it("opens an account offline from the cache, and says as of when", async () => {
    const b = await app();
    const grid = await b.$('[role="grid"]');
    await grid.click();
    await b.keys(["Home", "Enter"]);
    const page = await b.$("section.account-page");
    await page.waitForExist({ timeout: 5_000 });
    const status = await page.$('[data-testid="refresh-status"]');
    await status.waitUntil(async () => (await status.getText()).startsWith("Offline: showing this account as of"), {
      timeout: 30_000,
      timeoutMsg: "the account page did not say it was offline",
    });
    expect(await page.getText()).toContain("Profile");
    await b.keys("Escape");
    await page.waitForExist({ reverse: true, timeout: 5_000 });
  });

  it("changes an account offline: the change waits, shown as pending", async () => {
    const b = await app();
    const search = await b.$('[data-view="accounts"] input[type="search"]');
    await search.click();
    await search.setValue(changed.email);
    const row = b.$('[role="grid"]').$(`span=${changed.email}`);
    await row.waitForExist({ timeout: 10_000, timeoutMsg: `${changed.email} is not in the list` });
    await row.doubleClick();
    const page = await b.$("section.account-page");
    await page.waitForExist({ timeout: 5_000 });
    const profile = 'section[aria-labelledby="profile-title"]';
    const edit = b.$(profile).$("button=Edit profile");
    await edit.waitForClickable({ timeout: 10_000 });
    await edit.click();
    await b.$("#profile-jobTitle").setValue(PLANE_TITLE);
    await b.$(profile).$("button=Save 1 change").click();

    const banner = await b.$('[data-testid="pending-banner"]');
    await banner.waitForExist({ timeout: 15_000, timeoutMsg: "the change was not shown as pending" });
    expect(await banner.getText()).toContain("Edit profile: Job title");
    expect(await banner.getText()).toContain("Waiting to be sent");
    expect(await b.$('[data-testid="pending-count"]').getText()).toBe("1");
    expect(await b.$('[data-testid="outbox-status"]').getText()).toBe("1 change waiting to be sent");
    await b.keys("Escape");
    await page.waitForExist({ reverse: true, timeout: 5_000 });
  });

  it("reconnects by itself when the directory is back, and says so", async () => {
    const url = new URL(directory?.url ?? "");
    directory = await startDirectory(db, url.host);
    await syncStatus((t) => t.startsWith("Back online"), 60_000, "the app did not reconnect by itself");
  });

  it("applies the change made offline once the directory is back", async () => {
    const b = await app();
    const count = b.$('[data-testid="pending-count"]');
    await count.waitForExist({ reverse: true, timeout: 30_000, timeoutMsg: "the pending change was not sent" });
    const profile = await api<{ account: { extended_profile: { job_title?: string } } }>(
      directory as Directory,
      `/users/${changed.accountId}/manage/profile`,
    );
    expect(profile.account.extended_profile.job_title).toBe(PLANE_TITLE);
    await b.keys(["Control", "5"]);
    const empty = await b.$("h2=Nothing pending");
    await empty.waitForExist({ timeout: 5_000 });
  });
});
