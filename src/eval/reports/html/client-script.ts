import { NO_PRICE } from '../../../core/trace/cost.js';

/**
 * The script inlined in report.html. It reads the JSON data island, renders each case as a chat
 * and applies the filters. Every piece of run text goes through textContent, never innerHTML,
 * so replies that contain HTML show as written. Plain ES2019 in a string: it runs in the
 * browser, not in Node, and must not depend on how the TS is compiled.
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var list = document.getElementById('cases');
  var filters = {
    tag: document.getElementById('filter-tag'),
    status: document.getElementById('filter-status'),
    scorer: document.getElementById('filter-scorer'),
    search: document.getElementById('filter-search')
  };
  var count = document.getElementById('shown-count');

  function h(tag, props) {
    var el = document.createElement(tag);
    var key;
    for (key in props || {}) {
      var value = props[key];
      if (value === null || value === undefined || value === false) continue;
      if (key === 'text') el.textContent = value;
      else if (key === 'class') el.className = value;
      else el.setAttribute(key, String(value));
    }
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }
  function append(el, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(el, c); }); return; }
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  function ms(v) { return v >= 1000 ? (v / 1000).toFixed(2) + ' s' : Math.round(v) + ' ms'; }
  function usd(v) { return v === null ? ${JSON.stringify(NO_PRICE)} : v === 0 ? '$0' : v >= 1 ? '$' + v.toFixed(2) : '$' + v.toFixed(5); }
  function num(v) { return Math.round(v).toLocaleString('en-US'); }
  function fold(s) { return String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); }

  /** WhatsApp's *bold* and _italic_, built with text nodes only. */
  function rich(text) {
    var out = [];
    String(text).split(/(\*[^*\n]+\*|_[^_\n]+_)/).forEach(function (part) {
      if (/^\*[^*\n]+\*$/.test(part)) out.push(h('strong', { text: part.slice(1, -1) }));
      else if (/^_[^_\n]+_$/.test(part)) out.push(h('em', { text: part.slice(1, -1) }));
      else if (part) out.push(part);
    });
    return out;
  }

  function chip(s) {
    var state = s.skipped ? 'skipped' : s.pass ? 'pass' : 'fail';
    var mark = s.skipped ? '○ ' : s.pass ? '✓ ' : '✗ ';
    var label = mark + s.scorer + (s.skipped ? ' skipped' : state === 'fail' ? ' ' + s.score.toFixed(2) : '');
    if (s.uncertain) label += ' ⚠ uncertain';
    return h('span', { class: 'chip ' + state + (s.uncertain ? ' uncertain' : ''), title: s.reason, text: label });
  }

  function intents(t) {
    var detected = t.intentsFallback || t.detectedIntents.map(function (i) { return i.type + ' (' + i.confidence.toFixed(2) + ')'; }).join(', ') || 'none';
    var expected = t.expectedIntents ? t.expectedIntents.join(', ') || 'none' : null;
    return h('div', { class: 'intents' + (t.intentsFallback ? ' fallback' : '') }, h('b', { text: 'intents ' }), 'detected: ' + detected, expected ? ' · expected: ' + expected : '');
  }

  /** A model call's rendered messages, role-labelled, collapsed until asked for. */
  function prompt(messages) {
    if (!messages || !messages.length) return null;
    var roles = messages.map(function (m) { return m.role; }).join(', ');
    return h('details', { class: 'prompt' },
      h('summary', { text: 'prompt · ' + messages.length + ' message' + (messages.length === 1 ? '' : 's') + ' (' + roles + ')' }),
      messages.map(function (m) {
        return h('div', { class: 'message message-' + m.role }, h('div', { class: 'role', text: m.role }), h('pre', { text: m.content }));
      }));
  }

  function trace(t) {
    var spans = t.spans || [];
    var calls = spans.filter(function (s) { return s.type === 'model_call'; }).length;
    var tokens = t.agent.inputTokens + t.agent.outputTokens;
    var summary = 'trace · ' + calls + ' model call' + (calls === 1 ? '' : 's') + ' · ' + num(tokens) + ' tokens · ' +
      usd(t.agent.costUsd) + (t.judge.costUsd !== 0 ? ' + judge ' + usd(t.judge.costUsd) : '') + ' · ' + ms(t.latencyMs);
    var body = h('div', { class: 'trace-body' }, intents(t),
      t.judge.inputTokens ? h('div', { text: 'judge: ' + num(t.judge.inputTokens) + ' in / ' + num(t.judge.outputTokens) + ' out tokens · ' + usd(t.judge.costUsd) }) : null,
      t.spans === null ? h('div', { class: 'chart-empty', text: 'No trace recorded for this turn.' }) : null,
      spans.map(function (s) {
        var nums = ms(s.latencyMs);
        if (s.inputTokens !== undefined) nums += ' · ' + num(s.inputTokens) + ' in / ' + num(s.outputTokens) + ' out · ' + usd(s.costUsd);
        return h('div', { class: 'span span-' + s.type },
          h('div', { class: 'span-head' }, h('span', { class: 'kind', text: s.label }), h('span', { class: 'nums', text: nums })),
          s.error ? h('div', { class: 'span-error', text: 'error: ' + s.error }) : null,
          prompt(s.messages),
          s.details.map(function (d) { return [h('div', { class: 'detail-name', text: d.name }), h('pre', { text: d.text })]; }));
      }));
    return h('details', { class: 'trace' }, h('summary', { text: summary }), body);
  }

  function turn(t) {
    var head = 'Turn ' + t.n + ' · ' + (t.pass ? '✓' : '✗') + ' ' + t.score.toFixed(2) + (t.critical ? ' · ⚠ critical: ' + t.critical : '');
    var failing = t.scores.filter(function (s) { return !s.pass && !s.skipped; });
    var messages = t.messages.length ? t.messages : [''];
    return [
      h('div', { class: 'turn-sep', text: head }),
      h('div', { class: 'bubble in' }, t.user === '' ? h('em', { text: '(mensaje vacío)' }) : rich(t.user), h('span', { class: 'meta', text: 'cliente' })),
      messages.map(function (m, i) {
        var last = i === messages.length - 1;
        return h('div', { class: 'bubble out' + (t.pass ? '' : ' fail') }, m === '' ? h('em', { text: '(sin respuesta)' }) : rich(m),
          last ? h('span', { class: 'meta', text: 'agente · ' + ms(t.latencyMs) + ' ✓✓' }) : null);
      }),
      h('div', { class: 'scores' }, t.scores.map(chip)),
      failing.length ? h('ul', { class: 'reasons' }, failing.map(function (s) { return h('li', null, h('b', { text: s.scorer + ': ' }), s.reason); })) : null,
      trace(t)
    ];
  }

  /** After the last turn: the whole-conversation verdicts, failed ones with their reasons, as under a turn. */
  function conversation(c) {
    if (!c.conversationScores.length) return null;
    var failing = c.conversationScores.filter(function (s) { return !s.pass && !s.skipped; });
    return h('div', { class: 'conversation-verdict' },
      h('div', { class: 'turn-sep', text: 'Whole conversation · ' + (failing.length ? '✗' : '✓') }),
      h('div', { class: 'scores' }, c.conversationScores.map(chip)),
      failing.length ? h('ul', { class: 'reasons' }, failing.map(function (s) { return h('li', null, h('b', { text: 'conversation · ' + s.scorer + ' ' + s.score.toFixed(2) + ': ' }), s.reason); })) : null);
  }

  function renderCase(c) {
    var pills = [h('span', { class: 'pill ' + c.status, text: c.status })];
    if (c.critical) pills.push(h('span', { class: 'pill critical', text: 'critical' }));
    if (c.change) pills.push(h('span', { class: 'pill change' + (c.change === 'newly-passing' ? ' up' : ''), text: c.change.replace('-', ' ') }));
    var repeats = c.repeats ? ' · ' + c.repeats.passed + '/' + c.repeats.runs + ' runs' + (c.repeats.flaky ? ' (flaky)' : '') : '';
    var el = h('details', { class: 'case', 'data-id': c.id, 'data-status': c.status },
      h('summary', null, pills, h('span', { class: 'case-id', text: c.id }), h('span', { class: 'case-title', text: c.title }),
        c.tags.map(function (t) { return h('span', { class: 'tag', text: t }); }),
        h('span', { class: 'case-meta', text: c.file + ' · score ' + c.score.toFixed(2) + ' · ' + ms(c.latencyMs) + ' · ' + usd(c.costUsd) + repeats })),
      c.error ? h('div', { class: 'case-error', text: c.error }) : null,
      h('div', { class: 'chat' }, c.turns.map(turn), conversation(c)));
    if (c.status !== 'passed') el.open = true;
    var text = [c.id, c.title, c.file].concat(c.tags);
    c.turns.forEach(function (t) { text.push(t.user); text = text.concat(t.messages); });
    return { el: el, data: c, text: fold(text.join('\n')) };
  }

  function option(select, value, label) { select.append(h('option', { value: value, text: label })); }
  data.tags.forEach(function (t) { option(filters.tag, t, t); });
  data.scorers.forEach(function (s) { option(filters.scorer, 'fail:' + s, s + ' failed'); });
  data.scorers.forEach(function (s) { option(filters.scorer, 'skip:' + s, s + ' skipped'); });
  if (data.compared) {
    option(filters.status, 'newly-failing', 'newly failing');
    option(filters.status, 'newly-passing', 'newly passing');
  }

  var rendered = data.cases.map(renderCase);
  rendered.forEach(function (r) { list.append(r.el); });
  var empty = h('div', { class: 'empty', hidden: true, text: 'No case matches these filters.' });
  list.append(empty);

  function matches(c, r) {
    var tag = filters.tag.value, status = filters.status.value, scorer = filters.scorer.value;
    if (tag && c.tags.indexOf(tag) < 0) return false;
    if (status === 'failing' && c.status === 'passed') return false;
    if (status === 'critical' && !c.critical) return false;
    if (status === 'newly-failing' || status === 'newly-passing') { if (c.change !== status) return false; }
    else if (status && status !== 'failing' && status !== 'critical' && c.status !== status) return false;
    if (scorer) {
      var name = scorer.slice(5);
      var pool = scorer.indexOf('fail:') === 0 ? c.failingScorers : c.skippedScorers;
      if (pool.indexOf(name) < 0) return false;
    }
    var q = fold(filters.search.value.trim());
    return !q || r.text.indexOf(q) >= 0;
  }
  function apply() {
    var shown = 0;
    rendered.forEach(function (r) {
      var ok = matches(r.data, r);
      r.el.hidden = !ok;
      if (ok) shown++;
    });
    empty.hidden = shown > 0;
    count.textContent = 'Showing ' + shown + ' of ' + rendered.length + ' cases';
  }
  ['tag', 'status', 'scorer'].forEach(function (k) { filters[k].addEventListener('change', apply); });
  filters.search.addEventListener('input', apply);
  document.getElementById('expand-all').addEventListener('click', function () { rendered.forEach(function (r) { if (!r.el.hidden) r.el.open = true; }); });
  document.getElementById('collapse-all').addEventListener('click', function () { rendered.forEach(function (r) { r.el.open = false; }); });
  apply();
})();
`;
