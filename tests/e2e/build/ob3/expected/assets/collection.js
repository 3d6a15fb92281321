/*
 * collection.js - the filter of a recipient's collection page.
 *
 * The page lists every award; without this script the whole list shows
 * and the filter form stays hidden.  The script reveals the form and
 * hides the list items whose data-filter tokens lack a chosen value.
 * The form's query (?issuer=...&year=...) is applied on load, so a
 * filtered view can be linked.  No other code is loaded.
 */
(function () {
	"use strict";
	var form = document.getElementById("collection-filter");
	if (!form || !form.querySelectorAll)
		return;
	var items = document.querySelectorAll("li[data-filter]");
	var empty = document.getElementById("collection-empty");
	var selects = form.querySelectorAll("select");

	function chosen() {
		var v = [], i;
		for (i = 0; i < selects.length; i++)
			if (selects[i].value !== "")
				v.push(selects[i].value);
		return v;
	}

	function apply() {
		var want = chosen(), shown = 0, i, k, have, ok;
		for (i = 0; i < items.length; i++) {
			have = " " + items[i].getAttribute("data-filter") + " ";
			ok = true;
			for (k = 0; k < want.length; k++)
				if (have.indexOf(" " + want[k] + " ") < 0)
					ok = false;
			items[i].hidden = !ok;
			if (ok)
				shown++;
		}
		if (empty)
			empty.hidden = shown > 0;
	}

	function fromQuery() {
		var q = window.location.search.replace(/^\?/, "").split("&");
		var i, j, kv, name, value;
		for (i = 0; i < q.length; i++) {
			kv = q[i].split("=");
			if (kv.length !== 2)
				continue;
			name = kv[0];
			value = kv[1];
			if (!/^[a-z0-9-]+$/.test(value))
				continue;
			for (j = 0; j < selects.length; j++)
				if (selects[j].name === name &&
				    selects[j].querySelector(
				    "option[value=\"" + value + "\"]"))
					selects[j].value = value;
		}
	}

	form.addEventListener("change", apply);
	form.addEventListener("submit", function (e) {
		e.preventDefault();
		apply();
	});
	fromQuery();
	form.hidden = false;
	apply();
}());
