// The desk's behaviour, with no inline script anywhere (the CSP forbids it):
//   * the user token, kept in this browser's localStorage, sent as a Bearer header on writes;
//   * forms marked data-api post their fields as JSON to that endpoint, then reload;
//   * a click on an element with data-ref marks and scrolls to its evidence span(s);
//   * keys: j/k next/previous (list rows or incidents), Enter opens, a approve, r reject.
// Report text is only ever inserted with textContent, never as markup.
(function () {
  "use strict";
  var TOKEN_KEY = "tallied-token";
  var tokenInput = document.getElementById("token");
  var statusBox = document.getElementById("status");

  function token() { return window.localStorage.getItem(TOKEN_KEY) || ""; }

  if (tokenInput) {
    tokenInput.value = token();
    tokenInput.addEventListener("change", function () {
      window.localStorage.setItem(TOKEN_KEY, tokenInput.value.trim());
    });
    document.getElementById("token-form").addEventListener("submit", function (e) {
      e.preventDefault();
      window.localStorage.setItem(TOKEN_KEY, tokenInput.value.trim());
      say("token saved in this browser", "ok");
    });
  }

  function say(message, kind) {
    if (!statusBox) { return; }
    statusBox.textContent = message;
    statusBox.className = kind || "";
  }

  function post(url, body) {
    var headers = { "Content-Type": "application/json", "Accept": "application/json" };
    var t = token();
    if (t) { headers["Authorization"] = "Bearer " + t; }
    return fetch(url, { method: "POST", headers: headers, body: JSON.stringify(body || {}),
                        credentials: "same-origin" })
      .then(function (r) {
        return r.json().catch(function () { return { ok: false, error: "HTTP " + r.status }; });
      })
      .then(function (data) {
        if (data && data.ok) {
          say(data.message || "saved", "ok");
          if (data.redirect) { window.location.assign(data.redirect); }
          else { window.location.reload(); }
        } else {
          say((data && data.error) || "the request failed", "error");
        }
        return data;
      })
      .catch(function (err) { say("network error: " + err, "error"); });
  }
  window.talliedPost = post;

  // forms that write through the API
  document.querySelectorAll("form[data-api]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var body = {};
      new FormData(form).forEach(function (value, key) {
        if (value === "") { return; }
        if (form.dataset.list && form.dataset.list.split(" ").indexOf(key) >= 0) {
          (body[key] = body[key] || []).push(value);
        } else {
          body[key] = value;
        }
      });
      post(form.dataset.api, body);
    });
  });

  // click on a field -> mark its evidence and scroll to it
  function markRef(ref) {
    document.querySelectorAll(".ev.marked").forEach(function (el) { el.classList.remove("marked"); });
    var spans = Array.prototype.filter.call(document.querySelectorAll(".ev"), function (el) {
      return (el.dataset.refs || "").split(" ").indexOf(ref) >= 0;
    });
    spans.forEach(function (el) { el.classList.add("marked"); });
    if (spans.length) { spans[0].scrollIntoView({ block: "center" }); }
    else { say("no evidence span for this field", ""); }
  }
  document.querySelectorAll("[data-ref]").forEach(function (el) {
    el.addEventListener("click", function (e) {
      if (e.target.closest("a, button, input, select, textarea, form")) { return; }
      markRef(el.dataset.ref);
    });
  });

  // list rows open on click
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-href]"));
  rows.forEach(function (row) {
    row.addEventListener("click", function (e) {
      if (e.target.closest("a, button, input")) { return; }
      window.location.assign(row.dataset.href);
    });
  });
  var current = rows.length ? 0 : -1;
  function select(i) {
    if (!rows.length) { return; }
    current = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach(function (r) { r.classList.remove("selected"); });
    rows[current].classList.add("selected");
    rows[current].scrollIntoView({ block: "nearest" });
  }
  if (rows.length) { select(0); }

  function follow(rel) {
    var link = document.querySelector("a[rel~='" + rel + "']");
    if (link) { window.location.assign(link.href); }
  }

  var review = document.querySelector("[data-review]");
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) { return; }
    if (e.key === "j") { if (rows.length) { select(current + 1); } else { follow("next"); } }
    else if (e.key === "k") { if (rows.length) { select(current - 1); } else { follow("prev"); } }
    else if (e.key === "Enter" && rows.length && current >= 0) { window.location.assign(rows[current].dataset.href); }
    else if (e.key === "a" && review) { post(review.dataset.review + "/approve", {}); }
    else if (e.key === "r" && review) {
      var reason = document.getElementById("reject-reason");
      if (reason && reason.value.trim()) { post(review.dataset.review + "/reject", { reason: reason.value.trim() }); }
      else if (reason) { reason.focus(); say("give a reason to reject, then press r again or Reject", ""); }
    } else { return; }
    e.preventDefault();
  });
})();
