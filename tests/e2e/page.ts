// Reading the window's page from a spec: text as the DOM has it, and waiting for it.
import type { Browser } from "./app";

/** An element's text as the DOM has it (textContent), shown or scrolled away; "" if none. */
export async function text(browser: Browser, selector: string): Promise<string> {
  return browser.execute((css: string) => document.querySelector(css)?.textContent?.trim() ?? "", selector);
}

/** Waits until the element's text satisfies `expected`; the failure says what was seen last. */
export async function waitForText(
  browser: Browser,
  selector: string,
  expected: (text: string) => boolean,
  what: string,
  timeout = 15_000,
): Promise<string> {
  let last = "";
  try {
    await browser.waitUntil(
      async () => {
        last = await text(browser, selector);
        return expected(last);
      },
      { timeout },
    );
  } catch {
    throw new Error(`${what} (last seen: ${JSON.stringify(last)})`);
  }
  return last;
}
