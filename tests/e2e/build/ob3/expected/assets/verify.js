/*
 * verify.js - the "Verify in this browser" control of award pages and
 * of the verify page (/verify/).
 *
 * Without JavaScript the control stays hidden and a note says why; the
 * page's own report and its links to the signed data remain.  This
 * script only shows the control.  Pressing it starts the verifier, a Web
 * Worker (verify-worker.js) that loads verifier.wasm: nothing heavy is
 * loaded before.  The worker fetches what it needs from this site only;
 * an address typed in the optional field and a file given on the
 * verify page stay in this browser.  The report shows each check with
 * the labels of the page's language (the section's data-l-* attributes),
 * and its root element carries data-verdict="valid", "invalid" or
 * "unknown" once the checks end.
 */
(function () {
	"use strict";

	var sec = document.getElementById("bv");
	if (!sec || !window.URL)
		return;
	var button = sec.querySelector(".bv-run");
	var out = sec.querySelector(".bv-result");
	var email = sec.querySelector(".bv-email-input");
	var fileInput = sec.querySelector(".bv-file-input");
	var drop = sec.querySelector(".bv-drop");
	var root = new URL(sec.getAttribute("data-root") || "./",
	    window.location.href).href;
	var base = sec.getAttribute("data-base") || "";
	var awardPath = sec.getAttribute("data-award");
	var given = null;	/* { name, bytes }: the verify page's file */
	var worker = null;
	var busy = false;
	/* Check messages in Japanese on Japanese pages (message_ja). */
	var ja = /^ja\b/.test(document.documentElement.lang || "");

	function label(k) {
		var v = sec.getAttribute("data-l-" + k);
		return v !== null ? v : k;
	}

	function el(tag, cls, text) {
		var e = document.createElement(tag);
		if (cls)
			e.className = cls;
		if (text !== undefined && text !== null)
			e.textContent = text;
		return e;
	}

	function show(node) {
		while (out.firstChild)
			out.removeChild(out.firstChild);
		out.appendChild(node);
	}

	/* A report that says why there is none: verdict "unknown". */
	function failure(text, detail, issuer) {
		var box = el("div", "bv-report");
		box.setAttribute("data-verdict", "unknown");
		if (issuer)
			box.setAttribute("data-issuer", issuer);
		box.appendChild(el("p", "bv-verdict bv-verdict-unknown",
		    text));
		if (detail)
			box.appendChild(el("p", "check-message", detail));
		return box;
	}

	function checkItem(c) {
		var li = el("li", "check check-" + c.result);
		li.setAttribute("data-check", c.name);
		li.setAttribute("data-result", c.result);
		li.appendChild(el("span", "check-result", label(c.result)));
		li.appendChild(document.createTextNode(" "));
		li.appendChild(el("span", "check-name", label(c.name)));
		var msg = ja && c.message_ja ? c.message_ja : c.message;
		if (msg)
			li.appendChild(el("span", "check-message", msg));
		return li;
	}

	function fetchedList(res) {
		var ok = res.fetched.filter(function (f) {
			return f.status === 200;
		});
		var bad = res.fetched.filter(function (f) {
			return f.status !== 200;
		});
		var frag = document.createDocumentFragment(), d, ul;
		[[ok, "fetched"], [bad, "not-fetched"]].forEach(function (g) {
			if (g[0].length === 0)
				return;
			d = el("details", "bv-docs bv-" + g[1]);
			d.appendChild(el("summary", null, label(g[1]) + " (" +
			    g[0].length + ")"));
			ul = el("ul");
			g[0].forEach(function (f) {
				ul.appendChild(el("li", "break", f.url +
				    (f.status === 200 ? "" : " — " +
				    (f.error || "HTTP " + f.status))));
			});
			d.appendChild(ul);
			frag.appendChild(d);
		});
		return frag;
	}

	/* Another issuer's award: what it lacks is not on this site. */
	function foreign(r) {
		if (!fileInput)
			return false;
		if (r.award)
			return !r.award.issuer_here;
		return r.missing.some(function (u) {
			return u.indexOf(base) !== 0;
		});
	}

	function render(res) {
		var r = res.report, box = el("div", "bv-report"), ul;
		var other = foreign(r);

		if (r.state !== "report") {
			box = failure(label(r.state), r.messages, other ?
			    "other" : null);
			if (other)
				box.appendChild(el("p", "notice",
				    label("other-issuer")));
			box.appendChild(fetchedList(res));
			return box;
		}
		box.setAttribute("data-verdict", res.verdict);
		box.setAttribute("data-issuer", other ? "other" : "site");
		box.appendChild(el("p", "bv-verdict bv-verdict-" + res.verdict,
		    label(res.verdict === "unknown" ? "verdict-unknown" :
		    res.verdict)));
		if (other)
			box.appendChild(el("p", "notice", label("other-issuer")));
		var facts = el("p", "bv-note", label("issued-by") + ": " +
		    (r.award.issuer_name || r.award.issuer) + " · " +
		    label("format") + ": " + label(r.award.form));
		box.appendChild(facts);
		if (r.recipient_result) {
			var said = { pass: "yes", fail: "no" }[r.recipient_result] ||
			    "unknown";
			var p = el("p", "bv-recipient", label("recipient-" + said));
			p.setAttribute("data-recipient", said);
			box.appendChild(p);
		}
		ul = el("ul", "bv-checks");
		r.checks.forEach(function (c) {
			ul.appendChild(checkItem(c));
		});
		box.appendChild(ul);
		box.appendChild(fetchedList(res));
		box.appendChild(el("p", "bv-note", label("clock")));
		box.appendChild(el("p", "bv-note", label("time") + ": " +
		    res.ms + " ms"));
		return box;
	}

	function finish(node) {
		show(node);
		busy = false;
		button.disabled = !awardPath && !given;
	}

	function start() {
		if (busy || (!awardPath && !given))
			return;
		busy = true;
		button.disabled = true;
		show(el("p", "bv-running", label("running")));
		try {
			if (worker === null) {
				worker = new Worker(new URL(
				    "assets/verify-worker.js", root).href);
				worker.onmessage = function (ev) {
					if (ev.data.error)
						finish(failure(label("error"),
						    ev.data.error));
					else
						finish(render(ev.data.result));
				};
				worker.onerror = function (ev) {
					ev.preventDefault();
					worker = null;
					finish(failure(label("error"),
					    ev.message || ""));
				};
			}
			worker.postMessage({
				base: base,
				root: root,
				now: Date.now() / 1000,
				email: email && email.value.trim() !== "" ?
				    email.value.trim() : null,
				award: awardPath ? { path: awardPath } : given
			});
		} catch (e) {
			finish(failure(label("error"), String(e && e.message ||
			    e)));
		}
	}

	function take(file) {
		if (!file)
			return;
		var reader = new FileReader();
		reader.onload = function () {
			given = { name: file.name,
			    bytes: new Uint8Array(reader.result) };
			button.disabled = busy;
			start();
		};
		reader.readAsArrayBuffer(file);
	}

	var note = sec.querySelector(".bv-needs-js");
	var controls = sec.querySelector(".bv-controls");
	if (typeof Worker === "undefined" || typeof WebAssembly === "undefined") {
		show(failure(label("error"), ""));
		return;
	}
	if (note)
		note.hidden = true;
	if (controls)
		controls.hidden = false;
	button.addEventListener("click", start);
	if (fileInput) {
		fileInput.addEventListener("change", function () {
			take(fileInput.files[0]);
		});
		drop.addEventListener("dragover", function (ev) {
			ev.preventDefault();
			drop.classList.add("bv-drop-over");
		});
		drop.addEventListener("dragleave", function () {
			drop.classList.remove("bv-drop-over");
		});
		drop.addEventListener("drop", function (ev) {
			ev.preventDefault();
			drop.classList.remove("bv-drop-over");
			take(ev.dataTransfer.files[0]);
		});
	}
}());
