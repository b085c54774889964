// Open a page (file:// or http://) in Chromium, follow each link a selector picks, one after the other, and
// report where each lands: its address, the landed page's title and, for a web edition, its citation_title.
// Usage: node follow-links.mjs <url> <css selector>
import { launch } from "./browser.mjs";

const [url, selector] = process.argv.slice(2);
const browser = await launch();
const page = await browser.newPage();
await page.goto(url);
const hrefs = await page.$$eval(selector, (links) => links.map((link) => link.href));
const landed = [];
for (const href of hrefs) {
  await page.goto(href);
  const citationTitle = await page.$eval("meta[name=citation_title]", (meta) => meta.content).catch(() => null);
  landed.push({ href, url: page.url(), title: await page.title(), citationTitle });
}
await browser.close();
console.log(JSON.stringify(landed));
