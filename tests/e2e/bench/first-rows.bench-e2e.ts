// How soon the cached accounts show: the app is opened a few times on a home whose cache is
// already full, and each time the clock runs from the moment WebDriver reports the window
// until the first row's name is on screen. Prints `name: value unit` lines.
import { afterEach, describe, expect, it } from "vitest";

import { type Browser, openApp } from "../app";

const RUNS = Number(process.env.FIRST_ROWS_RUNS ?? 5);
/** A suffix for the figures' names, e.g. `_demo` when measured against the demo directory. */
const SUFFIX = process.env.FIRST_ROWS_SUFFIX ?? "";
const FIRST_CELL = '[role="grid"] [role="row"][aria-rowindex="2"] [role="gridcell"]';

let browser: Browser | undefined;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

interface Seen {
  /** The page's clock origin (navigation start) and the first row's appearance, both Unix ms. */
  origin: number;
  rows: number;
  /** The page's own milestones, ms after its origin. */
  domContentLoaded: number;
}

/** Watches from inside the page, so the time is the page's own and not a WebDriver poll's. */
async function firstRows(b: Browser): Promise<Seen> {
  return b.executeAsync((selector: string, done: (seen: Seen) => void) => {
    const check = () => {
      if (document.querySelector(selector)?.textContent) {
        const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
        done({
          origin: performance.timeOrigin,
          rows: performance.timeOrigin + performance.now(),
          domContentLoaded: navigation?.domContentLoadedEventEnd ?? Number.NaN,
        });
      } else {
        setTimeout(check, 2);
      }
    };
    check();
  }, FIRST_CELL);
}

describe("the first rows on a launch with the cache full", () => {
  afterEach(async () => {
    await browser?.deleteSession();
    browser = undefined;
  });

  it(`shows them ${RUNS} times over`, async () => {
    const afterWindow: number[] = [];
    const afterLaunch: number[] = [];
    const afterNavigation: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = Date.now();
      browser = await openApp();
      const opened = Date.now();
      await browser.setTimeout({ script: 20_000 });
      const seen = await firstRows(browser);
      afterWindow.push(Math.round(seen.rows - opened));
      afterLaunch.push(Math.round(seen.rows - started));
      afterNavigation.push(Math.round(seen.rows - seen.origin));
      console.error(
        `run ${run + 1}: page started ${Math.round(seen.origin - opened)} ms after the window, ` +
          `its DOM loaded at ${Math.round(seen.domContentLoaded)} ms, rows at ${Math.round(seen.rows - seen.origin)} ms`,
      );
      await browser.deleteSession();
      browser = undefined;
    }
    console.log(`first_rows_after_window_runs${SUFFIX}: ${afterWindow.join(", ")} ms`);
    console.log(`first_rows_after_window${SUFFIX}: ${median(afterWindow)} ms`);
    console.log(`first_rows_after_launch${SUFFIX}: ${median(afterLaunch)} ms`);
    console.log(`first_rows_after_navigation${SUFFIX}: ${median(afterNavigation)} ms`);
    expect(afterWindow).toHaveLength(RUNS);
  });
});
