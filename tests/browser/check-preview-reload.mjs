// Open a page served by `doit serve`, save an edit of the publication's source, and report what a
// reader sees: the page reloading with the new text (told by the server, not by asking), then the
// note that the PDF and DOCX are up to date again, and every Content-Security-Policy violation.
// Usage: node check-preview-reload.mjs <url> <file to edit> <text to append>
import { appendFileSync } from "node:fs";
import { launch, RECORD_VIOLATIONS } from "./browser.mjs";

const [url, file, text] = process.argv.slice(2);
const browser = await launch();
const page = await browser.newPage();
await page.addInitScript(RECORD_VIOLATIONS);
const requests = [];
page.on("request", (request) => requests.push(new URL(request.url()).pathname));
await page.goto(url, { waitUntil: "load" });
await page.waitForFunction(() => document.querySelector("p[role=status]")?.dataset.editions === "fresh", null,
                           { timeout: 60000 });
const before = requests.length;
const saved = Date.now();
appendFileSync(file, text);
await page.waitForFunction((words) => document.body.textContent.includes(words), text.trim(), { timeout: 60000 });
const reloaded = Date.now() - saved;
const status = await page.waitForFunction(() => {
  const badge = document.querySelector("p[role=status]");
  return badge?.dataset.editions === "fresh" && badge.textContent;
}, null, { timeout: 60000 });
console.log(JSON.stringify({
  reloadedAfterMs: reloaded,
  badge: await status.jsonValue(),
  requestsAfterSave: requests.slice(before),
  violations: await page.evaluate(() => window.__violations),
}));
await browser.close();
