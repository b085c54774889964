// Open a page as a reader gets it (its Content-Security-Policy enforced, nothing bypassed) and
// report what the policy refused, through the browser's own violation events.
// Usage: node check-csp.mjs <url>     Prints one JSON object on stdout.
import { launch, RECORD_VIOLATIONS } from "./browser.mjs";

const [url] = process.argv.slice(2);
const browser = await launch();
const context = await browser.newContext();
const page = await context.newPage();
await page.addInitScript(RECORD_VIOLATIONS);
await page.goto(url, { waitUntil: "load" });
await page.waitForTimeout(500);
const report = await page.evaluate(() => ({
  violations: window.__violations,
  title: document.title,
  images: [...document.images].map((image) => ({ src: image.src, loaded: image.complete && image.naturalWidth > 0 })),
}));
await browser.close();
console.log(JSON.stringify(report));
