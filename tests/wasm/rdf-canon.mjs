// rdf-canon.mjs - the W3C RDFC-1.0 test suite (tests/data/rdf-canon) run
// through the WebAssembly verifier, as tests/unit/t_rdfc.c runs it
// through badgegen: every eval test byte for byte, every map test's
// issued identifiers, the negative test refused for too much work, and
// the default limits on the clique and on small symmetric graphs.
//
//   node rdf-canon.mjs <verifier.wasm> <verify-worker.js> <suite-dir>
//
// Prints "ok - ..." / "not ok - ..." lines and "N passed, N failed, 0 skipped".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

const [wasm, worker, suite] = process.argv.slice(2);
vm.runInThisContext(readFileSync(worker, 'utf8'), { filename: worker });
const V = globalThis.BadgegenVerifier;
const mod = await WebAssembly.compile(readFileSync(wasm));
// rdfc.h: RDFC_WORK_FACTOR, RDFC_MAX_WORK
const DEFAULTS = { workFactor: 3, maxWork: 100000 };

let passed = 0, failed = 0;
const check = (cond, title, detail = '') => {
  if (cond) { passed++; console.log(`ok - ${title}`); }
  else { failed++; console.log(`not ok - ${title}${detail ? ': ' + detail : ''}`); }
};

const manifest = JSON.parse(readFileSync(join(suite, 'manifest.jsonld'), 'utf8'));
const counts = {};
for (const e of manifest.entries) {
  const cx = e.computationalComplexity;
  const opts = { sha384: e.hashAlgorithm === 'SHA384',
    workFactor: cx === 'high' ? 3 : cx === 'medium' ? 2 : 0, maxWork: DEFAULTS.maxWork };
  const got = await V.rdfc(mod, readFileSync(join(suite, e.action), 'utf8'), opts);
  counts[e.type] = (counts[e.type] || 0) + 1;
  const title = `${e.id} ${e.name} (${e.type})`;
  if (e.type === 'rdfc:RDFC10NegativeEvalTest') {
    check(!got.ok && /too much work/.test(got.error), title, got.ok ? 'accepted' : got.error);
  } else if (e.type === 'rdfc:RDFC10EvalTest') {
    const want = readFileSync(join(suite, e.result), 'utf8');
    check(got.ok && got.out === want, title, got.ok ? `got\n${got.out}` : got.error);
  } else {
    const want = JSON.parse(readFileSync(join(suite, e.result), 'utf8'));
    const same = got.ok && Object.keys(want).length === Object.keys(got.issued).length &&
      Object.keys(want).every((k) => got.issued[k] === want[k]);
    check(same, title, got.ok ? JSON.stringify(got.issued) : got.error);
  }
}
check(counts['rdfc:RDFC10EvalTest'] === 64 && counts['rdfc:RDFC10MapTest'] === 21 &&
  counts['rdfc:RDFC10NegativeEvalTest'] === 1, 'the suite has 64 eval, 21 map and 1 negative tests',
  JSON.stringify(counts));

// The default limits: the clique stops, small symmetric graphs do not.
const clique = await V.rdfc(mod, readFileSync(join(suite, 'rdfc10/test074-in.nq'), 'utf8'),
  { sha384: false, ...DEFAULTS });
check(!clique.ok && /rdfc: too much work/.test(clique.error), 'default limits stop the clique');
for (const t of ['test021', 'test023', 'test044', 'test045', 'test046']) {
  const r = await V.rdfc(mod, readFileSync(join(suite, `rdfc10/${t}-in.nq`), 'utf8'),
    { sha384: false, ...DEFAULTS });
  check(r.ok, `default limits allow ${t}`, r.error);
}
console.log(`${passed} passed, ${failed} failed, 0 skipped`);
process.exit(failed ? 1 : 0);
