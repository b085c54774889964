// Debian's Chromium as the tests start it: headless, no background networking, a fresh profile.
import { chromium } from "playwright-core";

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

// Record every Content-Security-Policy violation the page reports, before any of its own code runs.
export const RECORD_VIOLATIONS = `
  window.__violations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__violations.push({ directive: event.effectiveDirective, blocked: event.blockedURI });
  });
`;
