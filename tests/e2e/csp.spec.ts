import { test, expect, openApp, watchOutsideRequests } from "./fixtures";

test("the release build has a strict Content-Security-Policy that is enforced", async ({ browser, request }) => {
  const html = await (await request.get("/")).text();
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1];
  expect(csp).toBeTruthy();
  expect(csp).toContain("default-src 'self'");
  expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).toContain("form-action 'none'");
  expect(csp).not.toContain("unsafe-inline");
  expect(html).not.toMatch(/\son[a-z]+=/i);

  // Its own context: this test provokes a violation on purpose, which the usual guard would fail.
  const context = await browser.newContext();
  const outside = watchOutsideRequests(context);
  const page = await context.newPage();
  await openApp(page, "/");
  // Injected inline script is refused (the violation is reported, not run).
  const ran = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener("securitypolicyviolation", (e) => violations.push(e.violatedDirective));
    const s = document.createElement("script");
    s.textContent = "window.__injected = true";
    document.body.append(s);
    await new Promise((r) => setTimeout(r, 50));
    return { injected: (window as any).__injected === true, violations };
  });
  expect(ran.injected).toBe(false);
  expect(ran.violations).toContain("script-src-elem");
  await context.close();
  expect(outside).toEqual([]);
});
