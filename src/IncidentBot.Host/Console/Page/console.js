// IncidentBot local console: a Slack-like thread that talks to the bot's console API.
//
// Every string that comes from the server (incident titles, card text, people's names) is put in the page with
// textContent or as an attribute value, never as HTML: incident titles are typed by anyone and are hostile input.
// The file therefore never uses innerHTML, insertAdjacentHTML or document.write.
(function () {
  'use strict';

  const CHANNEL = '#incidents';          // thread key of the channel itself (messages posted with thread = null)
  const STREAM_RETRY_MS = 1000;          // reconnect delay after the room's stream ended; doubles on failures
  const STREAM_SILENCE_MS = 45000;       // three missed heartbeats (15 s by default; the ready event says): the connection is dead
  const INCIDENTS_INTERVAL_MS = 5000;
  const MAX_BACKOFF_MS = 10000;

  const state = {
    people: [],
    person: null,                        // id of the selected person
    thread: CHANNEL,                     // key of the selected thread
    threads: new Map(),                  // key -> { key, title, state, severity, nodes: [], unread: 0, past: null }
    roomAfter: 0,                        // id of the last room entry received; a reconnect resumes after it
    streamSilenceMs: STREAM_SILENCE_MS,  // no byte for this long: the stream is dead, reconnect
    tab: newTabId(),                     // sent with this page's posts; the room's copies of them are skipped here
    filter: 'all',                       // which incidents the thread list shows: all | open | closed
    listLoads: 0,
  };

  // The thread list's filter as GET /api/incidents?state=… (closed lists cancelled incidents too).
  const FILTERS = { all: '', open: 'open', closed: 'closed,cancelled' };

  const el = {};

  document.addEventListener('DOMContentLoaded', start);

  function start() {
    for (const id of ['person', 'person-avatar', 'person-groups', 'thread-list', 'thread-title', 'thread-state',
      'thread-subtitle', 'review-link', 'timeline-link', 'messages', 'composer-form', 'composer', 'send', 'composer-person',
      'composer-thread', 'modal', 'modal-form', 'modal-title', 'modal-text', 'modal-input-row', 'modal-input-label',
      'modal-input', 'modal-error', 'modal-cancel', 'modal-confirm', 'thread-filter']) {
      el[camel(id)] = document.getElementById(id);
    }
    el.connection = document.querySelector('[data-testid="connection"]');

    threadFor(CHANNEL);
    el.person.addEventListener('change', () => selectPerson(el.person.value));
    let filter = null;
    try { filter = localStorage.getItem('incidentbot.console.filter'); } catch (_) { /* storage disabled */ }
    state.filter = Object.hasOwn(FILTERS, filter) ? filter : 'all';
    el.threadFilter.value = state.filter;
    el.threadFilter.addEventListener('change', () => selectFilter(el.threadFilter.value));
    el.timelineLink.addEventListener('click', openExport);
    el.composerForm.addEventListener('submit', onComposerSubmit);
    el.composer.addEventListener('keydown', (event) => {
      // Enter sends (the form's implicit submission does that too; this keeps IME composition safe).
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        el.composerForm.requestSubmit();
      }
    });

    renderThreadList();
    // The open thread is kept in the address (#INC-3), so a reload reopens it and loads its history again.
    const remembered = decodeURIComponent(location.hash.slice(1)).toUpperCase();
    selectThread(/^INC-\d+$/.test(remembered) ? remembered : CHANNEL);
    loadPeople();
    refreshIncidents();
    streamRoom();
    setInterval(refreshIncidents, INCIDENTS_INTERVAL_MS);
    el.composer.focus();
  }

  // ---------------------------------------------------------------- people

  async function loadPeople() {
    try {
      const people = await getJson('/api/console/people');
      state.people = Array.isArray(people) ? people : [];
    } catch (error) {
      state.people = [];
      addSystemMessage(CHANNEL, 'Could not load people: ' + error.message, true);
    }
    el.person.replaceChildren();
    for (const p of state.people) {
      const option = document.createElement('option');
      option.value = p.id;
      option.textContent = p.name || p.id;
      el.person.append(option);
    }
    let remembered = null;
    try { remembered = localStorage.getItem('incidentbot.console.person'); } catch (_) { /* storage disabled */ }
    const initial = state.people.some((p) => p.id === remembered) ? remembered : (state.people[0] || {}).id;
    if (initial) {
      el.person.value = initial;
      selectPerson(initial);
    }
  }

  function selectPerson(id) {
    state.person = id;
    try { localStorage.setItem('incidentbot.console.person', id); } catch (_) { /* storage disabled */ }
    const p = personById(id);
    el.personAvatar.textContent = initialOf(p ? p.name : id);
    el.personAvatar.style.background = colourFor(id);
    el.personGroups.textContent = p && Array.isArray(p.groups) && p.groups.length ? p.groups.join(' · ') : '';
    el.composerPerson.textContent = p ? p.name : id;
    // Ephemeral messages are for one person; show whose they are for the person now selected.
    for (const t of state.threads.values()) {
      for (const node of t.nodes) updateEphemeralMark(node);
    }
  }

  function personById(id) {
    return state.people.find((p) => p.id === id) || null;
  }

  function personName(id) {
    const p = personById(id);
    return p ? p.name : id;
  }

  // ---------------------------------------------------------------- threads

  function threadFor(key) {
    let t = state.threads.get(key);
    if (!t) {
      t = { key: key, title: '', state: null, severity: null, nodes: [], unread: 0, past: null, pastLoads: 0,
        newest: new Map(), live: [] };  // newest card version per incident; cards not superseded yet
      state.threads.set(key, t);
      if (key !== CHANNEL) {
        t.intro = incidentIntro(key);
        renderThreadList();
      } else {
        t.intro = channelIntro();
      }
    }
    return t;
  }

  function selectFilter(value) {
    state.filter = Object.hasOwn(FILTERS, value) ? value : 'all';
    try { localStorage.setItem('incidentbot.console.filter', state.filter); } catch (_) { /* storage disabled */ }
    refreshIncidents();
  }

  async function refreshIncidents() {
    const load = ++state.listLoads;      // an older answer (another filter) never replaces a newer one
    const states = FILTERS[state.filter];
    let incidents;
    try {
      incidents = await getJson('/api/incidents' + (states ? '?state=' + encodeURIComponent(states) : ''));
    } catch (_) {
      return; // the room's stream reports connection trouble; the list stays as it was
    }
    if (!Array.isArray(incidents) || load !== state.listLoads) return;
    // With a filter, only the incidents it returned are listed; without one, every thread the page knows is (one
    // just declared may not be in the answer yet).
    for (const t of state.threads.values()) t.listed = !states;
    for (const incident of incidents) {
      if (!incident || typeof incident.id !== 'string') continue;
      const t = threadFor(incident.id);
      t.title = typeof incident.title === 'string' ? incident.title : '';
      t.state = typeof incident.state === 'string' ? incident.state : null;
      t.severity = incident.severity == null ? null : String(incident.severity);
      t.number = typeof incident.number === 'number' ? incident.number : numberOf(incident.id);
      t.listed = true;
    }
    renderThreadList();
    renderHeader();
  }

  function renderThreadList() {
    if (!el.threadList) return;
    // Threads outside the filter are hidden, except the open one (a thread never vanishes under the reader).
    const incidents = [...state.threads.values()]
      .filter((t) => t.key !== CHANNEL && (t.listed !== false || t.key === state.thread));
    incidents.sort((a, b) => (numberOf(b.key) - numberOf(a.key)) || a.key.localeCompare(b.key));
    const items = [state.threads.get(CHANNEL), ...incidents].filter(Boolean);
    el.threadList.replaceChildren(...items.map(threadItem));
  }

  function threadItem(t) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'thread' + (t.unread ? ' has-unread' : '');
    button.dataset.testid = 'thread';
    button.dataset.thread = t.key;
    if (t.key === state.thread) button.setAttribute('aria-current', 'true');
    button.addEventListener('click', () => selectThread(t.key));

    const icon = document.createElement('span');
    icon.className = 'thread-icon';
    icon.setAttribute('aria-hidden', 'true');
    icon.textContent = t.key === CHANNEL ? '#' : '↳';

    const label = document.createElement('span');
    label.className = 'thread-label';
    const name = document.createElement('span');
    name.className = 'thread-name';
    name.textContent = t.key === CHANNEL ? 'incidents' : t.key;
    label.append(name);
    if (t.key !== CHANNEL && t.title) {
      const title = document.createElement('span');
      title.className = 'thread-title';
      title.textContent = t.title;
      label.append(title);
    }
    button.append(icon, label);

    if (t.state) button.append(badge(t.state));
    if (t.unread) {
      const unread = document.createElement('span');
      unread.className = 'unread';
      unread.textContent = String(t.unread);
      unread.setAttribute('aria-label', t.unread + ' unread');
      button.append(unread);
    }
    li.append(button);
    return li;
  }

  function badge(incidentState) {
    const span = document.createElement('span');
    span.className = 'badge';
    span.dataset.state = incidentState;
    span.textContent = humanize(incidentState);
    return span;
  }

  function selectThread(key) {
    const t = threadFor(key);
    state.thread = key;
    t.unread = 0;
    showThread(t);
    renderThreadList();
    renderHeader();
    try {
      window.history.replaceState(null, '', key === CHANNEL ? location.pathname + location.search : '#' + key);
    } catch (_) { /* not allowed here (e.g. a sandboxed frame); the thread is just not remembered */ }
    if (key !== CHANNEL) loadPast(key);
  }

  /** Shows a thread: its intro, its history from storage (when loaded), then the messages seen live on this page. */
  function showThread(t) {
    el.messages.replaceChildren(...[t.intro, t.past, ...t.nodes].filter(Boolean));
    scrollToBottom();
  }

  // ---------------------------------------------------------------- history

  /**
   * Loads the thread's history from storage (every evidence event, and the incident's card as it is now) each time
   * the thread is opened, so the page shows what happened before it was open and the card is current.
   */
  async function loadPast(key) {
    const t = threadFor(key);
    const load = ++t.pastLoads;          // a slower, older answer never replaces a newer one
    let data;
    try {
      data = await getJson('/api/console/threads/' + encodeURIComponent(key) + '/history');
    } catch (_) {
      return; // no history (unknown incident, bot unreachable): the live messages are all there is
    }
    if (load !== t.pastLoads || !data || !Array.isArray(data.entries)) return;
    const old = t.past;
    if (old) t.live = t.live.filter((card) => !old.contains(card));
    t.past = renderPast(key, data);
    for (const card of t.past.querySelectorAll('.card[data-key]')) trackCard(t, card);
    if (state.thread === key) showThread(t);
  }

  function renderPast(key, data) {
    const section = document.createElement('section');
    section.className = 'history';
    section.dataset.testid = 'history';
    section.dataset.thread = key;
    section.setAttribute('aria-label', 'History of ' + key);
    const h = document.createElement('h3');
    h.className = 'history-title';
    h.textContent = 'History from the evidence log';
    const list = document.createElement('ol');
    list.className = 'history-list';
    for (const e of data.entries) {
      if (!e) continue;
      const li = document.createElement('li');
      li.className = 'history-entry';
      li.dataset.testid = 'history-entry';
      li.dataset.type = typeof e.type === 'string' ? e.type : '';
      const time = document.createElement('time');
      time.className = 'time';
      const at = new Date(e.time);
      if (!Number.isNaN(at.getTime())) {
        time.dateTime = at.toISOString();
        time.textContent = at.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
      }
      const who = document.createElement('span');
      who.className = 'history-actor';
      who.textContent = personName(String(e.actor || '?'));
      const where = document.createElement('span');
      where.className = 'history-surface';
      where.textContent = e.surface ? 'via ' + e.surface : '';
      const text = document.createElement('span');
      text.className = 'history-text';
      text.dataset.testid = 'history-text';
      text.textContent = String(e.text || '');
      li.append(time, who, where, text);
      list.append(li);
    }
    section.append(h, list);
    if (data.card) {
      // The card as it is now; marked apart from the cards of live messages, its buttons act like theirs.
      const card = renderCard(data.card, key);
      card.dataset.testid = 'current-card';
      card.classList.add('history-card');
      section.append(card);
    }
    return section;
  }

  function renderHeader() {
    const t = state.threads.get(state.thread);
    if (!t) return;
    const isChannel = t.key === CHANNEL;
    el.threadTitle.textContent = isChannel ? '#incidents' : (t.title ? t.key + ' · ' + t.title : t.key);
    el.threadSubtitle.textContent = isChannel
      ? 'Declare incidents here; each incident gets its own thread.'
      : 'Thread in #incidents' + (t.severity ? ' · ' + String(t.severity).toUpperCase() : '');
    if (!isChannel && t.state) {
      el.threadState.hidden = false;
      el.threadState.dataset.state = t.state;
      el.threadState.textContent = humanize(t.state);
    } else {
      el.threadState.hidden = true;
    }
    // The review page takes the key from the incidentbot_key cookie (apikey.js), so it is a plain link; the Markdown
    // timeline is an /api route, fetched with the key header (openExport).
    const incident = encodeURIComponent(t.key);
    for (const [link, href] of [[el.reviewLink, '/incidents/' + incident + '/review'],
      [el.timelineLink, '/api/incidents/' + incident + '/timeline?format=md']]) {
      link.hidden = isChannel;
      if (isChannel) link.removeAttribute('href');
      else link.href = href;
    }
    el.composerThread.textContent = isChannel ? '#incidents' : 'the ' + t.key + ' thread';
    el.composer.placeholder = isChannel ? 'Message #incidents — try /incident help' : 'Reply in ' + t.key + ' — /incident …';
    document.title = (isChannel ? '#incidents' : t.key) + ' · IncidentBot console';
  }

  function channelIntro() {
    const div = document.createElement('div');
    div.className = 'intro';
    const h = document.createElement('h2');
    h.textContent = '#incidents';
    const p1 = document.createElement('p');
    p1.textContent = 'This is the local console of IncidentBot. Pick who you are on the left, then talk to the bot.';
    const p2 = document.createElement('p');
    p2.append('Start with ', code('/incident declare <title> sev2 service=<name>'), ' or ', code('/incident help'), '.');
    div.append(h, p1, p2);
    return div;
  }

  function incidentIntro(key) {
    const div = document.createElement('div');
    div.className = 'intro';
    const h = document.createElement('h2');
    h.textContent = key;
    const p = document.createElement('p');
    p.textContent = 'Commands typed here are about ' + key + '. Buttons act as the person selected on the left.';
    div.append(h, p);
    return div;
  }

  function code(text) {
    const c = document.createElement('code');
    c.textContent = text;
    return c;
  }

  // ---------------------------------------------------------------- messages

  /** Adds a message node to a thread; shows it if the thread is open, else counts it as unread. */
  function appendToThread(key, node) {
    const t = threadFor(key);
    node.dataset.thread = key;
    t.nodes.push(node);
    for (const card of node.querySelectorAll('.card[data-key]')) trackCard(t, card);
    if (state.thread === key) {
      el.messages.append(node);
      scrollToBottom();
    } else {
      t.unread += 1;
      renderThreadList();
    }
  }

  function messageShell(author, at) {
    const div = document.createElement('div');
    div.className = 'message';
    div.dataset.testid = 'message';
    div.dataset.author = author.id;

    const avatar = document.createElement('span');
    avatar.className = 'avatar' + (author.kind === 'bot' ? ' avatar-bot' : author.kind === 'system' ? ' avatar-system' : '');
    avatar.setAttribute('aria-hidden', 'true');
    avatar.textContent = author.kind === 'bot' ? 'IB' : initialOf(author.name);
    if (author.kind === 'person') avatar.style.background = colourFor(author.id);

    const body = document.createElement('div');
    body.className = 'message-body';
    const meta = document.createElement('div');
    meta.className = 'message-meta';
    const name = document.createElement('span');
    name.className = 'author';
    name.textContent = author.name;
    meta.append(name);
    if (author.kind === 'bot') {
      const tag = document.createElement('span');
      tag.className = 'app-tag';
      tag.textContent = 'App';
      meta.append(tag);
    }
    const time = document.createElement('time');
    time.className = 'time';
    let when = at ? new Date(at) : new Date();
    if (Number.isNaN(when.getTime())) when = new Date();
    time.dateTime = when.toISOString();
    time.textContent = when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    meta.append(time);
    body.append(meta);
    div.append(avatar, body);
    return { div, body, meta };
  }

  function addUserMessage(key, personId, text, at) {
    const m = messageShell({ id: personId, name: personName(personId), kind: 'person' }, at);
    const p = document.createElement('div');
    p.className = 'message-text';
    p.textContent = text;
    m.body.append(p);
    appendToThread(key, m.div);
    return m.div;
  }

  function addBotCard(key, card, visibility, forPerson, at) {
    const m = messageShell({ id: 'incidentbot', name: 'IncidentBot', kind: 'bot' }, at);
    m.div.dataset.visibility = visibility;
    if (visibility === 'ephemeral') {
      m.div.dataset.for = forPerson || '';
      const tag = document.createElement('span');
      tag.className = 'ephemeral-tag';
      tag.dataset.testid = 'ephemeral';
      m.meta.append(tag);
      updateEphemeralMark(m.div);
    }
    m.body.append(renderCard(card, key));
    appendToThread(key, m.div);
    return m.div;
  }

  function addSystemMessage(key, text, isError) {
    const m = messageShell({ id: 'console', name: 'Console', kind: 'system' });
    m.div.dataset.visibility = 'ephemeral';
    const p = document.createElement('div');
    p.className = 'message-text' + (isError ? ' message-error' : '');
    p.textContent = text;
    m.body.append(p);
    appendToThread(key, m.div);
    return m.div;
  }

  /** A pointer to another thread that a command's replies went to (Slack's "replied in thread"). */
  function addThreadPointer(fromKey, incidentId, opened) {
    const m = messageShell({ id: 'incidentbot', name: 'IncidentBot', kind: 'bot' });
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'thread-link';
    button.dataset.testid = 'thread-link';
    button.dataset.target = incidentId;
    button.textContent = (opened ? 'Opened the ' : 'Replied in the ') + incidentId + ' thread →';
    button.addEventListener('click', () => selectThread(incidentId));
    m.body.append(button);
    appendToThread(fromKey, m.div);
  }

  function updateEphemeralMark(node) {
    if (node.dataset.visibility !== 'ephemeral' || node.dataset.for === undefined) return;
    const tag = node.querySelector('.ephemeral-tag');
    const mine = !node.dataset.for || node.dataset.for === state.person;
    node.classList.toggle('for-someone-else', !mine);
    if (tag) tag.textContent = mine ? 'Only visible to you' : 'Only visible to ' + personName(node.dataset.for);
  }

  function renderCard(card, threadKey) {
    card = card || {};
    const tone = ['info', 'success', 'warning', 'danger'].includes(card.tone) ? card.tone : 'info';
    const article = document.createElement('article');
    article.className = 'card';
    article.dataset.testid = 'card';
    article.dataset.tone = tone;
    if (card.incidentId) article.dataset.incident = card.incidentId;
    if (card.key) article.dataset.key = card.key;

    if (card.title) {
      const h = document.createElement('h3');
      h.className = 'card-title';
      h.textContent = card.title;
      article.append(h);
    }
    if (card.text) {
      const p = document.createElement('p');
      p.className = 'card-text';
      p.textContent = card.text;
      article.append(p);
    }
    if (Array.isArray(card.fields) && card.fields.length) {
      const dl = document.createElement('dl');
      dl.className = 'card-fields';
      for (const f of card.fields) {
        const div = document.createElement('div');
        div.className = 'card-field';
        const dt = document.createElement('dt');
        dt.textContent = f && f.label != null ? String(f.label) : '';
        const dd = document.createElement('dd');
        dd.textContent = f && f.value != null ? String(f.value) : '';
        div.append(dt, dd);
        dl.append(div);
      }
      article.append(dl);
    }
    if (Array.isArray(card.buttons) && card.buttons.length) {
      const row = document.createElement('div');
      row.className = 'card-buttons';
      for (const b of card.buttons) {
        if (!b || typeof b.command !== 'string') continue;
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'button' + (b.style === 'primary' ? ' button-primary' : b.style === 'danger' ? ' button-danger' : '');
        button.dataset.testid = 'card-button';
        button.dataset.command = b.command;
        button.textContent = b.label || b.command;
        button.title = b.command;
        button.addEventListener('click', () => onCardButton(card, b, button, threadKey, article));
        row.append(button);
      }
      article.append(row);
    }
    if (card.context) {
      const small = document.createElement('p');
      small.className = 'card-context';
      small.textContent = card.context;
      article.append(small);
    }
    return article;
  }

  // ---------------------------------------------------------------- sending

  async function onComposerSubmit(event) {
    event.preventDefault();
    const text = el.composer.value.trim();
    if (!text) return;
    if (!state.person) {
      addSystemMessage(state.thread, 'Pick who you are first (left column).', true);
      return;
    }
    el.composer.value = '';
    el.send.disabled = true;
    try {
      await send(text, state.thread, null);
    } finally {
      el.send.disabled = false;
      el.composer.focus();
    }
  }

  async function onCardButton(card, b, button, threadKey, article) {
    if (button.disabled) return;
    let command = b.command;
    if (b.confirm || b.inputPrompt) {
      const answer = await ask({
        title: (b.confirm && b.confirm.title) || b.label || 'Are you sure?',
        text: (b.confirm && b.confirm.text) || '',
        confirmLabel: (b.confirm && b.confirm.confirmLabel) || (b.inputPrompt ? 'Send' : 'Yes, do it'),
        denyLabel: (b.confirm && b.confirm.denyLabel) || 'Cancel',
        inputPrompt: b.inputPrompt || null,
        danger: b.style === 'danger',
      });
      if (answer === null) {
        button.focus();
        return;
      }
      if (b.inputPrompt) command = command + ' ' + answer;
    }
    if (!state.person) return;
    const thread = card.incidentId || (threadKey === CHANNEL ? null : threadKey);
    // Derived from the card's rendering key, so a double click (or a retry of the same click) applies once.
    // The person is part of it: two approvers clicking the same Approve button are two different approvals.
    // The typed text is not (the id stays short; a second reason for the same button of the same card is a repeat).
    const deliveryId = card.key ? 'console:' + card.key + ':' + state.person + ':' + b.command : null;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    try {
      await send(command, thread || CHANNEL, deliveryId);
    } finally {
      button.disabled = article.dataset.superseded === 'true'; // a newer card may have arrived meanwhile
      button.removeAttribute('aria-busy');
    }
  }

  /**
   * Posts one command as the selected person. The person's line appears at once in the thread it was typed in;
   * each reply goes to the thread of its card's incident, else to the same thread.
   */
  async function send(text, threadKey, deliveryId) {
    const person = state.person;
    // data-state on the person's own line: sending -> sent | failed (tests wait on it; the style greys it meanwhile).
    const line = addUserMessage(threadKey, person, text);
    line.dataset.state = 'sending';
    const body = { user: person, text: text, thread: threadKey === CHANNEL ? null : threadKey, tab: state.tab };
    if (deliveryId) body.deliveryId = deliveryId;

    let response;
    try {
      response = await postJson('/api/console/messages', body);
    } catch (error) {
      addSystemMessage(threadKey, 'Not sent: ' + error.message, true);
      line.dataset.state = 'failed';
      return;
    }

    const replies = Array.isArray(response && response.replies) ? response.replies : [];
    const incidentId = response && typeof response.incidentId === 'string' ? response.incidentId : null;
    const elsewhere = new Set();
    for (const reply of replies) {
      if (!reply || !reply.card) continue;
      const target = reply.card.incidentId || threadKey;
      const visibility = reply.visibility === 'ephemeral' ? 'ephemeral' : 'conversation';
      addBotCard(target, reply.card, visibility, person);
      if (target !== threadKey) elsewhere.add(target);
    }
    line.dataset.state = 'sent';
    const declared = incidentId !== null && /^\/incident\s+declare\b/i.test(text) && threadKey !== incidentId;
    for (const target of elsewhere) addThreadPointer(threadKey, target, declared && target === incidentId);
    if (declared) selectThread(incidentId);
    refreshIncidents();
  }

  // ---------------------------------------------------------------- the room, live

  /**
   * Reads the room's live stream (GET /api/console/stream, server-sent events) for as long as the page is open. It is
   * read with fetch rather than EventSource because EventSource cannot send the API key header. After a break it
   * reconnects with Last-Event-ID, so nothing is missed or shown twice (the bot sends exactly what came after it).
   */
  async function streamRoom() {
    let failures = 0;
    for (;;) {
      const connected = await readStream();
      failures = connected ? 0 : failures + 1;
      if (!connected) setConnection('offline');
      await sleep(Math.min(MAX_BACKOFF_MS, STREAM_RETRY_MS * 2 ** Math.min(failures, 4)));
    }
  }

  /** One connection; resolves true when the bot answered with a stream (it ended or broke later), false otherwise. */
  async function readStream() {
    const controller = new AbortController();
    let watchdog = 0;
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => controller.abort(), state.streamSilenceMs);
    };
    let connected = false;
    try {
      const headers = { Accept: 'text/event-stream' };
      let url = '/api/console/stream';
      if (state.roomAfter) headers['Last-Event-ID'] = String(state.roomAfter);
      else url += '?after=0';
      arm();
      const response = await call(url, { headers: headers, cache: 'no-store', signal: controller.signal });
      if (!response.ok || !response.body) {
        controller.abort();
        return false;
      }
      connected = true;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return true;
        arm();
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          onFrame(frame);
        }
      }
    } catch (_) {
      return connected;
    } finally {
      clearTimeout(watchdog);
    }
  }

  /** One server-sent event: id, event and data lines; comments (heartbeats) start with a colon. */
  function onFrame(frame) {
    let id = null;
    let event = 'message';
    const data = [];
    for (const line of frame.split('\n')) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (!data.length) return;
    let payload;
    try { payload = JSON.parse(data.join('\n')); } catch (_) { return; }
    if (event === 'ready') {
      const beat = Number(payload && payload.heartbeatMs);
      state.streamSilenceMs = Number.isFinite(beat) && beat > 0 ? Math.max(3 * beat, 1000) : STREAM_SILENCE_MS;
      setConnection('online');
    } else if (event === 'reset') {
      // What came after our cursor is no longer kept: the open thread's history from storage fills the gap.
      if (state.thread !== CHANNEL) loadPast(state.thread);
    } else if (event === 'message') {
      const n = Number(id);
      if (id !== null && Number.isFinite(n)) state.roomAfter = n;
      onRoomEntry(payload);
    }
  }

  /** A room entry: a person's line, the bot's public reply to it, or the bot's own notification. */
  function onRoomEntry(entry) {
    if (!entry || typeof entry.kind !== 'string') return;
    if (entry.tab && entry.tab === state.tab) return; // posted from this page: shown from the post's answer already
    const key = typeof entry.incidentId === 'string' && /^INC-\d+$/.test(entry.incidentId) ? entry.incidentId : CHANNEL;
    if (entry.kind === 'message') {
      const text = String(entry.text || '');
      addUserMessage(key, String(entry.user || '?'), text, entry.time);
      lastLine = { key: key, declare: /^\/incident\s+declare\b/i.test(text), pointed: new Set() };
    } else if (entry.card) {
      addBotCard(key, entry.card, 'conversation', null, entry.time);
      // A line's reply in another thread (a declaration opens one) leaves a pointer under the line, as for the poster.
      if (entry.kind === 'reply' && lastLine && lastLine.key !== key && !lastLine.pointed.has(key)) {
        lastLine.pointed.add(key);
        addThreadPointer(lastLine.key, key, lastLine.declare);
      }
      if (entry.kind !== 'reply') lastLine = null;
    } else {
      return;
    }
    refreshIncidentsSoon();
  }

  let lastLine = null;                   // the room's latest line from someone else: { key, declare, pointed }
  let refreshTimer = 0;

  /** Refreshes the thread list once for a burst of entries (a reconnect can replay hundreds). */
  function refreshIncidentsSoon() {
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = 0;
      refreshIncidents();
    }, 200);
  }

  // ---------------------------------------------------------------- cards updated in place

  /**
   * Like Slack updating a message: once a thread holds a newer card of an incident (its key INC-7@12 names the
   * incident and its version), the older cards' buttons are disabled and say so. Cards without a key stay as they are.
   * Only the cards not superseded yet are compared, so a replay of many cards stays linear.
   */
  function trackCard(t, card) {
    const v = versionOf(card.dataset.key);
    if (!v) return;
    const newest = t.newest.get(v.incident);
    if (newest !== undefined && v.version < newest) {
      supersede(card);
      return;
    }
    if (newest === undefined || v.version > newest) {
      t.newest.set(v.incident, v.version);
      t.live = t.live.filter((other) => {
        const o = versionOf(other.dataset.key);
        if (o.incident !== v.incident || o.version >= v.version) return true;
        supersede(other);
        return false;
      });
    }
    t.live.push(card);
  }

  function supersede(card) {
    if (card.dataset.superseded === 'true') return;
    card.dataset.superseded = 'true';
    const buttons = card.querySelectorAll('[data-testid=card-button]');
    for (const button of buttons) {
      button.disabled = true;
      button.title = 'Superseded by a newer card';
    }
    if (!buttons.length) return;
    const hint = document.createElement('p');
    hint.className = 'card-superseded';
    hint.dataset.testid = 'superseded';
    hint.textContent = 'Superseded by a newer card';
    card.append(hint);
  }

  function versionOf(key) {
    const m = /^(.+)@(\d+)$/.exec(String(key || ''));
    return m ? { incident: m[1], version: Number(m[2]) } : null;
  }

  function setConnection(value) {
    if (!el.connection || el.connection.dataset.state === value) return;
    el.connection.dataset.state = value;
    el.connection.querySelector('.connection-text').textContent = value === 'online' ? 'bot online' : 'bot unreachable';
  }

  // ---------------------------------------------------------------- modal

  /**
   * Shows the in-page modal. Resolves to the trimmed text typed (when an input is asked for), to '' when confirmed
   * without input, or to null when cancelled (Cancel, Escape).
   */
  function ask(options) {
    return new Promise((resolve) => {
      const dialog = el.modal;
      el.modalTitle.textContent = options.title;
      el.modalText.textContent = options.text;
      el.modalText.hidden = !options.text;
      el.modalConfirm.textContent = options.confirmLabel;
      el.modalCancel.textContent = options.denyLabel;
      el.modalConfirm.className = 'button ' + (options.danger ? 'button-danger-solid' : 'button-primary');
      el.modalInputRow.hidden = !options.inputPrompt;
      el.modalInputLabel.textContent = options.inputPrompt || '';
      el.modalInput.value = '';
      el.modalInput.required = !!options.inputPrompt;
      el.modalInput.removeAttribute('aria-invalid');
      el.modalError.hidden = true;

      let done = false;
      const finish = (value) => {
        if (done) return;
        done = true;
        el.modalForm.removeEventListener('submit', onSubmit);
        el.modalCancel.removeEventListener('click', onCancel);
        dialog.removeEventListener('cancel', onCancel);
        el.modalInput.removeEventListener('keydown', onInputKey);
        if (dialog.open) dialog.close();
        resolve(value);
      };
      const onSubmit = (event) => {
        event.preventDefault();
        if (options.inputPrompt) {
          const value = el.modalInput.value.trim();
          if (!value) {
            el.modalError.hidden = false;
            el.modalInput.setAttribute('aria-invalid', 'true');
            el.modalInput.focus();
            return;
          }
          finish(value);
        } else {
          finish('');
        }
      };
      const onCancel = (event) => {
        event.preventDefault();
        finish(null);
      };
      const onInputKey = (event) => {
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
          event.preventDefault();
          el.modalForm.requestSubmit();
        }
      };
      el.modalForm.addEventListener('submit', onSubmit);
      el.modalCancel.addEventListener('click', onCancel);
      dialog.addEventListener('cancel', onCancel);
      el.modalInput.addEventListener('keydown', onInputKey);

      dialog.showModal();
      // Focus goes where the next keystroke is safest: the text box, else Cancel for risky actions, else OK.
      (options.inputPrompt ? el.modalInput : options.danger ? el.modalCancel : el.modalConfirm).focus();
    });
  }

  // ---------------------------------------------------------------- HTTP

  async function getJson(url) {
    return readJson(await call(url, { headers: { Accept: 'application/json' }, cache: 'no-store' }));
  }

  async function postJson(url, body) {
    return readJson(await call(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    }));
  }

  /** fetch with the API key (apikey.js); on 401 asks for the key once (shared by concurrent calls) and retries. */
  async function call(url, init) {
    for (let attempt = 0; ; attempt++) {
      const headers = Object.assign({}, init.headers);
      const key = window.incidentBotApiKey.get();
      if (key) headers['X-Api-Key'] = key;
      const response = await fetch(url, Object.assign({}, init, { headers: headers }));
      if (response.status !== 401 || attempt >= 2 || !(await askForKey(key))) return response;
    }
  }

  let keyPrompt = null;

  /** Resolves true when a (new) key was entered; concurrent 401s share one prompt. */
  function askForKey(rejected) {
    if (window.incidentBotApiKey.get() !== rejected) return Promise.resolve(true); // another call already got one
    if (!keyPrompt) {
      keyPrompt = ask({
        title: 'API key needed',
        text: rejected ? 'The bot refused that API key. Enter a valid one.' : 'The bot needs an API key to use the console.',
        inputPrompt: 'API key (kept in this tab only)',
        confirmLabel: 'Use key',
        denyLabel: 'Cancel',
      }).then((value) => {
        keyPrompt = null;
        if (!value) return false;
        window.incidentBotApiKey.set(value);
        return true;
      });
    }
    return keyPrompt;
  }

  /** The Markdown timeline is a plain link in Development; with a key, it is fetched with the key and shown as text. */
  async function openExport(event) {
    if (!window.incidentBotApiKey.get() || !el.timelineLink.href) return;
    event.preventDefault();
    const tab = window.open('', '_blank');
    const response = await call(el.timelineLink.href, { headers: { Accept: 'text/markdown' }, cache: 'no-store' });
    const text = await response.text();
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain; charset=utf-8' }));
    if (tab) tab.location.href = url;
  }

  async function readJson(response) {
    let data = null;
    const text = await response.text();
    if (text) {
      try { data = JSON.parse(text); } catch (_) { data = null; }
    }
    if (!response.ok) {
      const detail = data && typeof data.error === 'string' ? data.error
        : data && typeof data.detail === 'string' ? data.detail
          : data && typeof data.title === 'string' ? data.title
            : 'HTTP ' + response.status;
      throw new Error(detail);
    }
    return data;
  }

  // ---------------------------------------------------------------- small helpers

  function scrollToBottom() {
    el.messages.scrollTop = el.messages.scrollHeight;
  }

  function humanize(value) {
    const words = String(value).replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  function numberOf(key) {
    const m = /(\d+)$/.exec(key || '');
    return m ? Number(m[1]) : 0;
  }

  function initialOf(name) {
    const s = String(name || '?').trim();
    return s ? s.charAt(0).toUpperCase() : '?';
  }

  function colourFor(id) {
    const palette = ['#7a6ff0', '#e8912d', '#2bac76', '#1264a3', '#e01e5a', '#8f5db7', '#3aa3e3'];
    let h = 0;
    for (const ch of String(id || '')) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    return palette[h % palette.length];
  }

  function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** A random id for this page (crypto.randomUUID needs a secure context; getRandomValues does not). */
  function newTabId() {
    const bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function camel(id) {
    return id.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  }
})();
