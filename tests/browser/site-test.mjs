// site-test.mjs - the built site in a real browser (headless Chromium
// driven by playwright-core).  Serves a site directory on 127.0.0.1,
// loads pages at phone and desktop widths, fails on console errors,
// checks what a recipient uses (share links, copy buttons, collection
// filter when the site has them) and saves screenshots.
//
//   node site-test.mjs <site-dir> <screenshot-dir>
//
// Prints "ok - ..." / "not ok - ..." lines and "N passed, N failed, 0 skipped".
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, extname, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const [site, shots] = process.argv.slice(2);
const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml',
  '.xml': 'application/xml', '.txt': 'text/plain', '.jws': 'text/plain', '.jwt': 'text/plain',
};

const server = createServer(async (req, res) => {
  let path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (path.includes('..')) { res.writeHead(400).end(); return; }
  let file = join(site, path);
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(await readFile(join(site, '404.html')).catch(() => ''));
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}/`;

let passed = 0, failed = 0;
const check = (cond, title, detail = '') => {
  if (cond) { passed++; console.log(`ok - ${title}`); }
  else { failed++; console.log(`not ok - ${title}${detail ? ': ' + detail : ''}`); }
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// Loads a page at a width; returns the page and the console errors seen.
async function open(path, width, name) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  // Nothing may be fetched from anywhere but the site itself.
  await page.route('**/*', (route) => route.request().url().startsWith(base)
    ? route.continue() : (errors.push('external request ' + route.request().url()), route.abort()));
  await page.goto(base + path, { waitUntil: 'load' });
  await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
  return { page, errors, context };
}

// The first award page linked from the top page.
const top = await open('', 1280, 'index');
check(top.errors.length === 0, 'top page: no console errors', top.errors.join('; '));
const awardHref = await top.page.evaluate(async () => {
  for (const a of document.querySelectorAll('a[href*="badges/"]')) {
    const r = await fetch(a.href); const t = await r.text();
    const m = t.match(/href="([^"]*awards\/[^"]*\/)"/);
    if (m) return new URL(m[1], a.href).pathname;
  }
  return null;
});
check(awardHref !== null, 'top page: a badge page links to an award');
await top.context.close();

for (const width of [390, 1280]) {
  const { page, errors, context } = await open(awardHref.slice(1), width, 'award');
  check(errors.length === 0, `award page at ${width}px: no console errors`, errors.join('; '));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, `award page at ${width}px: no horizontal scrolling`, `${overflow}px too wide`);
  check(await page.locator('h1').count() === 1, `award page at ${width}px: one h1`);
  const alt = await page.locator('img').first().getAttribute('alt');
  check(alt && alt.length > 3, `award page at ${width}px: the badge image has alt text`, String(alt));
  const url = await page.locator('link[rel=canonical]').getAttribute('href');
  const enc = encodeURIComponent(url);
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
  check(hrefs.some((h) => h.startsWith('https://www.facebook.com/sharer/sharer.php?u=' + enc)),
    `award page at ${width}px: Facebook share link`);
  check(hrefs.some((h) => h.startsWith('https://x.com/intent/post?') && h.includes('url=' + enc)),
    `award page at ${width}px: X share link`);
  check(hrefs.some((h) => h === 'https://www.linkedin.com/sharing/share-offsite/?url=' + enc),
    `award page at ${width}px: LinkedIn feed link`);
  check(hrefs.some((h) => h.startsWith('https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME')
    && h.includes('certUrl=' + enc)), `award page at ${width}px: LinkedIn add-to-profile link`);
  const copy = page.locator('button[data-copy], button.copy').first();
  if (width === 1280 && await copy.count() > 0) {
    await copy.click();
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    check(clip.length > 0, 'award page: a copy button puts text on the clipboard', JSON.stringify(clip));
  }
  await context.close();
}

// A recipient's collection, when the site has one: the filter works.
const coll = await (async () => {
  try { return (await stat(join(site, 'recipients'))).isDirectory(); } catch { return false; }
})();
if (coll) {
  const { readdir } = await import('node:fs/promises');
  let filtered = 0;
  for (const slug of (await readdir(join(site, 'recipients'))).sort()) {
    for (const width of [390, 1280]) {
      const { page, errors, context } = await open(`recipients/${slug}/`, width, `collection-${slug}`);
      check(errors.length === 0, `collection ${slug} at ${width}px: no console errors`, errors.join('; '));
      const items = page.locator('main li:visible');
      const before = await items.count();
      const selects = page.locator('form select');
      if (await selects.count() > 0 && await selects.first().isVisible()) {
        // Some choice of some select must narrow the list; none empties it.
        let narrowed = false, emptied = false;
        for (let k = 0; k < await selects.count() && !narrowed; k++) {
          const select = selects.nth(k);
          const options = await select.locator('option').evaluateAll((os) => os.map((o) => o.value));
          for (const value of options.filter((v) => v !== '')) {
            await select.selectOption(value);
            await page.waitForTimeout(50);
            const after = await items.count();
            if (after === 0) emptied = true;
            if (after < before) { narrowed = true; break; }
          }
          await select.selectOption('');
        }
        check(narrowed && !emptied, `collection ${slug} at ${width}px: the filter narrows the list`);
        filtered++;
      }
      await context.close();
    }
  }
  check(filtered > 0, 'a collection page with a working filter');
}

const nf = await open('no/such/page/', 390, '404');
check(await nf.page.locator('h1').count() === 1, '404 page is shown for a missing page');
await nf.context.close();

await browser.close();
server.close();
console.log(`${passed} passed, ${failed} failed, 0 skipped`);
process.exit(failed ? 1 : 0);
