// IncidentBot readiness page: GET /api/readiness (the seven points per service) and a button per runbook of each
// service that starts a drill through the console's own API (POST /api/console/messages, as the chosen person), so a
// drill is recorded exactly like one typed in a thread: who started it, from which surface. Everything from the bot
// is put on the page as text (textContent), never as markup.
(function () {
  'use strict';

  const el = {
    overall: document.getElementById('overall'),
    filter: document.getElementById('service-filter'),
    person: document.getElementById('person'),
    refresh: document.getElementById('refresh'),
    generated: document.getElementById('generated'),
    status: document.getElementById('status'),
    result: document.getElementById('drill-result'),
    services: document.getElementById('services'),
  };
  const PERSON = 'incidentbot.console.person';
  let runbooks = [];

  function node(tag, className, text) {
    const n = document.createElement(tag);
    if (className) n.className = className;
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }

  function verdictBadge(verdict, testid) {
    const v = String(verdict || '').toLowerCase();
    const badge = node('span', 'verdict ' + v, v);
    if (testid) badge.dataset.testid = testid;
    return badge;
  }

  /** fetch with the API key (apikey.js); on 401 asks once for a key and retries. */
  async function call(url, init) {
    for (let attempt = 0; attempt < 2; attempt++) {
      const headers = Object.assign({ Accept: 'application/json' }, (init && init.headers) || {});
      const key = window.incidentBotApiKey.get();
      if (key) headers['X-Api-Key'] = key;
      const response = await fetch(url, Object.assign({ cache: 'no-store' }, init || {}, { headers: headers }));
      if (response.status !== 401 || attempt > 0) return response;
      const entered = window.prompt('The bot needs an API key (kept in this tab only):');
      if (!entered) return response;
      window.incidentBotApiKey.set(entered);
    }
    throw new Error('unreachable');
  }

  async function json(url, init) {
    const response = await call(url, init);
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (_) { data = null; }
    if (!response.ok) {
      const detail = data && (data.error || data.detail || data.title);
      throw new Error(detail || ('The bot answered ' + response.status + '.'));
    }
    return data;
  }

  function runbooksFor(service) {
    const s = service.toLowerCase();
    return runbooks.filter((r) => ((r.appliesTo && r.appliesTo.services) || []).some((x) => String(x).toLowerCase() === s));
  }

  function renderService(entry) {
    const section = node('section', 'service');
    section.dataset.testid = 'service';
    section.dataset.service = entry.service;
    const head = node('div', 'service-head');
    head.appendChild(node('h2', null, entry.service));
    head.appendChild(verdictBadge(entry.verdict, 'service-verdict'));
    const drills = node('div', 'drills');
    for (const r of runbooksFor(entry.service)) {
      const button = node('button', null, 'Start a drill of ' + r.id);
      button.type = 'button';
      button.dataset.testid = 'drill';
      button.dataset.runbook = r.id;
      button.title = 'Starts a practice incident of ' + r.title + ' against the drill settings; it is marked as a drill everywhere and never counted as a real incident.';
      button.addEventListener('click', () => startDrill(button, r.id, entry.service));
      drills.appendChild(button);
    }
    head.appendChild(drills);
    section.appendChild(head);

    const list = node('ol', 'points');
    for (const p of entry.points || []) {
      const item = node('li', 'point');
      item.dataset.testid = 'point';
      item.dataset.number = p.number;
      item.dataset.verdict = String(p.verdict || '').toLowerCase();
      item.appendChild(verdictBadge(p.verdict));
      const body = node('div', 'point-body');
      body.appendChild(node('div', 'point-name', p.number + '. ' + p.name));
      if ((p.facts || []).length) {
        const facts = node('ul', 'facts');
        for (const f of p.facts) facts.appendChild(node('li', null, f));
        body.appendChild(facts);
      }
      if ((p.actions || []).length) {
        const actions = node('ul', 'actions');
        for (const a of p.actions) actions.appendChild(node('li', null, a));
        body.appendChild(actions);
      }
      item.appendChild(body);
      list.appendChild(item);
    }
    section.appendChild(list);
    return section;
  }

  async function load() {
    el.status.textContent = 'Checking…';
    el.status.hidden = false;
    const service = el.filter.value;
    try {
      const report = await json('/api/readiness' + (service ? '?service=' + encodeURIComponent(service) : ''));
      el.services.replaceChildren(...(report.services || []).map(renderService));
      el.overall.replaceWith(el.overall = Object.assign(verdictBadge(report.verdict, 'overall'), { id: 'overall' }));
      el.generated.textContent = 'Checked ' + new Date(report.generatedUtc).toLocaleString() + '. Any failing point makes incidentbot readiness exit 1.';
      el.status.hidden = true;
      if (!service) {
        const names = (report.services || []).map((s) => s.service);
        const current = Array.from(el.filter.options).slice(1).map((o) => o.value);
        if (names.join('\n') !== current.join('\n')) {
          el.filter.replaceChildren(node('option', null, 'All services'), ...names.map((n) => Object.assign(node('option', null, n), { value: n })));
          el.filter.options[0].value = '';
        }
      }
    } catch (e) {
      el.status.textContent = 'The readiness report could not be loaded: ' + e.message;
    }
  }

  async function startDrill(button, runbook, service) {
    const person = el.person.value;
    if (!person) return;
    button.disabled = true;
    el.result.hidden = true;
    el.result.classList.remove('refused');
    try {
      const answer = await json('/api/console/messages', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: person, text: '/incident drill ' + runbook + ' service=' + service, thread: null }),
      });
      el.result.replaceChildren();
      if (answer && answer.incidentId) {
        el.result.appendChild(node('span', null, 'Drill ' + answer.incidentId + ' started for ' + service + '. '));
        const link = node('a', null, 'Open its thread in the console');
        link.href = '/console#' + encodeURIComponent(answer.incidentId);
        link.dataset.testid = 'drill-thread';
        el.result.appendChild(link);
      } else {
        const card = answer && answer.replies && answer.replies[0] && answer.replies[0].card;
        el.result.classList.add('refused');
        el.result.textContent = card ? [card.title, card.text].filter(Boolean).join(': ') : 'The bot did not start the drill.';
      }
    } catch (e) {
      el.result.classList.add('refused');
      el.result.textContent = 'The drill could not be started: ' + e.message;
    } finally {
      el.result.hidden = false;
      button.disabled = false;
    }
  }

  async function start() {
    try {
      const [people, books] = await Promise.all([json('/api/console/people'), json('/api/runbooks')]);
      runbooks = books || [];
      const remembered = (function () { try { return localStorage.getItem(PERSON); } catch (_) { return null; } })();
      el.person.replaceChildren(...(people || []).map((p) => Object.assign(node('option', null, p.name), { value: p.id })));
      if (remembered && (people || []).some((p) => p.id === remembered)) el.person.value = remembered;
    } catch (e) {
      el.status.textContent = 'The console API could not be reached: ' + e.message;
      return;
    }
    el.person.addEventListener('change', () => { try { localStorage.setItem(PERSON, el.person.value); } catch (_) { /* private mode */ } });
    el.filter.addEventListener('change', load);
    el.refresh.addEventListener('click', load);
    await load();
  }

  start();
})();
