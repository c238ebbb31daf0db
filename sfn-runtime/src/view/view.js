// The execution view's script: colours the picture for the selected Map iterations, and
// shows a state's visits on a click. All text goes in with textContent (payloads are data,
// never markup). Work per redraw is proportional to the states drawn, not to the history:
// visits are indexed once by (iteration, state).
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('sfn-data').textContent);
  var exec = data.execution;
  var states = data.states;
  var visits = data.visits;
  var svg = document.querySelector('#graph svg');
  var details = document.getElementById('details');
  var OUTCOMES = ['failed', 'caught', 'retried', 'succeeded'];
  var GLYPH = { succeeded: '✓', retried: '↻', caught: '↪', failed: '✗', none: '' };
  var WORDS = { succeeded: 'succeeded', retried: 'succeeded after retries', caught: 'failed, caught', failed: 'failed', none: 'not entered' };

  // Index: visits by iteration context and state; which visits have a successor.
  var byKey = new Map();
  var hasNext = new Uint8Array(visits.length);
  visits.forEach(function (v, i) {
    var key = v.ctx + '\u0000' + v.name;
    var list = byKey.get(key);
    if (!list) { list = []; byKey.set(key, list); }
    list.push(i);
    if (v.prev !== null && v.prev !== undefined) { hasNext[v.prev] = 1; }
  });
  var nodes = new Map();
  svg.querySelectorAll('g.state').forEach(function (g) { nodes.set(g.getAttribute('data-name'), g); });
  var edges = new Map();
  svg.querySelectorAll('g.edge').forEach(function (g) {
    var key = edgeKey(g.getAttribute('data-from'), g.getAttribute('data-to'), g.classList.contains('catch'));
    var list = edges.get(key);
    if (!list) { list = []; edges.set(key, list); }
    list.push(g);
  });
  function edgeKey(from, to, isCatch) {
    return (from === null ? '\u0001' : 'f' + from) + '\u0000' + (to === null ? '\u0001' : 't' + to) + (isCatch ? '\u0000c' : '\u0000n');
  }

  // Selected iteration of each Map (default: its first failed iteration, else the first).
  var selected = new Map();
  var current = null; // {kind: 'state', name, visit} or {kind: 'scope', scope, owner}
  function ctxOf(name) {
    var info = states[name];
    if (!info) { return ''; }
    return info.maps.map(function (m) { return m + '#' + iterationOf(m); }).join('/');
  }
  function iterationOf(map) {
    if (selected.has(map)) { return selected.get(map); }
    var vs = visitsOf(map);
    var it = vs.length ? visits[vs[0]].iterations : null;
    return it && it.failed.length ? it.failed[0] : 0;
  }
  function visitsOf(name) { return byKey.get(ctxOf(name) + '\u0000' + name) || []; }
  function outcomeOf(list) {
    if (!list.length) { return 'none'; }
    for (var i = 0; i < OUTCOMES.length; i++) {
      for (var j = 0; j < list.length; j++) {
        if (visits[list[j]].outcome === OUTCOMES[i]) { return OUTCOMES[i]; }
      }
    }
    return 'succeeded';
  }

  var taken = [];
  function redraw() {
    taken.forEach(function (g) { g.classList.remove('taken'); });
    taken = [];
    function mark(from, to, isCatch) {
      (edges.get(edgeKey(from, to, isCatch)) || []).forEach(function (g) { g.classList.add('taken'); taken.push(g); });
    }
    nodes.forEach(function (g, name) {
      var list = visitsOf(name);
      var outcome = outcomeOf(list);
      for (var k in GLYPH) { g.classList.remove('outcome-' + k); }
      g.classList.add('outcome-' + outcome);
      var badge = g.querySelector('.badge');
      if (badge) {
        var retries = 0;
        list.forEach(function (i) { retries += Math.max(0, visits[i].attempts.length - 1); });
        var again = outcome === 'retried' ? String(retries) : (retries ? ' ↻' + retries : '');
        badge.textContent = GLYPH[outcome] + again + (list.length > 1 ? ' ×' + list.length : '');
      }
      list.forEach(function (i) {
        var v = visits[i];
        if (v.prev === null || v.prev === undefined) {
          mark(null, name, false);
        } else {
          var p = visits[v.prev];
          mark(p.name, name, p.outcome === 'caught');
        }
        if (!hasNext[i] && v.exitedMs !== null && v.outcome !== 'caught') { mark(name, null, false); }
      });
    });
    iterationBar();
  }

  // One line per Map entered in the current view: pick an iteration, jump to a failed one.
  function iterationBar() {
    var bar = document.getElementById('iterations');
    bar.textContent = '';
    Object.keys(states).forEach(function (name) {
      if (states[name].type !== 'Map') { return; }
      var list = visitsOf(name);
      var it = list.length ? visits[list[0]].iterations : null;
      if (!it || !it.count) { return; }
      var line = el('div', 'map');
      line.setAttribute('data-map', name);
      line.appendChild(text('Map '));
      line.appendChild(el('strong', null, name));
      line.appendChild(text(': iteration '));
      var input = el('input');
      input.type = 'number'; input.min = 0; input.max = it.count - 1; input.value = iterationOf(name);
      input.setAttribute('aria-label', 'iteration of ' + name);
      input.addEventListener('change', function () { choose(name, Number(input.value), it.count); });
      line.appendChild(input);
      line.appendChild(text(' of ' + it.count + ' (0-based) '));
      var prev = el('button', null, '◀'); prev.type = 'button'; prev.title = 'previous iteration';
      prev.addEventListener('click', function () { choose(name, iterationOf(name) - 1, it.count); });
      var next = el('button', null, '▶'); next.type = 'button'; next.title = 'next iteration';
      next.addEventListener('click', function () { choose(name, iterationOf(name) + 1, it.count); });
      line.appendChild(prev); line.appendChild(next);
      if (it.failed.length) {
        var failed = el('span', 'failed-list', '  ' + it.failed.length + (it.failed.length >= 1000 ? '+' : '') + ' failed: ');
        it.failed.slice(0, 12).forEach(function (index) {
          var b = el('button', null, String(index)); b.type = 'button';
          b.addEventListener('click', function () { choose(name, index, it.count); });
          failed.appendChild(b);
        });
        if (it.failed.length > 12) { failed.appendChild(text(' …')); }
        line.appendChild(failed);
      }
      bar.appendChild(line);
    });
  }
  function choose(map, index, count) {
    if (!(index >= 0)) { index = 0; }
    selected.set(map, Math.min(Math.floor(index), count - 1));
    redraw();
    if (current) { show(current); }
  }

  // The side panel.
  function el(tag, cls, content) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (content !== undefined && content !== null) { e.textContent = content; }
    return e;
  }
  function text(t) { return document.createTextNode(t); }
  function pretty(value) {
    if (value && typeof value === 'object' && value.$sfnTruncated) {
      var t = value.$sfnTruncated;
      return t.preview + '\n… (cut here: ' + t.bytes + ' bytes in all)';
    }
    return JSON.stringify(value, null, 2);
  }
  function section(title, value, open) {
    var d = el('details');
    d.open = open !== false;
    d.setAttribute('data-section', title);
    d.appendChild(el('summary', null, title));
    d.appendChild(el('pre', 'json', pretty(value)));
    return d;
  }
  function duration(ms) {
    if (ms === null || ms === undefined) { return '–'; }
    if (ms < 1000) { return ms + ' ms'; }
    if (ms < 60000) { return (ms / 1000).toFixed(3).replace(/\.?0+$/, '') + ' s'; }
    var s = Math.round(ms / 1000), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    return (h ? h + ' h ' : '') + (m ? m + ' min ' : '') + (s % 60) + ' s';
  }
  function clock(ms) {
    if (ms === null || ms === undefined || !exec) { return '–'; }
    var at = Date.parse(exec.startedAt) + ms;
    return '+' + duration(ms) + ' (' + (isNaN(at) ? '' : new Date(at).toISOString()) + ')';
  }
  function errorBox(error, cause, caught) {
    var box = el('div', 'errorbox' + (caught ? ' caught' : ''));
    box.appendChild(el('strong', null, error === null || error === undefined ? '(no error name)' : String(error)));
    if (cause !== null && cause !== undefined) { box.appendChild(text(': ' + cause)); }
    return box;
  }

  function show(what) {
    current = what;
    svg.querySelectorAll('.selected').forEach(function (g) { g.classList.remove('selected'); });
    details.textContent = '';
    if (what.kind === 'scope') { return showScope(what); }
    var name = what.name;
    var g = nodes.get(name);
    if (g) { g.classList.add('selected'); }
    var info = states[name] || { type: '', maps: [] };
    var list = visitsOf(name);
    var outcome = outcomeOf(list);
    var h = el('h2', null, name);
    h.appendChild(el('span', 'type', ' ' + info.type));
    h.appendChild(el('span', 'pill outcome-' + outcome, WORDS[outcome]));
    details.appendChild(h);
    if (info.maps.length) {
      details.appendChild(el('p', 'hint', 'In iteration ' + ctxOf(name).split('/').join(', ') + '.'));
    }
    if (!list.length) {
      details.appendChild(el('p', 'hint', exec ? 'Not entered by this execution' + (info.maps.length ? ' in this iteration.' : '.') : 'Definition only: no execution.'));
    } else {
      var index = Math.min(what.visit || 0, list.length - 1);
      if (list.length > 1) {
        var nav = el('div', 'visits', 'Entered ' + list.length + ' times: ');
        list.slice(0, 60).forEach(function (vi, k) {
          var b = el('button', k === index ? 'current' : null, String(k + 1)); b.type = 'button';
          b.addEventListener('click', function () { show({ kind: 'state', name: name, visit: k }); });
          nav.appendChild(b);
        });
        if (list.length > 60) { nav.appendChild(text(' … (the first 60)')); }
        details.appendChild(nav);
      }
      showVisit(visits[list[index]]);
    }
    if (info.definition !== undefined) { details.appendChild(section('Definition (ASL)', info.definition, !list.length)); }
  }

  function showVisit(v) {
    var t = el('table');
    function row(k, val) { var tr = el('tr'); tr.appendChild(el('th', null, k)); tr.appendChild(el('td', null, val)); t.appendChild(tr); }
    row('entered', clock(v.enteredMs));
    row('left', v.exitedMs === null ? 'never (failed here)' : clock(v.exitedMs));
    if (v.exitedMs !== null) { row('took', duration(v.exitedMs - v.enteredMs)); }
    details.appendChild(t);
    if (v.error !== null && v.error !== undefined || v.outcome === 'failed') {
      details.appendChild(errorBox(v.error, v.cause, false));
    }
    var attempts = v.attempts;
    var last = attempts.length ? attempts[attempts.length - 1] : null;
    if (v.outcome === 'caught' && last) { details.appendChild(errorBox(last.error, last.cause, true)); }
    details.appendChild(section('Input', v.input));
    var params = null;
    for (var i = attempts.length - 1; i >= 0; i--) { if (attempts[i].parameters !== null && attempts[i].parameters !== undefined) { params = attempts[i].parameters; break; } }
    if (params !== null) { details.appendChild(section('Effective parameters', params)); }
    var result = null;
    for (var j = attempts.length - 1; j >= 0; j--) { if (attempts[j].result !== null && attempts[j].result !== undefined) { result = attempts[j].result; break; } }
    if (result !== null) { details.appendChild(section('Task result', result)); }
    if (v.output !== null && v.output !== undefined) { details.appendChild(section('Output', v.output)); }
    if (attempts.length > 1 || (last && last.error !== null && last.error !== undefined)) {
      var d = el('details'); d.open = true; d.setAttribute('data-section', 'Attempts');
      d.appendChild(el('summary', null, 'Attempts (' + attempts.length + ', ' + (attempts.length - 1) + ' retries)'));
      var table = el('table', 'attempts');
      var head = el('tr');
      ['#', 'started', 'ended', 'error', 'cause'].forEach(function (c) { head.appendChild(el('th', null, c)); });
      table.appendChild(head);
      attempts.forEach(function (a, k) {
        var tr = el('tr');
        tr.appendChild(el('td', null, String(k + 1)));
        tr.appendChild(el('td', null, '+' + duration(a.atMs)));
        tr.appendChild(el('td', null, a.endMs === null ? '–' : '+' + duration(a.endMs)));
        tr.appendChild(el('td', null, a.error === null || a.error === undefined ? (a.endMs === null ? '' : 'ok') : String(a.error)));
        tr.appendChild(el('td', null, a.cause === null || a.cause === undefined ? '' : String(a.cause)));
        table.appendChild(tr);
      });
      d.appendChild(table);
      details.appendChild(d);
    }
    if (v.iterations) {
      var it = v.iterations;
      details.appendChild(el('p', null, it.count + ' iterations, ' + it.failed.length + (it.failed.length >= 1000 ? '+' : '') + ' failed. Pick one in the bar above the graph.'));
    }
  }

  function showScope(what) {
    var frame = svg.querySelector('g.scope[data-scope="' + CSS.escape(what.scope) + '"]');
    if (frame) { frame.classList.add('selected'); }
    var title = frame ? frame.querySelector('.scope-title') : null;
    details.appendChild(el('h2', null, (title ? title.textContent : what.scope) + ' of ' + what.owner));
    var list = el('table');
    var head = el('tr');
    ['state', 'outcome', 'visits'].forEach(function (c) { head.appendChild(el('th', null, c)); });
    list.appendChild(head);
    svg.querySelectorAll('g.state[data-scope="' + CSS.escape(what.scope) + '"]').forEach(function (g) {
      var name = g.getAttribute('data-name');
      var vs = visitsOf(name);
      var tr = el('tr');
      var cell = el('td');
      var b = el('button', null, name); b.type = 'button';
      b.addEventListener('click', function () { show({ kind: 'state', name: name }); });
      cell.appendChild(b);
      tr.appendChild(cell);
      var outcome = outcomeOf(vs);
      tr.appendChild(el('td', null, GLYPH[outcome] + ' ' + WORDS[outcome]));
      tr.appendChild(el('td', null, String(vs.length)));
      list.appendChild(tr);
    });
    details.appendChild(list);
  }

  // The summary on top.
  (function summary() {
    var top = document.getElementById('summary');
    var h = el('h1', null, data.title);
    top.appendChild(h);
    if (!exec) {
      top.appendChild(el('span', 'status DEFINITION', 'DEFINITION'));
      top.appendChild(el('span', 'facts', Object.keys(states).length + ' states'));
      return;
    }
    top.appendChild(el('span', 'status ' + exec.status, exec.status));
    var facts = el('span', 'facts');
    facts.appendChild(el('span', null, 'took ' + duration(exec.durationMs) + ' on the virtual clock'));
    facts.appendChild(el('span', null, 'started ' + exec.startedAt));
    facts.appendChild(el('span', null, visits.length + ' state entries'));
    top.appendChild(facts);
    if (!exec.recorded) { top.appendChild(el('div', 'error', 'The history was not recorded (Executor::record_history(false)): only the outcome is known.')); }
    if (exec.status !== 'SUCCEEDED') { top.appendChild(errorBox(exec.error, exec.cause, false)); }
    var row = el('div');
    if (exec.input !== null && exec.input !== undefined) { row.appendChild(section('Execution input', exec.input, false)); }
    if (exec.status === 'SUCCEEDED') { row.appendChild(section('Final output', exec.output, true)); }
    top.appendChild(row);
  })();

  // Interaction.
  svg.addEventListener('click', function (event) {
    var g = event.target.closest('g.state');
    if (g) { show({ kind: 'state', name: g.getAttribute('data-name') }); return; }
    var frame = event.target.closest('g.scope');
    if (frame && frame.hasAttribute('data-owner')) {
      show({ kind: 'scope', scope: frame.getAttribute('data-scope'), owner: frame.getAttribute('data-owner') });
    }
  });
  svg.addEventListener('keydown', function (event) {
    var g = event.target.closest && event.target.closest('g.state');
    if (g && (event.key === 'Enter' || event.key === ' ')) { event.preventDefault(); show({ kind: 'state', name: g.getAttribute('data-name') }); }
  });
  var width = Number(svg.getAttribute('width')), height = Number(svg.getAttribute('height'));
  var zoom = 1;
  function setZoom(z) {
    zoom = Math.max(0.1, Math.min(3, z));
    svg.setAttribute('width', String(Math.round(width * zoom)));
    svg.setAttribute('height', String(Math.round(height * zoom)));
  }
  document.getElementById('zoom-in').addEventListener('click', function () { setZoom(zoom * 1.25); });
  document.getElementById('zoom-out').addEventListener('click', function () { setZoom(zoom / 1.25); });
  document.getElementById('zoom-fit').addEventListener('click', function () {
    var pane = document.getElementById('graph');
    setZoom(Math.min(1, (pane.clientWidth - 24) / width, (pane.clientHeight - 24) / height));
  });

  redraw();
  // Open where something went wrong: the innermost failed state, else nothing.
  var failedVisit = null;
  for (var i = visits.length - 1; i >= 0; i--) { if (visits[i].outcome === 'failed' && visits[i].ctx === ctxOf(visits[i].name)) { failedVisit = visits[i]; break; } }
  if (failedVisit) { show({ kind: 'state', name: failedVisit.name }); }
  document.documentElement.setAttribute('data-ready', 'true');
})();
