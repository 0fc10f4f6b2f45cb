// Renders the app icons from their SVG sources in assets/ to the PNGs in
// public/icons/. Run by hand after changing an icon: node scripts/render-icons.mjs
import { chromium } from "@playwright/test";
import { readFileSync } from "node:fs";

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage();
const jobs = [
  ["assets/icon.svg", 192, "public/icons/icon-192.png", true],
  ["assets/icon.svg", 512, "public/icons/icon-512.png", true],
  ["assets/maskable.svg", 512, "public/icons/maskable-512.png", false],
];
for (const [source, size, target, transparent] of jobs) {
  await page.setViewportSize({ width: size, height: size });
  const svg = readFileSync(source, "utf8").replace("<svg ", `<svg width="${size}" height="${size}" `);
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.screenshot({ path: target, omitBackground: transparent });
  console.log("wrote", target);
}
await browser.close();
