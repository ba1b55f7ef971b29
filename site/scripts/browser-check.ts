// Opens the built site in headless Chromium (Debian's /usr/bin/chromium through
// playwright-core) and checks what a reader sees:
//   - every policy page, in Chinese and in English, renders as many tables as its Markdown has;
//   - a Chinese search finds the grading rules, an English one too, in the local search box;
//   - no page visited logs a console error or throws, and none asks for anything off this machine;
//   - full-page screenshots are kept in test-artifacts/.
// It runs after vitest as a plain script (a browser can take seconds to start on a
// busy machine, and a vitest test has a 5 s timer). Without Chromium it reports that
// it did not run and exits 0, unless CI=true, where it must run and so exits 1.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { markdownTableCount, requireBuiltSite } from "../src/built-site.js";
import { artifactsDir, outDir, policyLangs, repoDocs } from "../src/paths.js";

const CHROMIUM = "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const ci = process.env.CI === "true";

/** A search to run in the local search box and a page it must list. */
interface SearchCase {
  readonly from: string;
  readonly query: string;
  readonly expect: string;
  readonly source: string;
}
const searches: ReadonlyArray<SearchCase> = [
  // 自伤自残 appears in the grading rules (the danger-to-life rule's condition) and nowhere else.
  { from: "/policy/zh/index.html", query: "自伤自残", expect: "/policy/zh/grading.html", source: join(repoDocs, "policy", "zh", "grading.md") },
  // danger-to-life is the name of that rule, in the grading rules of both languages only.
  { from: "/guides/getting-started.html", query: "danger-to-life", expect: "/policy/en/grading.html", source: join(repoDocs, "policy", "en", "grading.md") },
];

if (!existsSync(CHROMIUM)) {
  console.log(`browser check not run: chromium missing (${CHROMIUM})${ci ? "; CI=true requires it" : ""}`);
  process.exit(ci ? 1 : 0);
}

const failures: string[] = [];
let passed = 0;
const check = (ok: boolean, what: string): void => {
  if (ok) passed++;
  else failures.push(what);
  console.log(`${ok ? "  ok  " : "  FAIL"} ${what}`);
};

const chineseFonts = (() => {
  try {
    return execFileSync("fc-list", [":lang=zh", "family"], { encoding: "utf8" }).trim().length > 0;
  } catch {
    return false;
  }
})();
if (ci) check(chineseFonts, "a font with Chinese glyphs is installed (fonts-noto-cjk)");
else if (!chineseFonts) console.log("  warning: no font with Chinese glyphs (install fonts-noto-cjk): the screenshots will show boxes");

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** Serves the built site from 127.0.0.1 on a free port. */
const serve = (root: string): Promise<Server> =>
  new Promise((resolvePromise) => {
    const server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
      let file = normalize(join(root, path));
      if (!file.startsWith(root + sep) && file !== root) {
        res.writeHead(403).end();
        return;
      }
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
      if (!existsSync(file)) {
        res.writeHead(404, { "content-type": types[".html"] }).end(existsSync(join(root, "404.html")) ? readFileSync(join(root, "404.html")) : "not found");
        return;
      }
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
    });
    server.listen(0, "127.0.0.1", () => resolvePromise(server));
  });

const root = requireBuiltSite(outDir);
const server = await serve(root);
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const profile = mkdtempSync(join(tmpdir(), "tiaojie-site-chromium-"));
mkdirSync(artifactsDir, { recursive: true });
let context: BrowserContext | undefined;

try {
  const started = performance.now();
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 } });
  console.log(`browser check: Chromium ${context.browser()?.version() ?? ""} started in ${((performance.now() - started) / 1000).toFixed(1)} s, site at ${base}`);

  const offsite: string[] = [];
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${base}/`) || url.startsWith("data:")) await route.continue();
    else {
      offsite.push(url);
      await route.abort();
    }
  });

  /** Opens a page, collecting its console errors and uncaught exceptions. */
  const open = async (path: string): Promise<{ page: Page; errors: string[] }> => {
    const page = await context!.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
    page.on("response", (r) => {
      if (r.status() >= 400) errors.push(`HTTP ${r.status()} for ${r.url()}`);
    });
    await page.goto(`${base}${path}`, { waitUntil: "load", timeout: 60_000 });
    // Hydrated: VitePress has mounted the app and the search button is live.
    await page.waitForSelector("#local-search .DocSearch-Button", { timeout: 60_000 });
    return { page, errors };
  };

  const visited: Array<{ path: string; errors: string[] }> = [];

  for (const lang of policyLangs) {
    const folder = join(repoDocs, "policy", lang);
    for (const file of readdirSync(folder).filter((f) => f.endsWith(".md")).sort()) {
      const path = `/policy/${lang}/${file === "README.md" ? "index" : file.replace(/\.md$/, "")}.html`;
      const { page, errors } = await open(path);
      const expected = markdownTableCount(readFileSync(join(folder, file), "utf8"));
      const tables = await page.locator(".vp-doc table").count();
      const rows = await page.locator(".vp-doc table tbody tr").count();
      check(tables === expected && (expected === 0 || rows > 0), `${path}: ${tables} tables rendered (${rows} rows), ${expected} in ${lang}/${file}`);
      if (path === "/policy/zh/grading.html") {
        await page.screenshot({ path: join(artifactsDir, "policy-zh-grading.png"), fullPage: true });
      }
      visited.push({ path, errors });
      await page.close();
    }
  }

  for (const s of searches) {
    check(readFileSync(s.source, "utf8").includes(s.query), `the query ${s.query} is in ${s.source.slice(repoDocs.length + 1)}`);
    const { page, errors } = await open(s.from);
    await page.locator("#local-search .DocSearch-Button").click();
    const input = page.locator(".VPLocalSearchBox input.search-input");
    await input.waitFor({ timeout: 60_000 });
    await input.fill(s.query);
    const hit = page.locator(`.VPLocalSearchBox a.result[href^="${s.expect}"]`).first();
    const found = await hit.waitFor({ timeout: 60_000 }).then(() => true, () => false);
    const results = await page.locator(".VPLocalSearchBox a.result").count();
    check(found, `searching ${s.query} from ${s.from} lists ${s.expect} (${results} results)`);
    if (s.query === searches[0]!.query) await page.screenshot({ path: join(artifactsDir, "search-zh.png"), fullPage: true });
    visited.push({ path: `${s.from} (search ${s.query})`, errors });
    await page.close();
  }

  for (const path of ["/index.html", "/guides/getting-started.html", "/api/index.html", "/api/@tiaojie/core/index/index.html", "/api/@tiaojie/core/index/functions/createLedger.html"]) {
    const { page, errors } = await open(path);
    check((await page.locator("h1").count()) > 0, `${path} renders a heading`);
    visited.push({ path, errors });
    await page.close();
  }

  for (const { path, errors } of visited) check(errors.length === 0, `${path}: no console error, page error or failed request${errors.length ? `: ${errors.join("; ")}` : ""}`);
  check(offsite.length === 0, `nothing requested from another host${offsite.length ? `: ${[...new Set(offsite)].join(", ")}` : ""}`);
} catch (e) {
  failures.push(`the check stopped: ${e instanceof Error ? e.message : String(e)}`);
  console.log(`  FAIL the check stopped: ${e instanceof Error ? e.stack : String(e)}`);
} finally {
  await context?.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}

console.log(`browser check: screenshots in ${artifactsDir}`);
console.log(`browser check: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
