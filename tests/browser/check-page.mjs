// Open a built HTML edition in Debian's Chromium with every network request
// blocked, run axe-core (WCAG 2.2 A and AA) in the light and dark schemes,
// measure the layout at 1280 px and 375 px, and optionally save screenshots.
// Usage: node check-page.mjs <page.html> [screenshot-folder]
// Prints one JSON object on stdout.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { launch } from "./browser.mjs";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [page_path, screenshots] = process.argv.slice(2);
const pageUrl = pathToFileURL(page_path).href;
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

const browser = await launch();

async function open(width, colorScheme) {
  // bypassCSP lets the test inject axe-core, as the page's own policy allows no script;
  // check-csp.mjs opens the page with its policy enforced.
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme, bypassCSP: true });
  const requests = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url === pageUrl) return route.continue();
    requests.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  await page.goto(pageUrl, { waitUntil: "load" });
  await page.evaluate(() => document.fonts.ready);
  return { context, page, requests };
}

async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }), WCAG);
  return results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }));
}

async function layout(page) {
  return page.evaluate(() => {
    const box = (element) => element.getBoundingClientRect().toJSON();
    const notes = [...document.querySelectorAll("aside[role='doc-footnote']")];
    return {
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      paragraphs: [...document.querySelectorAll("article > p")].map(box),
      notes: notes.map((note) => ({ id: note.id, box: box(note), call: box(document.querySelector(`a[href='#${note.id}']`)) })),
      fonts: [...document.fonts].filter((font) => font.status === "loaded").map((font) => `${font.family} ${font.style} ${font.weight}`),
      tableBoxes: [...document.querySelectorAll(".table-scroll")].map((box) => ({ scrollWidth: box.scrollWidth, clientWidth: box.clientWidth })),
      captions: [...document.querySelectorAll(".table-scroll caption")].map(box),
      charts: [...document.querySelectorAll(".figure-scroll img")].map((img) => ({
        width: img.getBoundingClientRect().width, least: parseFloat(getComputedStyle(img).minWidth),
        scrolls: img.parentElement.scrollWidth > img.parentElement.clientWidth })),
      viewportWidth: window.innerWidth,
      maths: [...document.querySelectorAll("math")].map(box),
      displayMaths: [...document.querySelectorAll("math[display='block']")].map((math) => ({
        scrollWidth: math.scrollWidth, clientWidth: math.clientWidth,
        scrollHeight: math.scrollHeight, clientHeight: math.clientHeight })),
    };
  });
}

const report = { requests: [] };
for (const [name, width, scheme] of [["wide", 1280, "light"], ["phone", 375, "light"], ["dark", 1280, "dark"]]) {
  const { context, page, requests } = await open(width, scheme);
  report[name] = { layout: await layout(page), violations: await axe(page) };
  if (screenshots) await page.screenshot({ path: `${screenshots}/${name}.png`, fullPage: false });
  report.requests.push(...requests);
  await context.close();
}
await browser.close();
console.log(JSON.stringify(report));
