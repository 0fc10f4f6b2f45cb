import { test as plain } from "@playwright/test";
import { test, expect, openApp, watchOutsideRequests } from "./fixtures";

// When Steady can't start, the static shell says so (and keeps its helplines) instead of waiting forever.

test("without WebAssembly (iOS Lockdown Mode) the page says what to do, with the helplines", async ({ page }) => {
  await page.addInitScript(() => {
    delete (window as any).WebAssembly;
  });
  await page.goto("/");
  const notice = page.getByTestId("startup-failed");
  await expect(notice).toBeVisible();
  await expect(notice).toHaveAttribute("role", "alert");
  await expect(notice).toContainText("Lockdown Mode");
  await expect(notice).toContainText("Website Settings");
  await expect(page.getByTestId("shell-988")).toBeVisible();
  await expect(page.getByTestId("nav-today")).toHaveCount(0);
  // The overdose steps are in the page itself, so they work without the app too.
  const overdose = page.getByTestId("shell-overdose");
  await overdose.locator("summary").click();
  await expect(overdose).toContainText("Give naloxone if you have it");
  await expect(overdose).toContainText("anything except naloxone");
  await expect(overdose).not.toContainText("Don't inject");
});

// Not the usual guard: a failed start is an uncaught error in the page, on purpose.
plain("if the app's code can't be downloaded, the page says so and offers to reload", async ({ browser }) => {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const outside = watchOutsideRequests(context);
  await context.route("**/*.wasm", (route) => route.abort());
  const page = await context.newPage();
  await page.goto("/help");
  const notice = page.getByTestId("startup-failed");
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("didn't download");
  await expect(page.getByTestId("shell-988")).toBeVisible();
  await expect(page.getByTestId("nav-today")).toHaveCount(0);

  // Reload, with the download working again: the app starts.
  await context.unroute("**/*.wasm");
  await page.getByTestId("startup-reload").click();
  await expect(page.getByTestId("nav-today")).toBeVisible();
  await expect(page.getByTestId("startup-failed")).toHaveCount(0);
  await context.close();
  expect(outside).toEqual([]);
});

test("if the app still hasn't started after a long wait, the page says so", async ({ page, context }) => {
  await context.route("**/*.wasm", () => {
    // Never answered: a connection that hangs.
  });
  await page.clock.install();
  await page.goto("/");
  await expect(page.getByTestId("static-shell")).toBeVisible();
  await page.clock.runFor(20_000);
  await expect(page.getByTestId("startup-failed")).toHaveCount(0);
  await page.clock.runFor(11_000);
  await expect(page.getByTestId("startup-failed")).toBeVisible();
  await expect(page.getByTestId("startup-failed")).toContainText("taking a long time");
  await expect(page.getByTestId("shell-988")).toBeVisible();
});

test("a normal start shows no such notice, even much later", async ({ page }) => {
  await page.clock.install();
  await openApp(page, "/");
  await page.clock.runFor(31_000);
  await expect(page.getByTestId("startup-failed")).toHaveCount(0);
});
