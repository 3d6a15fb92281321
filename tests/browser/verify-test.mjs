// verify-test.mjs - the verifier in a real browser (headless Chromium
// driven by playwright-core): "Verify in this browser" on award pages
// and the verify page (/verify/) against badgegen verify.
//
//   node verify-test.mjs <top> <badgegen> <work-dir>
//
// Builds the example site and a site for each vector of vectors.json
// (its documents as a site repository would hold them), serves them all
// on 127.0.0.1 with the headers of contrib/_headers, and checks:
//  - every award page of the example site, and every vector given to
//    the verify page, gets in the browser the verdict and the ordered
//    check states of badgegen verify --format json (same file, same
//    clock: Playwright's clock in the page, --now for badgegen);
//  - vectors whose documents the site does not publish (ids outside its
//    base_url) get no state better than badgegen's: "unknown" instead;
//  - tampering fails: a byte of a JWS payload, a key swapped in a
//    served key document, an issuer profile naming another key, a
//    revoked award, a status bit set (the list's proof then fails); a
//    document that cannot be fetched makes its checks unknown, never
//    passed;
//  - every JWS algorithm (RS256/384/512, PS256/384/512, ES256/384,
//    EdDSA) through WebCrypto, and an eddsa-jcs-2022 proof (signed
//    here); a changed signature byte or claim fails;
//  - baked PNG and SVG files on the verify page, another issuer's award
//    reported as such, the optional address hashed in the page;
//  - no request leaves 127.0.0.1, no console errors.
//
// Prints "ok - ..." / "not ok - ..." lines and "N passed, N failed, 0 skipped".
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync, sign as cryptoSign, constants as cryptoConst } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, normalize } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const [top, badgegen, work] = process.argv.slice(2);
const VD = join(top, 'tests/data/vectors');
const vectors = JSON.parse(readFileSync(join(top, 'tests/browser/vectors.json'), 'utf8'));
const NOW_EXAMPLE = '2026-11-01T00:00:00Z';

let passed = 0, failed = 0;
const check = (cond, title, detail = '') => {
  if (cond) { passed++; console.log(`ok - ${title}`); }
  else { failed++; console.log(`not ok - ${title}${detail ? ': ' + detail : ''}`); }
};

// --- Sites -------------------------------------------------------------

function run(cmd, args, opts = {}) {
  try {
    return { status: 0, out: execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts }) };
  } catch (e) {
    return { status: e.status, out: e.stdout || '', err: e.stderr || '' };
  }
}

// A git repository at dir holding what is there.
function commit(dir) {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.com' };
  for (const args of [['init', '-q'], ['add', '-A'], ['commit', '-qm', 'site']]) {
    const r = run('git', args, { cwd: dir, env });
    if (r.status !== 0) throw new Error(`git ${args[0]} in ${dir}: ${r.err}`);
  }
}

// badgegen build of repo into out (a site with errors is still written).
function build(repo, out, now) {
  const r = run(badgegen, ['build', '--repo', repo, '--now', now, '--out', out, '--quiet']);
  if (!existsSync(join(out, 'verify/index.html'))) throw new Error(`build of ${repo}: ${r.err}`);
}

// badgegen verify --format json of file: its checks and verdict.
function cli(repo, file, now) {
  const r = run(badgegen, ['verify', '--repo', repo, '--now', now, '--format', 'json', file]);
  let j;
  try { j = JSON.parse(r.out)[0]; } catch { j = null; }
  if (!j) return { verdict: 'unknown', checks: [], error: r.err };
  const checks = j.checks.map((c) => ({ name: c.name, result: c.result }));
  return { verdict: j.valid ? 'valid' : checks.some((c) => c.result === 'fail') ? 'invalid' : 'unknown',
    checks, recipient: j.recipient };
}

// The site of a vector: its base_url and documents (specs of vectors.json).
function vectorSite(dir, v) {
  mkdirSync(join(dir, 'content/docs'), { recursive: true });
  writeFileSync(join(dir, 'site.conf'), `title = Vector\nbase_url = ${v.base}\nlang = en\ntimezone = UTC\n`);
  for (const spec of v.docs) {
    const [what, as] = spec.split(' as ');
    let dest, src;
    if (what.startsWith('static:')) {
      const [path, file] = what.slice(7).split('=');
      dest = join(dir, 'content/static', path);
      src = file;
    } else {
      dest = join(dir, 'content/docs', basename(what));
      src = what;
    }
    mkdirSync(dirname(dest), { recursive: true });
    let text = readFileSync(join(VD, src));
    if (as) {
      const j = JSON.parse(text);
      j.id = as;
      text = JSON.stringify(j, null, 2);
    }
    writeFileSync(dest, text);
  }
  commit(dir);
}

// JSON Canonicalization Scheme (RFC 8785) of what JSON.parse gives:
// members sorted by their UTF-16 code units, primitives as
// JSON.stringify writes them.
function jcs(v) {
  if (Array.isArray(v)) return '[' + v.map(jcs).join(',') + ']';
  if (v !== null && typeof v === 'object')
    return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + jcs(v[k])).join(',') + '}';
  return JSON.stringify(v);
}

// base58btc (the Bitcoin alphabet) of bytes.
function base58(bytes) {
  const A = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  let n = BigInt('0x' + (Buffer.from(bytes).toString('hex') || '0')), s = '';
  while (n > 0n) { s = A[Number(n % 58n)] + s; n /= 58n; }
  for (const b of bytes) { if (b !== 0) break; s = '1' + s; }
  return s;
}

mkdirSync(work, { recursive: true });
const mounts = new Map();	// "/name/" -> site directory

const exRepo = join(work, 'example');
mkdirSync(exRepo, { recursive: true });
cpSync(join(top, 'site.conf'), join(exRepo, 'site.conf'));
cpSync(join(top, 'content'), join(exRepo, 'content'), { recursive: true });
commit(exRepo);
build(exRepo, join(work, 'example.out'), NOW_EXAMPLE);
mounts.set('/example/', join(work, 'example.out'));

// One site for the vectors of one base_url and set of documents.
const vsites = [], groups = new Map();
for (const [kind, list] of [['same', vectors.same], ['unpublished', vectors.unpublished]]) {
  for (const v of list) {
    const key = JSON.stringify([v.base, v.docs]);
    if (!groups.has(key)) {
      const name = `site-${groups.size}`;
      vectorSite(join(work, name), v);
      build(join(work, name), join(work, name + '.out'), vectors.now);
      mounts.set(`/${name}/`, join(work, name + '.out'));
      groups.set(key, name);
    }
    vsites.push({ ...v, kind, name: groups.get(key) });
  }
}

// A site whose issuer signs OB 2.0 awards with every JWS algorithm
// badgegen verifies (keys made here, awards signed by node's crypto):
// each goes through the browser's WebCrypto.
const ALGS_BASE = 'https://algs.example.org/';
const algAwards = [];
{
  const dir = join(work, 'algs');
  mkdirSync(dir, { recursive: true });
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keys = { rsa, p256: generateKeyPairSync('ec', { namedCurve: 'P-256' }),
    p384: generateKeyPairSync('ec', { namedCurve: 'P-384' }), ed25519: generateKeyPairSync('ed25519') };
  const issuer = `${ALGS_BASE}issuers/org.json`, badge = `${ALGS_BASE}badges/b.json`;
  const put = (rel, obj) => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), JSON.stringify(obj, null, 2) + '\n');
  };
  writeFileSync(join(dir, 'site.conf'), `title = Algorithms\nbase_url = ${ALGS_BASE}\nlang = en\ntimezone = UTC\n`);
  const multikey = `${ALGS_BASE}keys/multikey.json`;
  put('content/issuers/org.json', { '@context': ['https://w3id.org/openbadges/v2', 'https://www.w3.org/ns/did/v1',
    'https://w3id.org/security/multikey/v1'], type: 'Issuer', id: issuer,
    name: 'Algorithms', url: ALGS_BASE, email: 'badges@example.org',
    publicKey: Object.keys(keys).map((k) => `${ALGS_BASE}keys/${k}.json`), assertionMethod: [multikey] });
  const edRaw = Buffer.from(keys.ed25519.publicKey.export({ format: 'jwk' }).x, 'base64url');
  put('content/keys/multikey.json', { '@context': 'https://w3id.org/security/multikey/v1', id: multikey,
    type: 'Multikey', controller: issuer, publicKeyMultibase: 'z' + base58(Buffer.concat([Buffer.from([0xed, 0x01]), edRaw])) });
  put('content/badges/b.json', { '@context': 'https://w3id.org/openbadges/v2', type: 'BadgeClass', id: badge,
    name: 'Signed', description: 'Signed with each algorithm.', image: `${ALGS_BASE}badges/b.png`,
    criteria: { narrative: 'None.' }, issuer });
  for (const [k, pair] of Object.entries(keys)) {
    put(`content/keys/${k}.json`, { '@context': 'https://w3id.org/openbadges/v2', type: 'CryptographicKey',
      id: `${ALGS_BASE}keys/${k}.json`, owner: issuer,
      publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }) });
  }
  commit(dir);
  build(dir, join(work, 'algs.out'), NOW_EXAMPLE);
  mounts.set('/algs/', join(work, 'algs.out'));
  const pss = (n) => ({ padding: cryptoConst.RSA_PKCS1_PSS_PADDING, saltLength: n });
  const how = {
    RS256: ['rsa', 'sha256', {}], RS384: ['rsa', 'sha384', {}], RS512: ['rsa', 'sha512', {}],
    PS256: ['rsa', 'sha256', pss(32)], PS384: ['rsa', 'sha384', pss(48)], PS512: ['rsa', 'sha512', pss(64)],
    ES256: ['p256', 'sha256', { dsaEncoding: 'ieee-p1363' }], ES384: ['p384', 'sha384', { dsaEncoding: 'ieee-p1363' }],
    EdDSA: ['ed25519', null, {}],
  };
  mkdirSync(join(work, 'algs-awards'), { recursive: true });
  for (const [i, [alg, [k, hash, opts]]] of Object.entries(how).entries()) {
    const salt = `salt${i}`;
    const payload = { '@context': 'https://w3id.org/openbadges/v2', type: 'Assertion',
      id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      recipient: { type: 'email', hashed: true, salt,
        identity: 'sha256$' + createHash('sha256').update('someone@example.org' + salt).digest('hex') },
      badge, verification: { type: 'SignedBadge', creator: `${ALGS_BASE}keys/${k}.json` },
      issuedOn: '2026-01-01T00:00:00Z' };
    const input = Buffer.from(JSON.stringify({ alg })).toString('base64url') + '.' +
      Buffer.from(JSON.stringify(payload)).toString('base64url');
    const sig = cryptoSign(hash, Buffer.from(input), { key: keys[k].privateKey, ...opts });
    const file = join(work, 'algs-awards', `${alg}.jws`);
    writeFileSync(file, `${input}.${sig.toString('base64url')}`);
    // The same award with one byte of its signature changed.
    sig[sig.length >> 1] ^= 1;
    const bad = join(work, 'algs-awards', `${alg}-tampered.jws`);
    writeFileSync(bad, `${input}.${sig.toString('base64url')}`);
    algAwards.push({ alg, file, bad });
  }
  // OB 3.0 with an eddsa-jcs-2022 proof (W3C vc-di-eddsa, 3.3): the
  // signature of SHA-256(JCS(proof options)) || SHA-256(JCS(credential)).
  const salt = 'jcs';
  const cred = { '@context': ['https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:00000000-0000-4000-8000-0000000000ff', type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: issuer, type: ['Profile'], name: 'Algorithms' }, validFrom: '2026-01-01T00:00:00Z', name: 'Signed',
  credentialSubject: { type: ['AchievementSubject'], identifier: [{ type: 'IdentityObject',
    identityHash: 'sha256$' + createHash('sha256').update('someone@example.org' + salt).digest('hex'),
    identityType: 'emailAddress', hashed: true, salt }],
  achievement: { id: badge, type: ['Achievement'], name: 'Signed', description: 'Signed with each algorithm.',
    criteria: { narrative: 'None.' } } } };
  const options = { type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', created: '2026-01-01T00:00:00Z',
    verificationMethod: multikey, proofPurpose: 'assertionMethod', '@context': cred['@context'] };
  const sha = (v) => createHash('sha256').update(jcs(v)).digest();
  const sig = cryptoSign(null, Buffer.concat([sha(options), sha(cred)]), keys.ed25519.privateKey);
  const signed = { ...cred, proof: { ...options, proofValue: 'z' + base58(sig) } };
  const file = join(work, 'algs-awards', 'eddsa-jcs-2022.json');
  writeFileSync(file, JSON.stringify(signed, null, 2));
  const bad = join(work, 'algs-awards', 'eddsa-jcs-2022-tampered.json');
  writeFileSync(bad, JSON.stringify({ ...signed, name: 'Signed!' }, null, 2));
  algAwards.push({ alg: 'eddsa-jcs-2022', file, bad });
}

// --- Server ------------------------------------------------------------

// contrib/_headers: [ { pattern, headers: [[name, value]] } ].
function headerRules() {
  const rules = [];
  let cur = null;
  for (const line of readFileSync(join(top, 'contrib/_headers'), 'utf8').split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    if (!/^\s/.test(line)) { cur = { pattern: line.trim(), headers: [] }; rules.push(cur); continue; }
    const m = line.trim().match(/^([^:]+):\s*(.*)$/);
    if (m && cur) cur.headers.push([m[1], m[2]]);
  }
  return rules;
}
const rules = headerRules();
const matches = (pattern, path) =>
  new RegExp('^' + pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$').test(path);
const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml',
  '.xml': 'application/xml', '.txt': 'text/plain', '.wasm': 'application/wasm',
};

const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  const mount = [...mounts.keys()].find((m) => path.startsWith(m));
  if (!mount || path.includes('..')) { res.writeHead(404).end(); return; }
  const site = mounts.get(mount), rel = '/' + path.slice(mount.length);
  let file = join(site, rel), status = 200;
  try {
    if (statSync(file).isDirectory()) file = join(file, 'index.html');
    statSync(file);
  } catch {
    file = join(site, '404.html');
    status = 404;
  }
  const head = { 'content-type': types[extname(file)] || 'application/octet-stream' };
  for (const r of rules) {
    if (!matches(r.pattern, rel)) continue;
    for (const [n, v] of r.headers) {
      const k = n.toLowerCase();
      head[k] = k in head && k !== 'content-type' ? head[k] + ', ' + v : v;
    }
  }
  res.writeHead(status, head);
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

// --- Browser -----------------------------------------------------------

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const outside = [], consoleErrors = [];

// A page at path with the clock at now; routes (url pattern, handler)
// get a context of their own, the others share one.
let shared = null;
async function open(path, now, routes = []) {
  let context, page;
  const own = routes.length > 0;
  if (!own && shared !== null) {
    ({ context, page } = shared);
  } else {
    context = await browser.newContext();
    page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`); });
    page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e}`));
    context.on('request', (r) => { if (!r.url().startsWith(origin + '/')) outside.push(r.url()); });
    await context.route('**/*', (route) => route.request().url().startsWith(origin + '/')
      ? route.fallback() : route.abort());
    if (!own) shared = { context, page };
  }
  for (const [pattern, handler] of routes) await context.route(pattern, handler);
  await page.clock.setFixedTime(new Date(now));
  await page.goto(origin + path, { waitUntil: 'domcontentloaded' });
  return { page, context, own };
}

// The report on the page once the checks end.
async function report(page) {
  const box = page.locator('.bv-report[data-verdict]');
  await box.waitFor({ timeout: 60000 });
  return box.evaluate((e) => ({
    verdict: e.getAttribute('data-verdict'),
    issuer: e.getAttribute('data-issuer'),
    recipient: e.querySelector('[data-recipient]')?.getAttribute('data-recipient') ?? null,
    checks: [...e.querySelectorAll('li[data-check]')].map((li) =>
      ({ name: li.getAttribute('data-check'), result: li.getAttribute('data-result') })),
    text: e.innerText,
  }));
}

// Verifies on an award page (press the button) or the verify page (a file).
async function verifyOn(path, now, { file = null, email = null, routes = [] } = {}) {
  return (await verifyFiles(path, now, [file], { email, routes }))[0];
}

// Verifies the files one after the other on one page (null: the button).
async function verifyFiles(path, now, files, { email = null, routes = [] } = {}) {
  const { page, context, own } = await open(path, now, routes);
  const out = [];
  try {
    if (email !== null) await page.fill('#bv-email', email);
    for (const file of files) {
      await page.evaluate(() => document.querySelector('.bv-report')?.remove());
      const t0 = Date.now();
      if (file) await page.setInputFiles('#bv-file', file);
      else await page.click('button.bv-run');
      const r = await report(page);
      r.ms = Date.now() - t0;
      out.push(r);
    }
    return out;
  } finally {
    if (own) await context.close();
  }
}

const states = (r) => r.checks.map((c) => `${c.name}:${c.result}`).join(' ');
const same = (a, b) => a.verdict === b.verdict && states(a) === states(b);

// The example site: every award page, as badgegen verify says.
const exOut = join(work, 'example.out');
const pages = readdirSync(join(exOut, 'awards/2026')).filter((d) =>
  existsSync(join(exOut, 'awards/2026', d, 'index.html'))).sort();
check(pages.length >= 8, 'the example site has award pages', String(pages.length));
const times = [];
for (const p of pages) {
  const html = readFileSync(join(exOut, 'awards/2026', p, 'index.html'), 'utf8');
  const award = html.match(/data-award="([^"]+)"/)?.[1];
  check(/<button type="button" class="button bv-run">このブラウザで検証<\/button>/.test(html),
    `${p}: the page has the button このブラウザで検証`);
  check(/<script src="[^"]*assets\/verify\.js" defer><\/script>/.test(html) &&
    !/verifier\.wasm|verify-worker/.test(html), `${p}: only verify.js is loaded with the page`);
  const want = cli(exRepo, join(exRepo, 'content', award), NOW_EXAMPLE);
  const got = await verifyOn(`/example/awards/2026/${p}/`, NOW_EXAMPLE);
  times.push(got.ms);
  check(same(got, want) && got.checks.length > 0, `${p}: the browser's report is badgegen verify's (${got.verdict})`,
    `browser ${got.verdict} ${states(got)}; badgegen ${want.verdict} ${states(want)}`);
}
console.log(`# verify one award in the browser: ${Math.min(...times)} to ${Math.max(...times)} ms`);

// An English page: the labels are the English catalog's.
{
  const r = await verifyOn('/example/en/awards/2026/ds-pbl-6f8650cc60/', NOW_EXAMPLE);
  check(r.verdict === 'valid' && /Valid: every check passed/.test(r.text) && /Signature/.test(r.text),
    'an English award page reports in English', r.text.slice(0, 200));
}

// The dates are the visitor's clock: years later the award page's
// JWT-signed award still verifies, an expiring one would not.
{
  const later = '2031-01-01T00:00:00Z';
  const want = cli(exRepo, join(exRepo, 'content/awards/2026/ai-basics-790a2a521c.jwt'), later);
  const got = await verifyOn('/example/awards/2026/ai-basics-790a2a521c/', later);
  check(same(got, want), 'another clock gives badgegen verify --now of that clock', `${states(got)} / ${states(want)}`);
}

// The optional address: hashed in the page, sent nowhere.
{
  const seen = [];
  const spy = ['**/*', (route) => { seen.push(route.request().url() + (route.request().postData() || '')); route.fallback(); }];
  const yes = await verifyOn('/example/awards/2026/ai-basics-0001/', NOW_EXAMPLE,
    { email: 'taro.yamada@example.ac.jp', routes: [spy] });
  const no = await verifyOn('/example/awards/2026/ai-basics-0001/', NOW_EXAMPLE,
    { email: 'someone.else@example.ac.jp', routes: [spy] });
  check(yes.recipient === 'yes' && no.recipient === 'no', 'the address field says whether the award is the address\'s',
    `${yes.recipient} ${no.recipient}`);
  check(!seen.some((u) => /example\.ac\.jp.*(taro|someone)|taro\.yamada|someone\.else/.test(u)),
    'the address is in no request');
  const want = cli(exRepo, join(exRepo, 'content/awards/2026/ai-basics-0001.json'), NOW_EXAMPLE);
  check(same(yes, want), 'with an address the checks are still badgegen verify\'s');
}

// Tampering fails in the browser.
async function tampered(path, url, edit) {
  return verifyOn(path, NOW_EXAMPLE, { routes: [[url, async (route) => {
    const res = await route.fetch();
    const body = edit((await res.body()).toString('utf8'));
    await route.fulfill({ response: res, body });
  }]] });
}
const result = (r, name) => r.checks.find((c) => c.name === name)?.result;
{
  const r = await tampered('/example/awards/2026/infosec-intro-7975af777d/', '**/infosec-intro-7975af777d.jws', (t) => {
    // One byte of the signed payload: a digit of the identity hash.
    const [h, p, s] = t.trim().split('.');
    const json = Buffer.from(p, 'base64url').toString('utf8');
    const i = json.indexOf('sha256$') + 7;
    const flipped = json.slice(0, i) + (json[i] === '0' ? '1' : '0') + json.slice(i + 1);
    return [h, Buffer.from(flipped).toString('base64url'), s].join('.');
  });
  check(r.verdict === 'invalid' && result(r, 'signature') === 'fail', 'a byte changed in a JWS payload fails', states(r));
}
{
  const other = 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi';
  const r = await tampered('/example/awards/2026/ds-pbl-6f8650cc60/', '**/keys/kakuu-ed25519.json', (t) =>
    t.replace(/"publicKeyMultibase": "[^"]+"/, `"publicKeyMultibase": "${other}"`));
  check(r.verdict === 'invalid' && result(r, 'signature') === 'fail',
    'another key in the served key document fails (Data Integrity proof)', states(r));
  // The issuer profile served names another key as its own.
  const r1 = await tampered('/example/awards/2026/ds-pbl-6f8650cc60/', '**/issuers/kakuu.json', (t) => {
    const j = JSON.parse(t);
    j.assertionMethod = ['https://badges.example.ac.jp/keys/someone-else.json'];
    return JSON.stringify(j);
  });
  check(r1.verdict === 'invalid' && result(r1, 'key') === 'fail',
    'an issuer profile that no longer names the key fails (Data Integrity proof)', states(r1));
  const pem = readFileSync(join(VD, 'mozilla-openbadges-validator/rsa-public.pem'), 'utf8');
  const r2 = await tampered('/example/awards/2026/infosec-intro-7975af777d/', '**/keys/kakuu-2026.json', (t) => {
    const j = JSON.parse(t);
    j.publicKeyPem = pem;
    return JSON.stringify(j);
  });
  check(r2.verdict === 'invalid' && result(r2, 'signature') === 'fail',
    'another key in the served key document fails (OB 2.0 JWS)', states(r2));
}
{
  // Revoked after the page was built: the issuer now lists the award.
  const list = JSON.stringify({ '@context': 'https://w3id.org/openbadges/v2', type: 'RevocationList',
    id: 'https://badges.example.ac.jp/issuers/kakuu-revoked.json',
    issuer: 'https://badges.example.ac.jp/issuers/kakuu.json',
    revokedAssertions: [{ id: 'https://badges.example.ac.jp/awards/2026/ai-basics-0001.json', revocationReason: 'test' }] });
  const r = await verifyOn('/example/awards/2026/ai-basics-0001/', NOW_EXAMPLE, { routes: [
    ['**/issuers/kakuu.json', async (route) => {
      const res = await route.fetch();
      const j = JSON.parse((await res.body()).toString('utf8'));
      j.revocationList = 'https://badges.example.ac.jp/issuers/kakuu-revoked.json';
      await route.fulfill({ response: res, body: JSON.stringify(j) });
    }],
    ['**/issuers/kakuu-revoked.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: list })],
  ] });
  check(r.verdict === 'invalid' && result(r, 'status') === 'fail', 'a revoked award fails (revocation list)', states(r));
}
{
  // A document that cannot be fetched: unknown, never passed.
  const r = await verifyOn('/example/awards/2026/ds-pbl-6f8650cc60/', NOW_EXAMPLE, { routes: [
    ['**/issuers/kakuu.json', (route) => route.abort('failed')]] });
  check(r.verdict === 'unknown' && result(r, 'key') === 'unknown' && r.checks.every((c) => c.result !== 'fail'),
    'an issuer profile that cannot be fetched: the key binding could not be checked', states(r));
  const r1 = await verifyOn('/example/awards/2026/ds-pbl-6f8650cc60/', NOW_EXAMPLE, { routes: [
    ['**/keys/kakuu-ed25519.json', (route) => route.abort('failed')]] });
  check(r1.verdict === 'unknown' && result(r1, 'signature') === 'unknown' && result(r1, 'key') === 'unknown',
    'a key document that cannot be fetched: could not be checked', states(r1));
  const r2 = await verifyOn('/example/awards/2026/infosec-intro-0001/', NOW_EXAMPLE, { routes: [
    ['**/badges/infosec-intro.json', (route) => route.fulfill({ status: 500, body: 'no' })]] });
  check(r2.verdict === 'unknown' && r2.checks.every((c) => c.result !== 'pass'),
    'a badge class that cannot be fetched: could not be checked', `${r2.verdict} ${states(r2)}`);
}

// The verify page of the example site: baked PNG and SVG, JSON, JWT.
{
  const svg = join(work, 'ai-basics-0001.svg');
  const b = run(badgegen, ['bake', join(top, 'tests/data/bake/moz-bakery-unbaked.svg'),
    join(exRepo, 'content/awards/2026/ai-basics-0001.json')], { encoding: 'buffer' });
  writeFileSync(svg, b.out);
  const files = [join(exOut, 'awards/2026/ds-pbl-6f8650cc60.png'), join(exOut, 'awards/2026/infosec-intro-7975af777d.png'),
    svg, join(exOut, 'awards/2026/ai-basics-790a2a521c.jwt'), join(exRepo, 'content/awards/2026/ai-basics-0001.json')];
  const gots = await verifyFiles('/example/verify/', NOW_EXAMPLE, files);
  for (const [k, f] of files.entries()) {
    const want = cli(exRepo, f, NOW_EXAMPLE);
    const got = gots[k];
    check(same(got, want) && got.issuer === 'site' && got.verdict === 'valid',
      `verify page: ${basename(f)} as badgegen verify`, `${got.verdict} ${got.issuer} ${states(got)} / ${states(want)}`);
  }
  // Another issuer's award: reported as such, not as invalid.
  for (const f of ['1edtech-dcpv/ob30/simple.json', '1edtech-dcpv/ob20/basic-assertion.json']) {
    const got = await verifyOn('/example/verify/', NOW_EXAMPLE, { file: join(VD, f) });
    check(got.issuer === 'other' && got.verdict === 'unknown', `verify page: another issuer's ${basename(f)} is reported as such`,
      `${got.verdict} ${got.issuer} ${states(got)}`);
  }
  const txt = join(work, 'not-a-badge.json');
  writeFileSync(txt, '{"hello": "world"}');
  const got = await verifyOn('/example/verify/', NOW_EXAMPLE, { file: txt });
  check(got.verdict === 'unknown', 'verify page: a file that is no award could not be checked', got.text);
}

// Every JWS algorithm and eddsa-jcs-2022, and the same awards changed.
{
  const files = algAwards.flatMap((a) => [a.file, a.bad]);
  const gots = await verifyFiles('/algs/verify/', NOW_EXAMPLE, files);
  for (const [k, f] of files.entries()) {
    const want = cli(join(work, 'algs'), f, NOW_EXAMPLE);
    const tampered = /-tampered\.(jws|json)$/.test(f);
    const expect = tampered ? want.verdict === 'invalid' && result(want, 'signature') === 'fail' :
      want.verdict === 'valid';
    check(expect && same(gots[k], want), `${basename(f)}: ${want.verdict} in the browser as in badgegen verify`,
      `browser ${gots[k].verdict} ${states(gots[k])}; badgegen ${want.verdict} ${states(want)} ${want.error || ''}`);
  }
}

// The vectors: the verdict and every state badgegen verify gives.
const onSite = new Map();
for (const name of groups.values()) {
  const list = vsites.filter((v) => v.name === name);
  const got = await verifyFiles(`/${name}/verify/`, vectors.now, list.map((v) => join(VD, v.award)));
  list.forEach((v, i) => onSite.set(v, got[i]));
}
for (const v of vsites) {
  const file = join(VD, v.award);
  const want = cli(join(work, v.name), file, vectors.now);
  const got = onSite.get(v);
  const docs = v.docs.length ? ` with ${v.docs.length} document(s)` : '';
  if (v.kind === 'same') {
    check(same(got, want) && got.checks.length > 0, `vector ${v.award} (${v.base})${docs}: ${want.verdict}`,
      `browser ${got.verdict} ${states(got)}; badgegen ${want.verdict} ${states(want)}`);
  } else {
    const ok = got.checks.every((c, i) => want.checks[i]?.name === c.name &&
      (c.result === want.checks[i].result || c.result === 'unknown')) && got.verdict !== 'valid' &&
      got.checks.some((c) => c.result === 'unknown') || (got.checks.length === 0 && got.verdict === 'unknown');
    check(ok, `vector ${v.award}: ${v.why}: unknown where badgegen had the repository's copy`,
      `browser ${got.verdict} ${states(got)}; badgegen ${want.verdict} ${states(want)}`);
  }
}

// A status bit set in the served list: the list's own proof fails.
{
  const v = vsites.find((s) => s.kind === 'same' && s.award.endsWith('v2WithValidStatus.json'));
  const cred = JSON.parse(readFileSync(join(VD, v.award), 'utf8'));
  const entry = [].concat(cred.credentialStatus).find((s) => s.type === 'BitstringStatusListEntry') || {};
  const idx = Number(entry.statusListIndex);
  const r = await verifyOn(`/${v.name}/verify/`, vectors.now, { file: join(VD, v.award), routes: [
    ['**/status/e5WK8CbZ1GjycuPombrj', async (route) => {
      const res = await route.fetch();
      const list = JSON.parse((await res.body()).toString('utf8'));
      const subj = list.credentialSubject;
      const bits = gunzipSync(Buffer.from(subj.encodedList.slice(1), 'base64url'));
      bits[idx >> 3] |= 0x80 >> (idx & 7);
      subj.encodedList = 'u' + gzipSync(bits).toString('base64url');
      await route.fulfill({ response: res, body: JSON.stringify(list) });
    }]] });
  check(Number.isInteger(idx) && r.verdict === 'invalid' && result(r, 'status') === 'fail',
    'a status bit set in the served list fails', states(r));
}

// The page's policy and the worker's: WebAssembly only in the worker.
{
  const html = readFileSync(join(exOut, 'awards/2026/ds-pbl-6f8650cc60/index.html'), 'utf8');
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1] || '';
  check(/script-src 'self'(;|$)/.test(meta) && !/wasm-unsafe-eval|unsafe-inline|unsafe-eval/.test(meta),
    'award pages allow only the site\'s scripts', meta);
  const res = await fetch(`${origin}/example/assets/verify-worker.js`);
  check(/script-src 'self' 'wasm-unsafe-eval'/.test(res.headers.get('content-security-policy') || ''),
    'contrib/_headers gives the worker, and only it, \'wasm-unsafe-eval\'');
  const page = await fetch(`${origin}/example/awards/2026/ds-pbl-6f8650cc60/`);
  check(!/wasm-unsafe-eval/.test(page.headers.get('content-security-policy') || ''),
    'contrib/_headers gives pages no \'wasm-unsafe-eval\'');
}

check(outside.length === 0, 'no request left 127.0.0.1', outside.slice(0, 5).join(' '));
check(consoleErrors.length === 0, 'no console errors', consoleErrors.slice(0, 5).join('; '));
await browser.close();
server.close();
console.log(`${passed} passed, ${failed} failed, 0 skipped`);
process.exit(failed ? 1 : 0);
