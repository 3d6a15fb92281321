/*
 * badgegen.js - the copy buttons of an award page's share section and
 * its print control.
 *
 * The page works without it: every value is in a readonly input or
 * textarea that can be selected and copied by hand, and the copy
 * buttons stay hidden.  With it, the buttons appear; a button copies
 * the value of the element named by its data-copy attribute with the
 * Clipboard API, or, where that is missing or refused, selects the
 * value and tries the older copy command, and announces the
 * data-copied text of #copy-status (an aria-live region).  Focusing a
 * value selects all of it.  A button with a data-print attribute (the
 * print control, hidden without the script) opens the browser's print
 * dialog; the stylesheet prints the award's certificate.  No
 * dependencies, nothing loaded, nothing sent.
 */
(function () {
	"use strict";

	var status = document.getElementById("copy-status");
	var timer = null;

	function announce() {
		if (!status)
			return;
		status.textContent = "";
		if (timer !== null)
			window.clearTimeout(timer);
		/* A change of text, even to the same words, is read again. */
		timer = window.setTimeout(function () {
			status.textContent = status.getAttribute("data-copied") || "";
			timer = null;
		}, 50);
	}

	function selectAll(el) {
		el.focus();
		el.select();
		if (el.setSelectionRange)
			el.setSelectionRange(0, el.value.length);
	}

	/* Selects the value and tries the copy command; the selection stays. */
	function fallback(el) {
		var ok = false;

		selectAll(el);
		try {
			ok = document.execCommand("copy");
		} catch (e) {
			ok = false;
		}
		if (ok)
			announce();
	}

	function copy(el) {
		if (navigator.clipboard && window.isSecureContext) {
			navigator.clipboard.writeText(el.value).then(announce,
			    function () { fallback(el); });
		} else {
			fallback(el);
		}
	}

	function init() {
		var buttons = document.querySelectorAll("button[data-copy]");
		var inputs = document.querySelectorAll(".copy-input");
		var prints = document.querySelectorAll("button[data-print]");
		var i;

		for (i = 0; i < buttons.length; i++) {
			buttons[i].hidden = false;
			buttons[i].addEventListener("click", function (ev) {
				var id = ev.currentTarget.getAttribute("data-copy");
				var el = document.getElementById(id);

				if (el)
					copy(el);
			});
		}
		for (i = 0; i < prints.length; i++) {
			prints[i].hidden = false;
			prints[i].addEventListener("click", function () {
				window.print();
			});
		}
		for (i = 0; i < inputs.length; i++) {
			inputs[i].addEventListener("focus", function (ev) {
				ev.currentTarget.select();
			});
		}
	}

	if (document.readyState === "loading")
		document.addEventListener("DOMContentLoaded", init);
	else
		init();
}());
