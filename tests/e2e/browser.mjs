// Launches Debian's Chromium through playwright-core (no downloaded browser) and records what a
// page does: every request it makes and every console error, including CSP violations.
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

// The flags that keep Chromium from calling home on this closed network (see the machine notes).
export const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/**
 * Opens a fresh context (empty storage) with the given locale and records requests and errors.
 * Returns { context, page, requests, errors }.
 */
export async function openPage(browser, { locale = "en-US" } = {}) {
  const context = await browser.newContext({ locale, acceptDownloads: true });
  const requests = [];
  const errors = [];
  context.on("request", (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  return { context, page, requests, errors };
}

/** Waits until the app has mounted (the navigation is rendered by the WebAssembly app). */
export async function waitForApp(page) {
  await page.locator("nav.main-nav a").first().waitFor({ timeout: 30_000 });
}
