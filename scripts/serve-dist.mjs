// A small static server for the release build, as a real host would serve it:
// any path that isn't a file gets index.html (so deep links work on reload), and
// precompressed .br/.gz files are sent when the browser accepts them. No other
// site may show it in a frame (a meta CSP can't say `frame-ancestors`), and a site
// that opens it in a popup gets no handle on its window (to send it elsewhere later).
// Usage: node scripts/serve-dist.mjs [dir] (PORT, default 4173; HOST, default 127.0.0.1)
import { createServer } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, resolve } from "node:path";

const root = resolve(process.argv[2] || "dist");
const port = Number(process.env.PORT || 4173);
const host = process.env.HOST || "127.0.0.1";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".webmanifest": "application/manifest+json",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
};

function fileFor(urlPath) {
  const path = normalize(join(root, decodeURIComponent(urlPath)));
  if (!path.startsWith(root)) return null;
  if (existsSync(path) && statSync(path).isFile()) return path;
  return null;
}

createServer((request, response) => {
  const { pathname } = new URL(request.url, "http://localhost");
  let path = fileFor(pathname);
  const isAsset = extname(pathname) !== "";
  if (!path && isAsset) {
    response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    return;
  }
  path ||= join(root, "index.html"); // single-page app: every route is index.html
  const headers = {
    "content-type": TYPES[extname(path)] || "application/octet-stream",
    // Hashed files never change; the shell and the worker must be checked every time.
    "cache-control": /-[0-9a-f]{8,}(_bg)?\.(js|wasm|css)$|[\\/]pkg-[0-9a-f]{16}[\\/]/.test(path)
      ? "public, max-age=31536000, immutable"
      : "no-cache",
    vary: "accept-encoding",
    "content-security-policy": "frame-ancestors 'none'",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "referrer-policy": "no-referrer",
  };
  const accepts = request.headers["accept-encoding"] || "";
  for (const [encoding, suffix] of [["br", ".br"], ["gzip", ".gz"]]) {
    if (accepts.includes(encoding) && existsSync(path + suffix)) {
      headers["content-encoding"] = encoding;
      path += suffix;
      break;
    }
  }
  response.writeHead(200, headers);
  response.end(request.method === "HEAD" ? undefined : readFileSync(path));
}).listen(port, host, () => console.log(`serving ${root} on http://${host}:${port}`));
