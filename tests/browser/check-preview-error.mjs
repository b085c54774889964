// Open a page served by `doit serve`, break the publication's source, and report what the page
// shows the reader once the failed rebuild is known (the preview's banner), as a browser renders it.
// Usage: node check-preview-error.mjs <url> <file to break> <text to append>
import { appendFileSync } from "node:fs";
import { launch } from "./browser.mjs";

const [url, file, text] = process.argv.slice(2);
const browser = await launch();
const page = await browser.newPage();
await page.goto(url, { waitUntil: "load" });
await page.waitForTimeout(1500);  // the preview has polled once and knows the current build
appendFileSync(file, text);
const banner = await page.waitForFunction(
  () => [...document.querySelectorAll("pre")].find((element) => element.textContent.startsWith("Build failed")),
  null, { timeout: 60000 });
const report = await banner.evaluate((element) => ({
  text: element.textContent,
  visible: element.checkVisibility(),
  height: element.getBoundingClientRect().height,
}));
await browser.close();
console.log(JSON.stringify(report));
