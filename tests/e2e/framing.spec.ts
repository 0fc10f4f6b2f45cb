import { test as plain } from "@playwright/test";
import { test, expect, watchOutsideRequests } from "./fixtures";

// A page of another site (another origin) that puts Steady in a frame.
const FRAMER = "http://127.0.0.1:9/framer.html";

async function frameSteady(page: import("@playwright/test").Page, appOrigin: string) {
  await page.route(FRAMER, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><title>Someone else's site</title><iframe src="${appOrigin}/settings" width="390" height="700"></iframe>`,
    }),
  );
  await page.goto(FRAMER);
}

test("the server forbids framing: frame-ancestors 'none' and X-Frame-Options", async ({ request }) => {
  for (const path of ["/", "/settings", "/sw.js"]) {
    const headers = (await request.get(path)).headers();
    expect(headers["content-security-policy"]).toBe("frame-ancestors 'none'");
    expect(headers["x-frame-options"]).toBe("DENY");
  }
});

// Not the usual guard: the browser reports the refused frame as a CSP message, on purpose.
plain("with the headers, the browser refuses to show Steady in a frame", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const outside = watchOutsideRequests(context);
  const page = await context.newPage();
  await frameSteady(page, baseURL!);
  await page.waitForLoadState("networkidle");
  await expect.poll(() => page.frames().length).toBe(2);
  await page.frames()[1].waitForLoadState("load");
  await page.waitForTimeout(1000);
  // Nothing of Steady's is in the frame: neither the static page nor the app.
  const frame = page.frameLocator("iframe");
  await expect(frame.locator("[data-testid]")).toHaveCount(0);
  await expect(frame.locator("a, button")).toHaveCount(0);
  await context.close();
  expect(outside).toEqual([]);
});

test("a host that doesn't send the headers: in a frame Steady shows only a link to open it on its own", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const outside = watchOutsideRequests(context);
  // The host leaves the headers out.
  await context.route(`${baseURL}/**`, async (route) => {
    try {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers["content-security-policy"];
      delete headers["x-frame-options"];
      await route.fulfill({ response, headers });
    } catch (e) {
      // The frame dropped this request meanwhile (a preload the notice doesn't need):
      // Playwright has disposed of its response, and there is no one left to answer.
      if (!/disposed|closed/i.test(String(e))) throw e;
    }
  });
  const errors: string[] = [];
  context.on("weberror", (e) => errors.push(String(e.error())));
  const page = await context.newPage();
  await frameSteady(page, baseURL!);
  const frame = page.frameLocator("iframe");
  await expect(frame.getByTestId("framed-notice")).toBeVisible();
  const open = frame.getByTestId("framed-open");
  await expect(open).toHaveAttribute("href", `${baseURL}/settings`);
  await expect(open).toHaveAttribute("target", "_blank");
  // Give the app every chance to start: it must not.
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(1500);
  await expect(frame.getByTestId("nav-today")).toHaveCount(0);
  await expect(frame.getByTestId("static-shell")).toHaveCount(0);
  await expect(frame.locator("button")).toHaveCount(0);
  await expect(frame.locator("a")).toHaveCount(1);
  expect(errors).toEqual([]);

  // On its own (not framed) it starts as usual.
  const own = await context.newPage();
  await own.goto(`${baseURL}/settings`);
  await expect(own.getByTestId("nav-today")).toBeVisible();
  await expect(own.getByTestId("framed-notice")).toHaveCount(0);
  await context.close();
  expect(outside).toEqual([]);
});
