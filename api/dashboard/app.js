// earshot dashboard: reads the /v1 API with the analyst's token and draws it with Chart.js.
// Text from mentions is written with textContent only (it is written by strangers).
/* global Chart */
'use strict';

(() => {
  const TOKEN_KEY = 'earshot.token';
  const $ = (id) => document.getElementById(id);
  const colors = { negative: '#d64545', neutral: '#9aa5b1', positive: '#2f9e6e', unscored: '#d8dde3', accent: '#3366cc', alert: '#111827' };
  const CATEGORY_LABELS = {
    chasing_progress: 'Chasing progress', repeat_contact: 'Repeat contact', not_fixed: 'Not fixed',
    wrong_information: 'Wrong information', cancellation_refund: 'Cancellation / refund', service_failure: 'Service failure',
  };
  const INTERVAL_FOR_RANGE = { '24h': '1h', '3d': '1h', '7d': '6h', '30d': '1d', '90d': '1d' };

  const state = { brand: '', range: '7d', topic: '', source: '', q: '', sentiment: '', intent: '', failureCategory: '', cursor: null, loading: 0 };
  const charts = {};
  let refreshSeq = 0;

  class AuthError extends Error {}

  async function api(path, params = {}) {
    const url = new URL(path, location.origin);
    for (const [k, v] of Object.entries(params)) if (v !== '' && v !== null && v !== undefined) url.searchParams.set(k, String(v));
    const headers = { Accept: 'application/json' };
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = `Bearer ${token}`;
    const res = await fetch(url, { headers, credentials: 'omit', cache: 'no-store' });
    if (res.status === 401) throw new AuthError((await res.json().catch(() => ({}))).message || 'unauthorized');
    if (!res.ok) throw new Error(`${path}: ${(await res.json().catch(() => ({}))).message || res.statusText}`);
    return res.json();
  }

  const filters = () => ({ brand: state.brand, since: state.range, topic: state.topic, source: state.source });
  const fmt = new Intl.NumberFormat();
  const pct = (x) => `${(x * 100).toFixed(1)}%`;

  function bucketLabel(iso, interval) {
    const d = new Date(iso);
    const opts = interval === '1d' ? { month: 'short', day: 'numeric' } : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' };
    return new Intl.DateTimeFormat(undefined, opts).format(d);
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function safeHref(url) {
    try {
      const u = new URL(url);
      return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
    } catch {
      return null;
    }
  }

  function setChart(name, canvasId, config) {
    if (charts[name]) {
      charts[name].data = config.data;
      charts[name].options = config.options;
      charts[name].update();
    } else {
      charts[name] = new Chart($(canvasId), config);
    }
  }

  function status(text) {
    $('status').textContent = text;
  }

  // ---- sign-in ----

  function showLogin(message) {
    $('dash').hidden = true;
    $('filters').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = message || '';
    $('token').focus();
  }

  async function start() {
    let brands;
    try {
      brands = (await api('/v1/brands')).brands;
    } catch (err) {
      if (err instanceof AuthError) return showLogin(sessionStorage.getItem(TOKEN_KEY) ? `Sign-in failed: ${err.message}` : '');
      return showLogin(`Cannot reach the API: ${err.message}`);
    }
    $('login').hidden = true;
    $('dash').hidden = false;
    $('filters').hidden = false;
    const select = $('f-brand');
    select.replaceChildren(...brands.map((b) => {
      const o = el('option', '', `${b.name} (${fmt.format(b.mentions)})`);
      o.value = b.brand;
      return o;
    }));
    if (!brands.length) select.append(el('option', '', 'no brands yet'));
    state.brand = brands.length ? brands.slice().sort((a, b) => b.mentions - a.mentions)[0].brand : '';
    select.value = state.brand;
    await refresh();
  }

  // ---- views ----

  async function refresh() {
    const seq = ++refreshSeq;
    const f = filters();
    const interval = INTERVAL_FOR_RANGE[state.range] || '1d';
    status('Loading…');
    document.body.dataset.loading = 'true';
    try {
      const [summary, series, topics, rising, fd, ideas, alerts] = await Promise.all([
        api('/v1/summary', f),
        api('/v1/series', { ...f, interval }),
        api('/v1/topics', { ...f, limit: 10 }),
        api('/v1/topics/rising', { ...f, limit: 8 }),
        api('/v1/failure-demand', f),
        api('/v1/ideas', { ...f, limit: 8 }),
        api('/v1/alerts', { brand: state.brand, since: state.range, limit: 50 }),
      ]);
      if (seq !== refreshSeq) return; // a newer refresh is under way
      drawSummary(summary, fd);
      drawSeries(series, alerts.alerts, interval);
      drawTopics(topics.topics);
      drawRising(rising);
      drawFailure(fd);
      drawIdeas(ideas.ideas);
      drawAlerts(alerts.alerts);
      await loadMentions(true, seq);
      if (seq !== refreshSeq) return;
      status(`Updated ${new Date().toLocaleTimeString()}`);
      document.body.dataset.loading = 'false';
      document.body.dataset.refreshed = String(seq);
    } catch (err) {
      if (err instanceof AuthError) return showLogin(`Signed out: ${err.message}`);
      status(`Error: ${err.message}`);
      document.body.dataset.loading = 'false';
    }
  }

  function drawSummary(s, fd) {
    $('k-mentions').textContent = fmt.format(s.mentions);
    $('k-voices').textContent = fmt.format(s.voices);
    $('k-negative').textContent = pct(s.negativeShare);
    $('k-sentiment').textContent = s.meanSentiment.toFixed(2);
    $('k-failure').textContent = pct(fd.share);
  }

  function drawSeries(series, alerts, interval) {
    const labels = series.points.map((p) => bucketLabel(p.bucket, interval));
    const starts = series.points.map((p) => Date.parse(p.bucket));
    const step = series.intervalSeconds * 1000;
    // Alert markers sit on the bucket where the alert started, at that bucket's volume.
    const markers = series.points.map(() => null);
    const markerText = series.points.map(() => []);
    for (const a of alerts) {
      const t = Date.parse(a.startedAt);
      const i = starts.findIndex((s) => t >= s && t < s + step);
      if (i === -1) continue;
      markers[i] = series.points[i].mentions;
      markerText[i].push(`${a.rule}${a.topic ? ` (${a.topic})` : ''}: ${a.observed} vs ~${Math.round(a.expected)} expected`);
    }
    setChart('volume', 'c-volume', {
      type: 'bar',
      data: {
        labels,
        datasets: [
          { label: 'Negative', data: series.points.map((p) => p.negative), backgroundColor: colors.negative, stack: 'v' },
          { label: 'Neutral', data: series.points.map((p) => p.neutral), backgroundColor: colors.neutral, stack: 'v' },
          { label: 'Positive', data: series.points.map((p) => p.positive), backgroundColor: colors.positive, stack: 'v' },
          { label: 'Unscored', data: series.points.map((p) => p.unscored), backgroundColor: colors.unscored, stack: 'v' },
          {
            type: 'line', label: 'Alert', data: markers, showLine: false, pointStyle: 'triangle', pointRadius: 9, pointHoverRadius: 11,
            backgroundColor: colors.alert, borderColor: colors.alert, order: -1,
          },
        ],
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: { x: { stacked: true, ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 12 } }, y: { stacked: true, beginAtZero: true, title: { display: true, text: 'mentions' } } },
        plugins: {
          tooltip: { callbacks: { afterBody: (items) => (items.length ? markerText[items[0].dataIndex] : []) } },
        },
      },
    });
    setChart('sentiment', 'c-sentiment', {
      type: 'line',
      data: {
        labels,
        datasets: [
          { label: 'Mean sentiment', data: series.points.map((p) => (p.mentions ? p.meanSentiment : null)), borderColor: colors.accent, backgroundColor: colors.accent, yAxisID: 'y', spanGaps: true, tension: 0.25, pointRadius: 0 },
          { label: 'Negative share %', data: series.points.map((p) => (p.mentions ? p.negativeShare * 100 : null)), borderColor: colors.negative, backgroundColor: colors.negative, yAxisID: 'y1', spanGaps: true, tension: 0.25, pointRadius: 0 },
        ],
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 12 } },
          y: { min: -1, max: 1, title: { display: true, text: 'mean sentiment' } },
          y1: { position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false }, title: { display: true, text: 'negative %' } },
        },
      },
    });
  }

  function drawTopics(topics) {
    // The topic filter offers every topic seen for this brand and range (keeping the chosen one).
    const select = $('f-topic');
    const known = new Set([...select.options].map((o) => o.value));
    for (const t of topics) {
      if (known.has(t.topic)) continue;
      const o = el('option', '', t.label);
      o.value = t.topic;
      select.append(o);
    }
    select.value = state.topic;
    setChart('topics', 'c-topics', {
      type: 'bar',
      data: {
        labels: topics.map((t) => t.label),
        datasets: [
          { label: 'Negative', data: topics.map((t) => t.negative), backgroundColor: colors.negative, stack: 't' },
          { label: 'Other', data: topics.map((t) => t.mentions - t.negative), backgroundColor: colors.neutral, stack: 't' },
        ],
      },
      options: {
        indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true, beginAtZero: true }, y: { stacked: true } },
        onClick: (_event, elements) => {
          if (!elements.length) return;
          state.topic = topics[elements[0].index].topic;
          $('f-topic').value = state.topic;
          void refresh();
        },
      },
    });
  }

  function listOrEmpty(list, items, render, emptyText) {
    list.replaceChildren(...(items.length ? items.map(render) : [el('li', 'empty', emptyText)]));
  }

  function drawRising(rising) {
    const empty = rising.baselineTotal === 0 ? 'No mentions in the previous period to compare against.' : 'Nothing rising against the previous period.';
    listOrEmpty($('rising'), rising.topics, (t) => {
      const li = el('li');
      li.append(el('strong', '', t.label), el('span', 'meta', ` ${fmt.format(t.mentions)} mentions, ${fmt.format(t.previous)} before (score ${t.score.toFixed(1)})`));
      return li;
    }, empty);
    listOrEmpty($('rising-terms'), rising.terms, (t) => {
      const li = el('li');
      li.append(el('strong', '', t.term), el('span', 'meta', ` ${fmt.format(t.observed)} vs ~${Math.round(t.expected)} expected`));
      return li;
    }, 'No rising terms.');
  }

  function drawFailure(fd) {
    $('fd-share').textContent = `${pct(fd.share)} of ${fmt.format(fd.demand)} contacts`;
    const palette = ['#d64545', '#e8833a', '#e0b400', '#7a5cc2', '#3366cc', '#2f9e9e'];
    setChart('failure', 'c-failure', {
      type: 'doughnut',
      data: {
        labels: fd.byCategory.map((c) => CATEGORY_LABELS[c.category] || c.category),
        datasets: [{ label: 'Failure demand', data: fd.byCategory.map((c) => c.mentions), backgroundColor: palette }],
      },
      options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { position: 'right' } } },
    });
  }

  function drawIdeas(ideas) {
    listOrEmpty($('ideas'), ideas, (m) => {
      const li = el('li');
      li.append(el('span', 'text', m.text), el('span', 'meta', ` — ${m.echoes} echo${m.echoes === 1 ? '' : 'es'}, ${m.likes} likes`));
      return li;
    }, 'No ideas in this range.');
  }

  function drawAlerts(alerts) {
    listOrEmpty($('alerts'), alerts, (a) => {
      const li = el('li');
      li.append(
        el('span', `badge ${a.status === 'open' ? 'negative' : ''}`, a.status),
        el('strong', '', `${a.rule}${a.topic ? ` · ${a.topic}` : ''}`),
        el('span', 'meta', ` ${new Date(a.startedAt).toLocaleString()} — ${a.observed} vs ~${Math.round(a.expected)} expected`),
      );
      return li;
    }, 'No alerts in this range.');
  }

  function mentionItem(m) {
    const li = el('li');
    const head = el('div', 'meta');
    const badges = [
      el('span', `badge ${m.sentimentLabel}`, m.sentimentLabel),
      el('span', 'badge', m.intent),
      ...(m.failureCategory ? [el('span', 'badge failure', CATEGORY_LABELS[m.failureCategory] || m.failureCategory)] : []),
      ...m.topics.map((t) => el('span', 'badge topic', t)),
    ];
    // Spaces between badges, so copied text reads "negative complaint billing", not one word.
    head.append(...badges.flatMap((b) => [b, document.createTextNode(' ')]));
    head.append(document.createTextNode(`${m.source} · @${m.authorHandle} · ${new Date(m.createdAt).toLocaleString()} `));
    const href = safeHref(m.url);
    if (href) {
      const a = el('a', '', 'open');
      a.href = href;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      head.append(a);
    }
    li.append(head);
    if (m.title) li.append(el('strong', '', m.title));
    li.append(el('span', 'text', m.text));
    return li;
  }

  async function loadMentions(reset, seq = refreshSeq) {
    if (reset) state.cursor = null;
    const page = await api('/v1/mentions', {
      ...filters(), q: state.q, sentiment: state.sentiment, intent: state.intent, failureCategory: state.failureCategory, limit: 25, cursor: state.cursor,
    });
    if (seq !== refreshSeq) return;
    const list = $('mentions');
    const items = page.mentions.map(mentionItem);
    if (reset) listOrEmpty(list, page.mentions, mentionItem, 'No mentions match.');
    else list.append(...items);
    state.cursor = page.nextCursor;
    $('more').hidden = !page.nextCursor;
  }

  // ---- wiring ----

  document.addEventListener('DOMContentLoaded', () => {
    $('login-form').addEventListener('submit', (event) => {
      event.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, $('token').value.trim());
      $('token').value = '';
      void start();
    });
    $('logout').addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN_KEY);
      showLogin('Signed out.');
    });
    const bind = (id, key, after) =>
      $(id).addEventListener('change', (event) => {
        state[key] = event.target.value;
        after();
      });
    bind('f-brand', 'brand', () => {
      state.topic = '';
      $('f-topic').replaceChildren(Object.assign(el('option', '', 'All topics'), { value: '' }));
      void refresh();
    });
    bind('f-range', 'range', () => void refresh());
    bind('f-topic', 'topic', () => void refresh());
    bind('f-source', 'source', () => void refresh());
    const mentionsOnly = () => void loadMentions(true).catch((err) => status(`Error: ${err.message}`));
    bind('m-sentiment', 'sentiment', mentionsOnly);
    bind('m-intent', 'intent', mentionsOnly);
    bind('m-failure', 'failureCategory', mentionsOnly);
    let typing;
    $('m-q').addEventListener('input', (event) => {
      clearTimeout(typing);
      typing = setTimeout(() => {
        state.q = event.target.value.trim();
        mentionsOnly();
      }, 300);
    });
    $('mention-filters').addEventListener('submit', (event) => event.preventDefault());
    $('more').addEventListener('click', () => void loadMentions(false).catch((err) => status(`Error: ${err.message}`)));
    void start();
  });
})();
