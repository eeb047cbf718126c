// IncidentBot console: the API key, kept for this tab only.
//
// Outside Development the console's API needs the same key as every other /api route. The page takes it once from
// the address (#key=… or ?key=…), removes it from the address bar and history, and keeps it in sessionStorage (gone
// when the tab closes); console.js sends it as X-Api-Key and asks for it when the bot answers 401. Pages under
// /incidents (the review page, opened as a plain link in a new tab) cannot get a header, so the key is also a session
// cookie for that path only (incidentbot_key; SameSite=Strict, so no other site's link sends it), dropped with the key.
(function () {
  'use strict';

  const STORAGE = 'incidentbot.console.apiKey';

  function get() {
    try { return sessionStorage.getItem(STORAGE) || null; } catch (_) { return memory; }
  }

  function set(key) {
    memory = key || null;
    setCookie(memory);
    try {
      if (key) sessionStorage.setItem(STORAGE, key);
      else sessionStorage.removeItem(STORAGE);
    } catch (_) { /* storage disabled: the key lives as long as the page */ }
  }

  function setCookie(key) {
    const secure = window.location.protocol === 'https:' ? '; Secure' : '';
    document.cookie = key
      ? 'incidentbot_key=' + encodeURIComponent(key) + '; path=/incidents; SameSite=Strict' + secure
      : 'incidentbot_key=; path=/incidents; Max-Age=0; SameSite=Strict' + secure;
  }

  function takeFromAddress() {
    const url = new URL(window.location.href);
    const fromFragment = new URLSearchParams(url.hash.replace(/^#/, '')).get('key');
    const fromQuery = url.searchParams.get('key');
    const key = fromFragment || fromQuery;
    if (!key) return;
    set(key);
    url.searchParams.delete('key');
    url.hash = '';
    window.history.replaceState(null, '', url.pathname + url.search);
  }

  let memory = null;
  takeFromAddress();
  if (get()) setCookie(get()); // a reloaded tab keeps its key in sessionStorage; the cookie may have gone with the browser
  window.incidentBotApiKey = Object.freeze({ get: get, set: set });
})();
