// site-test.mjs - the built site in a real browser (headless Chromium
// driven by playwright-core).  Serves a site directory on 127.0.0.1,
// loads pages at phone and desktop widths, fails on console errors,
// checks what a recipient uses (share links, copy buttons, collection
// filter when the site has them, the printed certificate of every award
// page: one A4 landscape PDF page, nothing cut off, no share section)
// and saves screenshots.  The PDFs are read with poppler's pdfinfo and
// pdftotext.
//
//   node site-test.mjs <site-dir> <screenshot-dir>
//
// Prints "ok - ..." / "not ok - ..." lines and "N passed, N failed, 0 skipped".
import { createServer } from 'node:http';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, extname, normalize } from 'node:path';
import { execFileSync } from 'node:child_process';
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

// The award page's print control opens the print dialog.
{
  const { page, context } = await open(awardHref.slice(1), 1280, 'award-print-control');
  const button = page.locator('button[data-print]');
  check(await button.count() === 1 && await button.isVisible(),
    'award page: a visible print control');
  check(/印刷/.test(await button.innerText()) && /Print/.test(await button.innerText()),
    'award page: the print control says 印刷 / Print', await button.innerText());
  await page.evaluate(() => { window.print = () => { window.printed = true; }; });
  await button.click();
  check(await page.evaluate(() => window.printed === true),
    'award page: the print control opens the print dialog');
  await context.close();
}

// Printing an award page gives its certificate: one A4 landscape page
// (PDF), with no text cut off and without the share section.
const squash = (s) => s.replace(/\s+/g, '');
async function awardPages(dir, prefix) {
  const out = [];
  let years;
  try { years = (await readdir(join(dir, 'awards'))).sort(); } catch { return out; }
  for (const y of years) {
    for (const a of (await readdir(join(dir, 'awards', y))).sort()) {
      try { await stat(join(dir, 'awards', y, a, 'index.html')); } catch { continue; }
      out.push(`${prefix}awards/${y}/${a}/`);
    }
  }
  return out;
}
let certs = 0;
const prints = [...await awardPages(site, ''), ...await awardPages(join(site, 'en'), 'en/')];
for (const [k, path] of prints.entries()) {
  // The printable area of A4 landscape with the certificate's margins.
  const context = await browser.newContext({ viewport: { width: 1032, height: 703 } });
  const page = await context.newPage();
  await page.goto(base + path, { waitUntil: 'load' });
  if (await page.locator('.certificate').count() === 0) {
    check(await page.locator('.notice-error').count() === 1,
      `${path}: no certificate, and the award is revoked`);
    await context.close();
    continue;
  }
  certs++;
  await page.emulateMedia({ media: 'print' });
  const seen = await page.evaluate(() => {
    const visible = (sel) => [...document.querySelectorAll(sel)]
      .some((e) => e.getClientRects().length > 0);
    const cert = document.querySelector('.certificate');
    const box = cert.getBoundingClientRect();
    const cut = [];
    for (const e of cert.querySelectorAll('*')) {
      const r = e.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < box.left - 1 || r.right > box.right + 1 ||
          r.top < box.top - 1 || r.bottom > box.bottom + 1 ||
          (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1) ||
          (e.clientHeight > 0 && e.scrollHeight > e.clientHeight + 1))
        cut.push(`${e.tagName.toLowerCase()}.${e.className}`);
    }
    return {
      cert: visible('.certificate'), share: visible('.share'),
      header: visible('.site-header'), control: visible('button[data-print]'),
      bottom: box.bottom, right: box.right, cut,
      name: cert.querySelector('.cert-recipient').textContent,
      badge: cert.querySelector('.cert-badge').textContent,
      url: document.querySelector('link[rel=canonical]').href,
      qr: cert.querySelectorAll('svg.qr').length,
    };
  });
  check(seen.cert && !seen.share && !seen.header && !seen.control,
    `${path}: printing shows the certificate, not the page`, JSON.stringify(seen));
  check(seen.cut.length === 0 && seen.bottom <= 704 && seen.right <= 1033,
    `${path}: no certificate text cut off`, `${seen.cut.join(' ')} ${seen.bottom}x${seen.right}`);
  check(seen.qr === 1, `${path}: the certificate has the QR code`);
  if (k === 0)
    await page.screenshot({ path: join(shots, 'certificate-print.png'), fullPage: true });
  const pdf = join(shots, k === 0 ? 'certificate.pdf' : 'certificate-last.pdf');
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = Number((info.match(/^Pages:\s+(\d+)/m) || [])[1]);
  const size = (info.match(/^Page size:\s+([\d.]+) x ([\d.]+) pts/m) || []).slice(1).map(Number);
  check(pages === 1, `${path}: the certificate prints on one page`, `${pages} pages`);
  check(size.length === 2 && Math.abs(size[0] - 841.89) < 1 && Math.abs(size[1] - 595.28) < 1,
    `${path}: the page is A4 landscape`, size.join(' x '));
  const text = squash(execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }));
  const want = ['氏名', '授与日', '取得条件', seen.name, seen.badge, seen.url];
  const lost = want.filter((w) => !text.includes(squash(w)));
  check(lost.length === 0, `${path}: the PDF has the certificate's words and URL`, lost.join(', '));
  check(!/Facebook|LinkedIn/.test(text), `${path}: the PDF has no share buttons`);
  await context.close();
}
check(certs > 0, 'the site has award pages with a certificate');

// A recipient's collection, when the site has one: the filter works.
const coll = await (async () => {
  try { return (await stat(join(site, 'recipients'))).isDirectory(); } catch { return false; }
})();
if (coll) {
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
