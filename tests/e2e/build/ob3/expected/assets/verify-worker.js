/*
 * verify-worker.js - badgegen's verifier in the visitor's browser: a Web
 * Worker that runs verifier.wasm (the checks of badgegen verify, compiled
 * to WebAssembly) on an award and on the documents this site publishes.
 *
 * A verification is run more than once.  Each run builds the award's
 * model from what is at hand and reports what it lacked: documents (the
 * ids it looked for; those under the site's base_url are fetched from
 * this site, at the same path, and nothing else is ever fetched) and
 * signatures (checked with crypto.subtle, WebCrypto, whose answers come
 * later than a WebAssembly call may wait).  The run is repeated with
 * what was fetched and computed until it lacks nothing it could get;
 * its report is the answer.  A document that cannot be fetched stays
 * missing, and its check says "could not be checked", never passed.
 *
 * Messages from the page: { base, root, now, email, award: { path } }
 * for the award an award page publishes at path (relative to root, the
 * site's root URL), or award: { name, bytes } for a file the visitor
 * gave.  Replies: { result } (see verify() below) or { error }.
 *
 * The same code runs under node for the tests (BadgegenVerifier).
 */
"use strict";

(function (global) {
	/* enum sig_alg of gen/sig.h */
	const ALGS = {
		1: { kind: "RSA", hash: "SHA-256" },
		2: { kind: "RSA", hash: "SHA-384" },
		3: { kind: "RSA", hash: "SHA-512" },
		4: { kind: "PSS", hash: "SHA-256", salt: 32 },
		5: { kind: "PSS", hash: "SHA-384", salt: 48 },
		6: { kind: "PSS", hash: "SHA-512", salt: 64 },
		7: { kind: "EC", hash: "SHA-256", curve: "P-256" },
		8: { kind: "EC", hash: "SHA-384", curve: "P-384" },
		9: { kind: "Ed25519" }
	};
	const HOST_PENDING = 2, HOST_UNSUPPORTED = 3;
	const MAX_RUNS = 16;
	const WASI_EBADF = 8, WASI_ENOSYS = 52;

	function b64url(bytes) {
		let s = "";
		for (let i = 0; i < bytes.length; i++)
			s += String.fromCharCode(bytes[i]);
		return btoa(s).replace(/\+/g, "-").replace(/\//g, "_")
		    .replace(/=+$/, "");
	}

	function hex(bytes) {
		let s = "";
		for (let i = 0; i < bytes.length; i++)
			s += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
		return s;
	}

	/* The bit length of a big-endian number. */
	function bitlen(b) {
		let i = 0;
		while (i < b.length && b[i] === 0)
			i++;
		if (i === b.length)
			return 0;
		return 8 * (b.length - i - 1) + Math.floor(Math.log2(b[i])) + 1;
	}

	/* A request of sig_wasm.c: alg, then four length-prefixed fields. */
	function parseRequest(req) {
		const view = new DataView(req.buffer, req.byteOffset,
		    req.byteLength);
		const fields = [];
		let p = 1;
		for (let k = 0; k < 4; k++) {
			const n = view.getUint32(p, true);
			fields.push(req.subarray(p + 4, p + 4 + n));
			p += 4 + n;
		}
		return { alg: req[0], a: fields[0], b: fields[1],
		    msg: fields[2], sig: fields[3] };
	}

	/*
	 * Checks one signature with WebCrypto: 0 valid, 1 not, 3 when this
	 * browser cannot check it (the algorithm is missing, or the key is
	 * one WebCrypto refuses where badgegen's libraries do not).
	 */
	async function checkSignature(subtle, req) {
		const r = parseRequest(req), alg = ALGS[r.alg];
		let key, ok;
		if (!alg)
			return HOST_UNSUPPORTED;
		try {
			if (alg.kind === "RSA" || alg.kind === "PSS") {
				/* BoringSSL refuses exponents over 33 bits. */
				if (bitlen(r.b) > 33)
					return HOST_UNSUPPORTED;
				const name = alg.kind === "RSA" ?
				    "RSASSA-PKCS1-v1_5" : "RSA-PSS";
				key = await subtle.importKey("jwk", { kty: "RSA",
				    n: b64url(r.a), e: b64url(r.b), ext: true },
				    { name: name, hash: alg.hash }, false,
				    ["verify"]);
				ok = await subtle.verify(alg.kind === "RSA" ?
				    { name: name } : { name: name,
				    saltLength: alg.salt }, key, r.sig, r.msg);
			} else if (alg.kind === "EC") {
				const pt = new Uint8Array(1 + r.a.length +
				    r.b.length);
				pt[0] = 4;
				pt.set(r.a, 1);
				pt.set(r.b, 1 + r.a.length);
				key = await subtle.importKey("raw", pt,
				    { name: "ECDSA", namedCurve: alg.curve }, false,
				    ["verify"]);
				ok = await subtle.verify({ name: "ECDSA",
				    hash: alg.hash }, key, r.sig, r.msg);
			} else {
				key = await subtle.importKey("raw", r.a,
				    { name: "Ed25519" }, false, ["verify"]);
				ok = await subtle.verify({ name: "Ed25519" }, key,
				    r.sig, r.msg);
			}
		} catch (e) {
			return HOST_UNSUPPORTED;
		}
		return ok ? 0 : 1;
	}

	/*
	 * The WebAssembly module, instantiated with the host's answers
	 * (st.answers: request id -> answer) and where to put the requests
	 * it has no answer for (st.pending, id -> request).  WASI: only what
	 * the C library's start-up and its unused paths import, none of
	 * which the verifier reaches.
	 */
	async function instantiate(module, st) {
		let mem = null;
		const bytes = (p, n) => new Uint8Array(mem.buffer, p, n);
		const wasi = {
			fd_write(fd, iovs, n, written) {
				const v = new DataView(mem.buffer);
				let total = 0;
				for (let i = 0; i < n; i++)
					total += v.getUint32(iovs + 8 * i + 4, true);
				v.setUint32(written, total, true);
				return 0;
			},
			proc_exit(code) {
				throw new Error("the verifier stopped (exit " + code +
				    ")");
			},
			fd_close: () => WASI_EBADF,
			fd_fdstat_get: () => WASI_EBADF,
			fd_filestat_get: () => WASI_EBADF,
			fd_prestat_get: () => WASI_EBADF,
			fd_prestat_dir_name: () => WASI_EBADF,
			fd_read: () => WASI_EBADF,
			fd_seek: () => WASI_EBADF,
			path_filestat_get: () => WASI_ENOSYS,
			path_open: () => WASI_ENOSYS
		};
		const host = {
			verify(req, len, idp) {
				const id = hex(bytes(idp, 32));
				if (st.answers.has(id))
					return st.answers.get(id);
				if (!st.pending.has(id))
					st.pending.set(id, bytes(req, len).slice());
				return HOST_PENDING;
			}
		};
		const inst = await WebAssembly.instantiate(module,
		    { wasi_snapshot_preview1: wasi, badgegen: host });
		const x = inst.exports;
		mem = x.memory;
		x._initialize();
		const enc = new TextEncoder(), dec = new TextDecoder();
		/* Copies bytes (or a string, NUL-terminated) into the module. */
		function put(data) {
			const b = typeof data === "string" ?
			    enc.encode(data + "\0") : data;
			const p = x.bv_alloc(b.length + 1);
			bytes(p, b.length).set(b);
			return { p: p, n: typeof data === "string" ?
			    b.length - 1 : b.length };
		}
		/* Takes a NUL-terminated result string and frees it. */
		function take(p) {
			const all = new Uint8Array(mem.buffer);
			let end = p;
			while (all[end] !== 0)
				end++;
			const s = dec.decode(all.subarray(p, end));
			x.bv_free(p);
			return s;
		}
		return { x: x, put: put, take: take };
	}

	/* One run: a session with the award and the documents at hand. */
	function runOnce(w, job, docs) {
		const x = w.x, keep = [];
		const str = (s) => { const v = w.put(s); keep.push(v.p);
		    return v; };
		const s = x.bv_open(str(job.base).p);
		const name = str(job.award.name), data = w.put(job.award.bytes);
		keep.push(data.p);
		x.bv_add_award(s, name.p, data.p, data.n);
		for (const [url, d] of docs) {
			if (!d.bytes)
				continue;
			const u = str(url), b = w.put(d.bytes);
			keep.push(b.p);
			x.bv_add_doc(s, u.p, b.p, b.n);
		}
		const email = job.email ? str(job.email).p : 0;
		const out = JSON.parse(w.take(x.bv_verify(s, job.now, email)));
		x.bv_close(s);
		for (const p of keep)
			x.bv_free(p);
		return out;
	}

	/* The site path of url when it is under base, else null. */
	function sitePath(base, url) {
		if (typeof url !== "string" || !url.startsWith(base))
			return null;
		const p = url.slice(base.length);
		return /[?#]/.test(p) ? null : p;
	}

	/*
	 * Verifies job ({ base, award: { name, bytes }, now, email }) with
	 * the module, fetching documents through fetchDoc(url, path) -> {
	 * bytes } | { status } | { error } and checking signatures with
	 * subtle.  Returns { report (bv_verify's JSON), verdict, fetched:
	 * [{ url, status }], runs, ms }.
	 */
	async function verify(module, job, fetchDoc, subtle) {
		const t0 = Date.now(), docs = new Map();
		const st = { answers: new Map(), pending: new Map() };
		const w = await instantiate(module, st);
		let report = null, runs = 0;
		while (runs < MAX_RUNS) {
			st.pending = new Map();
			report = runOnce(w, job, docs);
			runs++;
			const want = report.missing.filter((u) =>
			    sitePath(job.base, u) !== null && !docs.has(u));
			if (st.pending.size === 0 && want.length === 0)
				break;
			await Promise.all([...st.pending].map(async ([id, req]) => {
				st.answers.set(id, await checkSignature(subtle,
				    req));
			}).concat(want.map(async (u) => {
				docs.set(u, await fetchDoc(u,
				    sitePath(job.base, u)));
			})));
		}
		const fetched = [...docs].map(([url, d]) => ({ url: url,
		    status: d.bytes ? 200 : d.status || 0, error: d.error }));
		return { report: report, verdict: verdictOf(report),
		    fetched: fetched, runs: runs, ms: Date.now() - t0 };
	}

	/* "valid", "invalid" or "unknown", as the checks say. */
	function verdictOf(r) {
		if (!r || r.state !== "report")
			return "unknown";
		if (r.valid)
			return "valid";
		return r.checks.some((c) => c.result === "fail") ?
		    "invalid" : "unknown";
	}

	/* The RDFC-1.0 canonical form of N-Quads (the tests' W3C suite). */
	async function rdfc(module, nq, opts) {
		const w = await instantiate(module, { answers: new Map(),
		    pending: new Map() });
		const b = w.put(new TextEncoder().encode(nq));
		const out = JSON.parse(w.take(w.x.bv_rdfc(b.p, b.n,
		    opts.sha384 ? 1 : 0, opts.workFactor, opts.maxWork)));
		w.x.bv_free(b.p);
		return out;
	}

	global.BadgegenVerifier = { verify: verify, verdictOf: verdictOf,
	    rdfc: rdfc, checkSignature: checkSignature };

	if (typeof WorkerGlobalScope === "undefined" ||
	    !(global instanceof WorkerGlobalScope))
		return;

	/* In the worker: fetches from this site only. */
	let compiled = null;
	async function fetchSite(root, url, path) {
		const site = new URL(root);
		let target;
		try {
			target = new URL(path, site);
		} catch (e) {
			return { error: "not a URL of this site" };
		}
		if (target.origin !== site.origin ||
		    !target.pathname.startsWith(site.pathname))
			return { error: "not a URL of this site" };
		try {
			const r = await fetch(target, { credentials: "same-origin",
			    redirect: "error", cache: "no-cache" });
			if (!r.ok)
				return { status: r.status };
			return { bytes: new Uint8Array(await r.arrayBuffer()) };
		} catch (e) {
			return { error: String(e && e.message || e) };
		}
	}

	global.onmessage = async (ev) => {
		const m = ev.data;
		try {
			if (compiled === null) {
				const r = await fetch(new URL("verifier.wasm",
				    global.location), { cache: "no-cache" });
				if (!r.ok)
					throw new Error("verifier.wasm: HTTP " +
					    r.status);
				compiled = await WebAssembly.compile(
				    await r.arrayBuffer());
			}
			let award = m.award;
			if (award.path !== undefined) {
				const got = await fetchSite(m.root, null,
				    award.path);
				if (!got.bytes)
					throw new Error(award.path + ": " +
					    (got.error || "HTTP " + got.status));
				award = { name: award.path, bytes: got.bytes };
			}
			const result = await verify(compiled, { base: m.base,
			    award: award, now: m.now, email: m.email }, (u, p) =>
			    fetchSite(m.root, u, p), global.crypto.subtle);
			global.postMessage({ result: result });
		} catch (e) {
			global.postMessage({ error: String(e && e.message || e) });
		}
	};
}(typeof self !== "undefined" ? self : globalThis));
