/* claimtrack desk: keyboard shortcuts for the review queue, the saved-filter form, and error toasts.
   No inline script anywhere (the CSP forbids it); this file and htmx are all the JavaScript. */
(function () {
  "use strict";

  function toast(text) {
    var box = document.getElementById("toast");
    if (!box) { return; }
    box.textContent = text;
    box.classList.add("on");
    window.setTimeout(function () { box.classList.remove("on"); }, 4000);
  }

  // htmx does not swap 4xx/5xx answers: show the one-line error the server rendered.
  document.addEventListener("htmx:responseError", function (ev) {
    var xhr = ev.detail.xhr;
    var doc = new DOMParser().parseFromString(xhr.responseText || "", "text/html");
    var msg = doc.querySelector(".error-message");
    toast(msg ? msg.textContent : "The server refused that (" + xhr.status + ").");
  });

  // Saving a filter saves what the filter form holds now (htmx may have changed it since the page loaded).
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.classList || !form.classList.contains("save-form")) { return; }
    var filters = document.getElementById("filters");
    if (!filters) { return; }
    var params = new URLSearchParams(new FormData(filters));
    Array.from(params.keys()).forEach(function (k) { if (!params.get(k)) { params.delete(k); } });
    form.querySelector("input[name=query]").value = params.toString();
  }, true);

  // Review queue: j/k move between cards, a/r/c/s decide the current one.
  var current = 0;
  function cards() { return Array.from(document.querySelectorAll("#queue .card")); }
  function open() { return cards().filter(function (c) { return !c.classList.contains("decided"); }); }
  function select(i) {
    var all = cards();
    if (!all.length) { return; }
    current = Math.max(0, Math.min(i, all.length - 1));
    all.forEach(function (c, n) { c.classList.toggle("current", n === current); });
    all[current].focus({ preventScroll: true });
    all[current].scrollIntoView({ block: "nearest", behavior: "smooth" });
  }
  function typing(ev) {
    var t = ev.target;
    return t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);
  }
  document.addEventListener("keydown", function (ev) {
    if (!document.getElementById("queue") || typing(ev) || ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var key = ev.key;
    if (key === "j") { select(current + 1); ev.preventDefault(); return; }
    if (key === "k") { select(current - 1); ev.preventDefault(); return; }
    if ("arcs".indexOf(key) < 0 || key.length !== 1) { return; }
    var card = cards()[current];
    var button = card && card.querySelector("button[data-key='" + key + "']");
    if (button) { button.click(); ev.preventDefault(); }
  });
  // After a decision htmx swaps the card: keep it marked, then move on to the next open card.
  document.addEventListener("htmx:afterSwap", function (ev) {
    if (!document.getElementById("queue")) { return; }
    var all = cards();
    var next = open()[0];
    var at = next ? all.indexOf(next) : current;
    for (var n = current; n < all.length; n++) {
      if (!all[n].classList.contains("decided")) { at = n; break; }
    }
    select(at);
  });
  document.addEventListener("DOMContentLoaded", function () { if (document.getElementById("queue")) { select(0); } });
})();
