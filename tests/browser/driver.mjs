// Drives headless Chromium for sfn-cli/tests/view_browser.rs, which keeps every assertion:
// this process only does what the test asks, one JSON command a line on stdin, one JSON
// reply a line on stdout ({"id", "ok"} or {"id", "error"}).
//
// Why a separate Node.js process: headless_chrome in the Rust test got no DevTools events,
// because serde_json's `arbitrary_precision` (on workspace-wide) changes how it reads the
// protocol's numbers. playwright-core (pinned in package-lock.json) downloads no browser: it
// runs Debian's Chromium at SFN_CHROMIUM.
//
// Usage: node driver.mjs TOOLS_DIR CHROMIUM PROFILE_DIR
//   TOOLS_DIR: the folder holding node_modules/playwright-core (.ci/browser-tools prints it)
//   PROFILE_DIR: a fresh --user-data-dir (removed and recreated here)

import { createRequire } from "node:module";
import { rmSync, mkdirSync } from "node:fs";
import { createInterface } from "node:readline";
import { join } from "node:path";

const [toolsDir, executablePath, profile] = process.argv.slice(2);
const { chromium } = createRequire(join(toolsDir, "node_modules", "/"))("playwright-core");

// Without the background-networking flags Chromium tries to reach Google's services (refused
// on a closed network, and requests the test would see).
const args = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--hide-scrollbars",
];

rmSync(profile, { recursive: true, force: true });
mkdirSync(profile, { recursive: true });
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args,
  viewport: { width: 1400, height: 900 },
  timeout: 60_000,
});

/** Open pages by id, each with what it did besides rendering. */
const pages = new Map();
let nextPage = 1;

async function open(file) {
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const observed = { problems: [], requests: [] };
  page.on("console", (m) => {
    if (["error", "warning", "assert"].includes(m.type())) {
      observed.problems.push(`console.${m.type()}: ${m.text()}`);
    }
  });
  page.on("pageerror", (e) => observed.problems.push(`exception: ${e.message}`));
  // The DevTools protocol's own view of the network and the log: every request the page
  // makes (file:// included, which Playwright's request events leave out) and messages
  // such as Content-Security-Policy violations.
  const cdp = await context.newCDPSession(page);
  cdp.on("Network.requestWillBeSent", (e) => observed.requests.push(e.request.url));
  cdp.on("Log.entryAdded", (e) => {
    if (e.entry.level === "error" || e.entry.level === "warning") {
      observed.problems.push(`log ${e.entry.level}: ${e.entry.text} ${e.entry.url ?? ""}`);
    }
  });
  await cdp.send("Network.enable");
  await cdp.send("Log.enable");
  const started = performance.now();
  await page.goto(`file://${file}`);
  await page.waitForSelector('html[data-ready="true"]', { state: "attached" });
  const loadMs = performance.now() - started;
  const id = nextPage++;
  pages.set(id, { page, observed });
  return { page: id, loadMs };
}

function get(id) {
  const entry = pages.get(id);
  if (!entry) throw new Error(`no page ${id}`);
  return entry;
}

async function run(command) {
  switch (command.op) {
    case "open":
      return open(command.file);
    case "eval": {
      const value = await get(command.page).page.evaluate(command.expression);
      return value === undefined ? null : value;
    }
    case "click":
      // A real mouse click at the element's centre, after Playwright's actionability
      // checks (visible, stable, not covered by another element).
      await get(command.page).page.click(command.selector);
      return null;
    case "screenshot":
      await get(command.page).page.screenshot({ path: command.path, fullPage: true });
      return null;
    case "observed":
      return get(command.page).observed;
    case "close":
      await get(command.page).page.close();
      pages.delete(command.page);
      return null;
    default:
      throw new Error(`unknown op ${command.op}`);
  }
}

const reply = (message) => process.stdout.write(JSON.stringify(message) + "\n");
reply({ id: 0, ok: { version: context.browser()?.version() ?? null } });

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  let command;
  try {
    command = JSON.parse(line);
    reply({ id: command.id, ok: await run(command) });
  } catch (e) {
    reply({ id: command?.id ?? null, error: String(e?.stack ?? e) });
  }
}
// The test closed our stdin: close the browser, then leave.
await context.close();
process.exit(0);
