// Drafts that survive a lost connection. The form (data-autosave) is saved by htmx as the person types; when a
// save fails, a copy of the form stays in this browser (localStorage), the person is told in plain words, and
// the save is tried again when the browser is back online. On load, a copy newer than the server's is offered
// back. Buttons that act on the saved draft (data-save-first) wait for the last changes to be saved.
// Without JavaScript the form still works: its button posts it and the page comes back.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.htmx) { return; }
  var key = "entretemps:" + form.dataset.autosave;
  var status = document.getElementById("autosave-status");
  var offer = document.getElementById("autosave-restore");
  var edits = 0;          // changes typed since the page opened
  var savedEdits = 0;     // changes the server has
  var sentEdits = 0;      // changes in the request under way
  var inFlight = false;
  var failed = false;     // the last save failed: a copy is kept, a retry is due
  var retryTimer = null;
  var waiting = null;     // a form to submit once the draft is saved

  function store() {
    try { return window.localStorage; } catch (error) { return null; }
  }

  function fields() {
    var values = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrf_token" && name !== "version" && typeof value === "string") { values.push([name, value]); }
    });
    return values;
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  function keepCopy() {
    var storage = store();
    if (!storage) { return; }
    try {
      storage.setItem(key, JSON.stringify({
        savedAt: new Date().toISOString(), version: form.dataset.version, fields: fields()
      }));
    } catch (error) { /* storage full or refused: the message still tells the person */ }
  }

  function readCopy() {
    var storage = store();
    if (!storage) { return null; }
    try { return JSON.parse(storage.getItem(key) || "null"); } catch (error) { return null; }
  }

  function dropCopy() {
    var storage = store();
    if (storage) { storage.removeItem(key); }
  }

  function say(text, problem) {
    if (!status) { return; }
    status.textContent = text;
    status.dataset.state = problem ? "problem" : "info";  // what the browser says itself (tests read it)
    status.classList.toggle("text-danger-emphasis", !!problem);
  }

  function ours(event) {
    var detail = event.detail || {};
    var source = (detail.requestConfig && detail.requestConfig.elt) || detail.elt;
    return source === form;
  }

  function saveNow() { htmx.trigger(form, "autosave-now"); }

  function scheduleRetry(delay) {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(function () {
      if (failed && navigator.onLine !== false) { saveNow(); }
    }, delay);
  }

  function release(success) {
    var next = waiting;
    waiting = null;
    if (next && success) { next.requestSubmit ? next.requestSubmit() : next.submit(); }
  }

  // While saves fail (or the browser knows it is offline), every change is kept here at once.
  function changed() {
    edits += 1;
    if (failed || navigator.onLine === false) { keepCopy(); }
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);

  document.body.addEventListener("htmx:beforeRequest", function (event) {
    if (!ours(event)) { return; }
    inFlight = true;
    sentEdits = edits;
  });

  // A refusal (409: closed, frozen or changed elsewhere; 422: a field to correct) carries a message to show.
  // An answer from another address (the sign-in page: the session has ended) is no save at all.
  var signedOut = false;
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    if (!ours(event)) { return; }
    var xhr = event.detail.xhr;
    var code = xhr && xhr.status;
    signedOut = !!(xhr && xhr.responseURL && xhr.responseURL.indexOf(form.getAttribute("hx-post")) === -1);
    if (signedOut) {
      event.detail.shouldSwap = false;
      event.detail.isError = true;
    } else if (code === 409 || code === 422) {
      event.detail.shouldSwap = true;
    }
  });

  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (!ours(event)) { return; }
    var saved = status && status.querySelector("[data-state='saved'][data-version]");
    if (saved) {
      form.dataset.version = saved.dataset.version;
      form.dataset.updated = saved.dataset.updated || form.dataset.updated;
    }
  });

  document.body.addEventListener("htmx:sendError", function (event) {
    if (!ours(event)) { return; }
    failed = true;
    keepCopy();
    say(form.dataset.msgOffline, true);
    if (navigator.onLine !== false) { scheduleRetry(15000); }
  });

  document.body.addEventListener("htmx:responseError", function (event) {
    if (!ours(event)) { return; }
    keepCopy();
    var code = event.detail.xhr && event.detail.xhr.status;
    if (code === 409 || code === 422) { failed = false; return; }  // the server said why; retrying would not help
    if (signedOut || (code >= 400 && code < 500)) {  // signed out, or the page's form has expired: reload it
      failed = false;
      say(signedOut ? form.dataset.msgSignedOut : form.dataset.msgReload, true);
      return;
    }
    failed = true;
    say(form.dataset.msgFailed, true);
    scheduleRetry(20000);
  });

  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (!ours(event)) { return; }
    inFlight = false;
    var success = !!(event.detail && event.detail.successful);
    if (success) {
      failed = false;
      savedEdits = Math.max(savedEdits, sentEdits);
      if (savedEdits >= edits) { dropCopy(); }
    }
    if (waiting && success && savedEdits < edits) { saveNow(); return; }  // typed during the save: once more
    release(success);
  });

  window.addEventListener("online", function () {
    if (failed) { say(form.dataset.msgRetrying, false); saveNow(); }
  });
  window.addEventListener("offline", function () {
    if (edits > savedEdits) { keepCopy(); }
    say(form.dataset.msgOffline, true);
  });
  // Leaving with changes the server does not have yet: keep them here, to offer them back next time.
  window.addEventListener("pagehide", function () {
    if (edits > savedEdits || failed) { keepCopy(); }
  });

  // The form's own button and the buttons that act on the saved draft wait for the changes to be saved.
  function holdUntilSaved(event) {
    var target = event.target;
    if (!inFlight && edits <= savedEdits && !failed) { return; }
    if (target === form && !inFlight) { return; }  // a normal post carries every field itself
    event.preventDefault();
    waiting = target;
    say(form.dataset.msgWaiting, false);
    if (!inFlight) { saveNow(); }
  }
  form.addEventListener("submit", holdUntilSaved);
  document.querySelectorAll("form[data-save-first]").forEach(function (other) {
    other.addEventListener("submit", holdUntilSaved);
  });

  // On load: a copy newer than what the server has, and different from it, is offered back.
  function restore(copy) {
    var names = {};
    copy.fields.forEach(function (pair) { (names[pair[0]] = names[pair[0]] || []).push(pair[1]); });
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || element.name === "csrf_token" || element.name === "version") { return; }
      var values = names[element.name] || [];
      if (element.type === "checkbox" || element.type === "radio") {
        element.checked = values.indexOf(element.value) !== -1;
      } else if (element.tagName === "TEXTAREA" || element.tagName === "SELECT" || element.type === "text") {
        element.value = values.length ? values[0] : "";
      }
    });
    edits += 1;
  }

  function button(label, style, onClick) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "btn btn-sm " + style;
    element.textContent = label;
    element.addEventListener("click", onClick);
    return element;
  }

  var copy = readCopy();
  if (copy && copy.fields) {
    var newer = Number(copy.version) >= Number(form.dataset.version) ||
      Date.parse(copy.savedAt) > Date.parse(form.dataset.updated);
    if (!newer || same(copy.fields, fields())) {
      dropCopy();
    } else if (offer) {
      var when;
      try {
        when = new Date(copy.savedAt).toLocaleString(document.documentElement.lang || undefined,
          { timeZone: "Europe/Brussels", dateStyle: "medium", timeStyle: "short" });
      } catch (error) { when = new Date(copy.savedAt).toLocaleString(); }
      var text = document.createElement("p");
      text.className = "mb-2";
      text.textContent = form.dataset.msgRestore.replace("{time}", when);
      var actions = document.createElement("div");
      actions.className = "d-flex flex-wrap gap-2";
      actions.appendChild(button(form.dataset.msgRestoreButton, "btn-primary", function () {
        restore(copy);
        offer.hidden = true;
        say(form.dataset.msgRestored, false);
        saveNow();
      }));
      actions.appendChild(button(form.dataset.msgDiscardButton, "btn-outline-secondary", function () {
        dropCopy();
        offer.hidden = true;
      }));
      offer.replaceChildren(text, actions);
      offer.hidden = false;
    }
  }
})();
