// Every managed-account operation once, through the real window, against a directory
// server in its own process; each checks its result on screen.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { type Browser, keepEvidenceOnFailure, openApp } from "../app";
import { type Directory, everydayAccount, startDirectory } from "../directory";
import * as page from "../page";

let browser: Browser | undefined;
let directory: Directory | undefined;
let target: { name: string; email: string } = { name: "", email: "" };
const db = join(mkdtempSync(join(tmpdir(), "custodian-e2e-operations-")), "directory.sqlite");

function app(): Browser {
  if (!browser) throw new Error("the app did not open");
  return browser;
}

async function waitForText(selector: string, expected: (text: string) => boolean, what: string, timeout = 10_000) {
  return page.waitForText(app(), selector, expected, what, timeout);
}

const section = (id: string) => `section[aria-labelledby="${id}-title"]`;

/** An element by CSS, or by text (`button=Save`) inside the element `scope` finds. */
function find(selector: string, scope?: string) {
  return scope ? app().$(scope).$(selector) : app().$(selector);
}

async function count(selector: string, scope: string): Promise<number> {
  return (await app().$(scope).$$(selector)).length;
}

async function click(selector: string, scope?: string) {
  const element = find(selector, scope);
  await element.waitForExist({ timeout: 10_000 });
  await element.scrollIntoView({ block: "center" });
  await element.waitForClickable({ timeout: 10_000 });
  await element.click();
}

/** Confirms the open dialog with its button labelled `label`, and waits for it to close. */
async function confirm(label: string) {
  await click(`button=${label}`, '[role="dialog"]');
  await app().$('[role="dialog"]').waitForExist({ reverse: true, timeout: 15_000 });
}

async function openTarget() {
  const b = app();
  await click('[data-view="accounts"] input[type="search"]');
  const search = await b.$('[data-view="accounts"] input[type="search"]');
  await search.setValue(target.email);
  // Every word is matched as a prefix, so similar addresses match too: open the exact one.
  const row = b.$('[role="grid"]').$(`span=${target.email}`);
  await row.waitForExist({ timeout: 10_000, timeoutMsg: `${target.email} is not in the list` });
  await row.doubleClick();
  await waitForText('[data-testid="refresh-status"]', (t) => t === "Refreshed just now", "the account page was not refreshed");
}

describe("every account operation, through the window", () => {
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

  it("opens the account's page", async () => {
    await openTarget();
    expect(await app().$("h2#account-page-title").getText()).toBe(target.name);
  });

  it("edits the profile", async () => {
    await click(`button=Edit profile`, section("profile"));
    const jobTitle = await app().$("#profile-jobTitle");
    await jobTitle.setValue("End-to-end lead");
    await click(`button=Save 1 change`, section("profile"));
    await waitForText(section("profile"), (t) => t.includes("End-to-end lead") && !t.includes("Save"), "the new job title did not show");
  });

  it("logs out a browser device", async () => {
    expect(await app().$(section("devices")).getText()).not.toContain("Logged out");
    // A browser's session ends at once; a mobile app's only within the hour.
    await click('//section[@aria-labelledby="devices-title"]//tr[td[2][normalize-space()="Browser"]]//button');
    await confirm("Log out");
    await waitForText(section("devices"), (t) => t.includes("Logged out"), "the device did not show as logged out");
  });

  // Last of the profile changes: a new email ends every session of the account.
  it("changes the email to a verified domain", async () => {
    const address = `e2e.${Date.now()}@northwind-labs.example`;
    await click(`button=Change email`, section("profile"));
    await app().$("#new-email").setValue(address);
    await confirm("Change email");
    await waitForText(".account-page__email", (t) => t === address, "the new email did not show");
    target.email = address;
  });

  it("grants product access, then removes it", async () => {
    const before = await count(`tbody tr`, section("products"));
    await click(`button=Grant access`, section("products"));
    const product = await app().$('[role="dialog"] select');
    await product.waitForExist();
    const held = await app().$(section("products")).getText();
    const options = await product.$$("option");
    let chosen = "";
    for (const option of options) {
      const text = await option.getText();
      const value = await option.getAttribute("value");
      const name = text.split(" (")[0] ?? text;
      if (value && !held.includes(name)) {
        chosen = value;
        break;
      }
    }
    expect(chosen).not.toBe("");
    await product.selectByAttribute("value", chosen);
    await confirm("Grant access");
    await app().waitUntil(async () => (await count(`tbody tr`, section("products"))) === before + 1, {
      timeout: 10_000,
      timeoutMsg: "the granted product did not show",
    });
    const removes = app().$(section("products")).$$("button=Remove");
    const last = removes[(await removes.length) - 1];
    if (!last) throw new Error("no Remove button");
    await last.click();
    await confirm("Remove access");
    await app().waitUntil(async () => (await count(`tbody tr`, section("products"))) === before, {
      timeout: 10_000,
      timeoutMsg: "the removed product stayed",
    });
  });

  it("excludes the account from two-step verification, and undoes it", async () => {
    await click(`button=Exclude`, section("two-step"));
    await confirm("Exclude");
    await waitForText('[data-testid="two-step-enforcement"]', (t) => t.startsWith("Excluded"), "the exclusion did not show");
    await click(`button=Undo exclusion`, section("two-step"));
    await confirm("Undo exclusion");
    await waitForText('[data-testid="two-step-enforcement"]', (t) => !t.startsWith("Excluded"), "the undo did not show");
  });

  it("requires a password reset", async () => {
    await click(`button=Require reset`, section("lifecycle"));
    await confirm("Require reset");
    await waitForText('[data-testid="password-reset"]', (t) => t.startsWith("Reset required at next login"), "the reset is not shown pending");
  });

  it("revokes one API token, then all", async () => {
    const before = await count(`tbody tr`, section("api-tokens"));
    await click(`button[aria-label^="Revoke "]`, section("api-tokens"));
    await confirm("Revoke");
    await app().waitUntil(async () => (await count(`tbody tr`, section("api-tokens"))) === before - 1, {
      timeout: 10_000,
      timeoutMsg: "the token stayed",
    });
    if (before - 1 > 1) {
      await click(`button=Revoke all`, section("api-tokens"));
      await confirm("Revoke all");
    } else {
      await click(`button[aria-label^="Revoke "]`, section("api-tokens"));
      await confirm("Revoke");
    }
    await waitForText(section("api-tokens"), (t) => t.includes("No API tokens."), "tokens stayed");
  });

  it("deactivates the account and reactivates it", async () => {
    await click(`button=Deactivate`, section("lifecycle"));
    await app().$('[role="dialog"] textarea').setValue("Testing, back soon");
    await confirm("Deactivate");
    await waitForText(".account-page__identity .badge", (t) => t === "Deactivated", "the account is not shown deactivated");
    await click(`button=Reactivate`, section("lifecycle"));
    await confirm("Reactivate");
    await waitForText(".account-page__identity .badge", (t) => t === "Active", "the account is not shown active");
  });

  it("deletes the account after typing its email, then cancels the deletion", async () => {
    await click(`button=Delete`, section("lifecycle"));
    const typed = await app().$('[role="dialog"] input');
    await typed.waitForExist({ timeout: 10_000 });
    await typed.setValue(target.email);
    await confirm("Delete account");
    await waitForText('[data-testid="deletion-due"]', (t) => t === ": deleted in 14 days", "the deletion is not shown");
    await click(`button=Cancel deletion`, section("lifecycle"));
    await confirm("Cancel deletion");
    await waitForText(".account-page__identity .badge", (t) => t === "Active", "the account is not shown active again");
    await app().keys("Escape");
    await app().$("section.account-page").waitForExist({ reverse: true, timeout: 5_000 });
  });

  it("applies a bulk action to selected accounts and reports each", async () => {
    const b = app();
    const search = await b.$('[data-view="accounts"] input[type="search"]');
    await search.setValue("northwind");
    await waitForText('[data-testid="match-count"]', (t) => t.includes("match"), "the search did not narrow");
    await click('[role="grid"]');
    for (const key of ["Home", " ", "ArrowDown", " ", "ArrowDown", " "]) await b.keys(key);
    await waitForText('[data-testid="selected-count"]', (t) => t === "3 selected", "three rows were not selected");
    await b.$('[aria-label="Bulk actions"] select').selectByAttribute("value", "requirePasswordReset");
    await click('button=Review…', '[aria-label="Bulk actions"]');
    await waitForText('[data-testid="bulk-summary"]', (t) => t.includes("will change"), "no preview");
    await click('button*=Require a password reset', '[role="dialog"]');
    const report = await waitForText('[data-testid="bulk-report"]', (t) => t.includes("changed"), "no report", 20_000);
    expect(report).toMatch(/^\d+ changed, \d+ skipped, \d+ failed/);
    await click('button=Close', '[role="dialog"]');
  });

  it("verifies a domain and claims the accounts of another", async () => {
    const b = app();
    await b.keys(["Control", "3"]);
    await click('button[aria-label="Verify fabrikam.example"]');
    await confirm("Verify now");
    await b.$('button[aria-label="Claim the accounts on fabrikam.example"]').waitForExist({ timeout: 10_000 });
    await click('button[aria-label="Claim the accounts on nw-services.example"]');
    await waitForText('[data-testid="claim-preview"]', (t) => / on nw-services.example will become managed/.test(t), "no claim preview");
    await click('button*=Claim ', '[role="dialog"]');
    await waitForText('[role="dialog"] [role="status"]', (t) => t.startsWith("Claimed "), "the claim was not confirmed");
    await click('button=Close', '[role="dialog"]');
  });

  it("lists every change in Activity", async () => {
    const b = app();
    await b.keys(["Control", "4"]);
    const count = await waitForText('[data-testid="activity-count"]', (t) => /^\d+ changes$/.test(t), "no activity");
    expect(Number.parseInt(count, 10)).toBeGreaterThanOrEqual(16);
    const text = await b.$('section[aria-label="Changes"]').getText();
    for (const change of ["Edit profile: Job title", "Deactivate", "Delete", "Cancel deletion", "Require a password reset", "Claim the accounts of nw-services.example"]) {
      expect(text).toContain(change);
    }
  });
});
