import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { afterAll, beforeEach, describe, expect, it } from "vitest";

import { appHome, type Browser, keepEvidenceOnFailure, openApp } from "../app";

const STATE_FILE = () => join(appHome(), "config", "io.custodian.desktop", ".window-state.json");
const WANTED = { x: 40, y: 50, width: 1024, height: 700 };

let browser: Browser | undefined;

function savedState(): { width?: number } {
  try {
    return (JSON.parse(readFileSync(STATE_FILE(), "utf8")) as Record<string, { width?: number }>).main ?? {};
  } catch {
    return {}; // written while we read: try again
  }
}

describe("the window's size and position", () => {
  beforeEach(() => keepEvidenceOnFailure(() => browser));
  // Not afterEach: evidence of a failure is taken after it, and needs the window.
  afterAll(async () => {
    await browser?.deleteSession();
  });

  it("are remembered between runs, even when the app does not exit cleanly", async () => {
    browser = await openApp();
    await browser.setWindowRect(WANTED.x, WANTED.y, WANTED.width, WANTED.height);
    await browser.waitUntil(
      () => existsSync(STATE_FILE()) && savedState().width === WANTED.width,
      { timeout: 5_000, timeoutMsg: "the window's new size was not saved" },
    );
    // Ending the WebDriver session kills the app: nothing is saved at exit.
    await browser.deleteSession();

    browser = await openApp();
    expect(await browser.getWindowRect()).toEqual(WANTED);
  });
});
