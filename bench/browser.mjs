// browser.mjs - the time to verify one award in the browser (make bench,
// after make check has installed playwright-core into build/browser).
//
//   node bench/browser.mjs <site-dir> <runs>
//
// For each award page of the built example site: "first" is a fresh
// page, button pressed to verdict shown (the worker starts, fetches and
// compiles verifier.wasm, fetches the documents, checks); "again" is
// the button pressed a second time on that page (worker and module
// ready, documents fetched again), and of that the time the worker
// reports for its runs and fetches.  Also the verifier alone in node:
// the runs of one verification with the documents on disk, no browser.
// Prints a Markdown table of medians.
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, extname } from 'node:path';
import vm from 'node:vm';

const [site, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 5);
const require = createRequire(join(process.cwd(), 'build/browser/package.json'));
const { chromium } = require('playwright-core');
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json' };
const server = createServer((req, res) => {
  let f = join(site, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  try { if (statSync(f).isDirectory()) f = join(f, 'index.html'); res.writeHead(200,
    { 'content-type': types[extname(f)] || 'application/octet-stream' }); res.end(readFileSync(f)); }
  catch { res.writeHead(404); res.end(); }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;
const median = (v) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)];

vm.runInThisContext(readFileSync(join(site, 'assets/verify-worker.js'), 'utf8'));
const mod = await WebAssembly.compile(readFileSync(join(site, 'assets/verifier.wasm')));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
console.log('| Award | Form | First, ms | Again, ms | Worker, ms | In node, ms |');
console.log('|---|---|---:|---:|---:|---:|');
for (const p of readdirSync(join(site, 'awards/2026')).sort()) {
  const page = join(site, 'awards/2026', p, 'index.html');
  if (!existsSync(page)) continue;
  const award = readFileSync(page, 'utf8').match(/data-award="([^"]+)"/)[1];
  const first = [], again = [], worker = [], node = [];
  let form = '';
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext();
    const pg = await ctx.newPage();
    await pg.goto(`${origin}/awards/2026/${p}/`);
    for (const into of [first, again]) {
      await pg.evaluate(() => document.querySelector('.bv-report')?.remove());
      const t0 = Date.now();
      await pg.click('button.bv-run');
      await pg.locator('.bv-report[data-verdict]').waitFor();
      into.push(Date.now() - t0);
    }
    const text = await pg.locator('.bv-report').innerText();
    worker.push(Number(text.match(/(\d+) ms/)[1]));
    await ctx.close();
    const t0 = performance.now();
    const r = await globalThis.BadgegenVerifier.verify(mod, { base: 'https://badges.example.ac.jp/',
      award: { name: award, bytes: readFileSync(join(site, award)) }, now: Date.now() / 1000, email: null },
      async (u, path) => { try { return { bytes: readFileSync(join(site, path)) }; } catch { return { status: 404 }; } },
      globalThis.crypto.subtle);
    node.push(performance.now() - t0);
    form = r.report.award.form;
  }
  console.log(`| ${p} | ${form} | ${median(first)} | ${median(again)} | ${median(worker)} | ${median(node).toFixed(0)} |`);
}
await browser.close();
server.close();
