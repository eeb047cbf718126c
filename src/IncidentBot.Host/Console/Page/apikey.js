// IncidentBot console: the API key, kept for this tab only.
//
// Outside Development the console's API needs the same key as every other /api route. The page takes it once from
// the address (#key=… or ?key=…), removes it from the address bar and history, and keeps it in sessionStorage (gone
// when the tab closes); console.js sends it as X-Api-Key and asks for it when the bot answers 401.
(function () {
  'use strict';

  const STORAGE = 'incidentbot.console.apiKey';

  function get() {
    try { return sessionStorage.getItem(STORAGE) || null; } catch (_) { return memory; }
  }

  function set(key) {
    memory = key || null;
    try {
      if (key) sessionStorage.setItem(STORAGE, key);
      else sessionStorage.removeItem(STORAGE);
    } catch (_) { /* storage disabled: the key lives as long as the page */ }
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
  window.incidentBotApiKey = Object.freeze({ get: get, set: set });
})();
