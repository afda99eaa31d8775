// isac-emu dashboard: renders the snapshots of GET /api/stream (Server-Sent Events). No framework;
// uPlot (WebJar) for the time series. Histories (trails, strip charts) are kept by the page.
'use strict';
(function () {
  const HISTORY_POINTS = 600;          // 10 min at one snapshot per second
  const TRAIL_POINTS = 8;
  const SNR_COLOURS = ['#5e3c99', '#7b3294', '#b2182b', '#d6604d', '#f4a582', '#fddbc7',
    '#d1e5f0', '#92c5de', '#4393c3', '#2166ac', '#1a9850', '#006837'];
  const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7',
    '#9c755f', '#bab0ac'];
  const $ = id => document.getElementById(id);
  const trails = new Map();
  const history = {t: [], used: [], free: [], gate: {}, acc: {}};
  const charts = {};
  let snrEdges = null;

  function el(tag, attrs, text) {
    const ns = ['svg', 'g', 'circle', 'polyline', 'text', 'title', 'line', 'polygon'].includes(tag);
    const e = ns ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    return e;
  }
  const fmt = (v, d) => (v === null || v === undefined) ? '–' : Number(v).toFixed(d);
  const colourOf = id => PALETTE[[...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % PALETTE.length];
  const binLabel = b => (b.from <= -1e8 ? '< ' + b.to : b.to >= 1e8 ? '≥ ' + b.from : b.from + '–' + b.to);

  function snrColour(snr) {
    if (snr === null || snr === undefined || !snrEdges) return '#999';
    let i = 0;
    while (i < snrEdges.length && snr >= snrEdges[i]) i++;
    return SNR_COLOURS[Math.min(i, SNR_COLOURS.length - 1)];
  }

  function connect() {
    const es = new EventSource('api/stream');
    es.onopen = () => setConn('live', 'live');
    es.onerror = () => {
      setConn('reconnecting', 'reconnecting…');
      if (es.readyState === EventSource.CLOSED) setTimeout(connect, 2000); // e.g. a 429: retry ourselves
    };
    es.addEventListener('snapshot', e => {
      setConn('live', 'live');
      render(JSON.parse(e.data));
    });
  }
  function setConn(cls, text) {
    const c = $('conn');
    c.className = 'conn ' + cls;
    c.textContent = text;
  }

  function render(s) {
    $('updated').textContent = 'snapshot ' + s.at;
    renderDevices(s);
    renderSpectrum(s);
    renderTasks(s.tasks);
    renderGate(s);
    renderModel(s.model);
    renderExperiments(s.experiments);
  }

  function renderDevices(s) {
    const d = s.devices;
    if (!snrEdges) {
      snrEdges = d.snrHistogram.slice(1).map(b => b.from);
      const scale = $('snr-scale');
      scale.append(el('b', {}, 'SNR (dB):'));
      d.snrHistogram.forEach((b, i) => {
        const sp = el('span');
        sp.append(el('i', {class: 'swatch', style: 'background:' + SNR_COLOURS[i]}), binLabel(b));
        scale.append(sp);
      });
      const none = el('span');
      none.append(el('i', {class: 'swatch', style: 'background:#999'}), 'no report');
      scale.append(none);
    }
    $('max-shown').textContent = d.shown.length + ' of ' + d.total;
    $('device-census').innerHTML = '';
    $('device-census').append('devices: ' + d.total + ' — ',
      ...Object.entries(d.byStatus).map(([k, v]) => {
        const sp = el('span', {id: 'devices-' + k, class: 'state-' + k}, k + ' ' + v);
        return [sp, ' '];
      }).flat());
    histogram($('snr-hist'), d.snrHistogram, b => binLabel(b) + ' dB');
    const map = $('map');
    if (!map.firstChild) {
      map.append(el('circle', {cx: 0, cy: 0, r: 100, fill: 'none', stroke: '#555', 'stroke-dasharray': '2 2'}));
      map.append(el('text', {x: 2, y: -101}, 'cell radius ' + s.cellRadiusM + ' m'));
      map.append(el('polygon', {points: '0,-4 3.5,3 -3.5,3', fill: '#1f3b57'}));
      map.append(el('text', {x: 4, y: 4}, 'BS'));
    }
    const k = 100 / s.cellRadiusM;
    const seen = new Set();
    const label = d.shown.length <= 30;
    const tbody = $('device-table').tBodies[0];
    tbody.innerHTML = '';
    d.shown.forEach(v => {
      seen.add(v.deviceId);
      const x = v.xM * k, y = -v.yM * k;     // north up
      const trail = trails.get(v.deviceId) || [];
      const last = trail[trail.length - 1];
      if (!last || last[0] !== x || last[1] !== y) trail.push([x, y]);
      if (trail.length > TRAIL_POINTS) trail.shift();
      trails.set(v.deviceId, trail);
      let g = map.querySelector('g[data-id="' + CSS.escape(v.deviceId) + '"]');
      if (!g) {
        g = el('g', {class: 'dev', tabindex: 0, 'data-id': v.deviceId});
        g.append(el('polyline', {fill: 'none', stroke: '#888', 'stroke-width': 0.6}), el('circle', {r: 3}),
          el('text', {}), el('title'));
        g.addEventListener('focus', () => $('dev-detail').textContent = g.getAttribute('aria-label'));
        g.addEventListener('mouseenter', () => $('dev-detail').textContent = g.getAttribute('aria-label'));
        map.append(g);
      }
      const details = v.deviceId + ' · ' + v.modality + ' · ' + v.status + ' · SNR ' + fmt(v.snrDb, 1) + ' dB · tx '
        + fmt(v.txPowerDbm, 1) + ' dBm · CPU ' + fmt(v.cpuHz / 1e9, 2) + ' GHz · energy ' + fmt(v.energyUsedJ, 3)
        + ' J · report lag ' + (v.reportLagMs === null ? '–' : v.reportLagMs + ' ms');
      g.setAttribute('data-state', v.status);
      g.setAttribute('aria-label', details);
      g.querySelector('polyline').setAttribute('points', trail.map(p => p.join(',')).join(' '));
      const c = g.querySelector('circle');
      c.setAttribute('cx', x); c.setAttribute('cy', y);
      c.setAttribute('fill', v.status === 'LIVE' ? snrColour(v.snrDb) : '#fff');
      c.setAttribute('stroke', v.status === 'LIVE' ? '#222' : '#8a1c1c');
      const t = g.querySelector('text');
      t.setAttribute('x', x + 3.5); t.setAttribute('y', y + 1.5);
      t.textContent = label ? v.deviceId + (v.status === 'LIVE' ? '' : ' ' + v.status)
        : (v.status === 'LIVE' ? '' : v.status);
      g.querySelector('title').textContent = details;
      const tr = el('tr', {'data-id': v.deviceId});
      [v.deviceId, v.modality, v.status, fmt(v.snrDb, 1), fmt(v.txPowerDbm, 1), fmt(v.cpuHz / 1e9, 2),
        fmt(v.energyUsedJ, 3), v.reportLagMs === null ? '–' : v.reportLagMs].forEach((txt, i) =>
        tr.append(el('td', i === 2 ? {class: 'state-' + txt, 'data-field': 'state'} : {}, String(txt))));
      tbody.append(tr);
    });
    map.querySelectorAll('g.dev').forEach(g => {
      if (!seen.has(g.getAttribute('data-id'))) { trails.delete(g.getAttribute('data-id')); g.remove(); }
    });
  }

  function histogram(box, bins, labelOf) {
    box.innerHTML = '';
    const max = Math.max(1, ...bins.map(b => b.count));
    bins.forEach(b => {
      const bar = el('div', {style: 'height:' + (100 * b.count / max) + '%', title: labelOf(b) + ': ' + b.count});
      bar.append(el('span', {}, b.count ? String(b.count) : ''));
      box.append(bar);
    });
  }

  function renderSpectrum(s) {
    const sp = s.spectrum;
    $('free-units').textContent = sp.freeUnits;
    $('total-units').textContent = sp.totalUnits;
    $('unit-hz').textContent = fmt(sp.unitBandwidthHz / 1e3, 0) + ' kHz';
    const bar = $('units-bar'), legend = $('units-legend');
    bar.innerHTML = ''; legend.innerHTML = '';
    Object.entries(sp.holders).sort().forEach(([id, u]) => {
      bar.append(el('div', {style: 'width:' + (100 * u / sp.totalUnits) + '%;background:' + colourOf(id),
        title: id + ': ' + u + ' units'}, id + ' ' + u));
      const l = el('span');
      l.append(el('i', {class: 'swatch', style: 'background:' + colourOf(id)}), id + ': ' + u + ' units');
      legend.append(l);
    });
    bar.append(el('div', {class: 'free', style: 'width:' + (100 * sp.freeUnits / sp.totalUnits) + '%',
      title: 'free: ' + sp.freeUnits}, 'free ' + sp.freeUnits));
    push(history.t, Date.parse(s.at) / 1000);
    push(history.used, sp.totalUnits - sp.freeUnits);
    push(history.free, sp.freeUnits);
    lineChart('units-chart', 'units over time', {allocated: history.used, free: history.free});
  }

  function push(arr, v) {
    arr.push(v);
    if (arr.length > HISTORY_POINTS) arr.shift();
  }

  function lineChart(id, title, series) {
    const keys = Object.keys(series);
    const n = history.t.length;
    const data = [history.t.slice(), ...keys.map(k => {
      const a = series[k];
      return Array(n - a.length).fill(null).concat(a);   // series that appeared late start empty
    })];
    let c = charts[id];
    if (c && c.keys.join('|') !== keys.join('|')) { c.plot.destroy(); c = undefined; }
    if (!c) {
      const box = $(id);
      const opts = {title, width: Math.max(300, box.clientWidth || 480), height: 160,
        series: [{}, ...keys.map((k, i) => ({label: k, stroke: PALETTE[i % PALETTE.length], width: 2}))]};
      c = charts[id] = {keys, plot: new uPlot(opts, data, box)};
    } else {
      c.plot.setData(data);
    }
  }

  function renderTasks(t) {
    $('tasks-stored').textContent = t.stored;
    $('tasks-inflight').textContent = t.inFlight;
    $('throughput').textContent = fmt(t.throughputPerSecond, 2);
    const sc = $('status-counts');
    sc.innerHTML = '';
    const counts = Object.assign({}, t.byStatus, {refused: t.refused});
    ['DONE', 'DEGRADED', 'FAILED', 'refused', 'PENDING', 'RUNNING'].forEach(k =>
      sc.append(el('span', {id: 'status-' + k}, k + ' ' + counts[k]), ' · '));
    sc.append(el('span', {class: 'muted'}, 'over the tasks kept in memory'));
    const lat = $('latency');
    lat.innerHTML = '';
    Object.entries(t.latency).forEach(([mode, l]) => {
      const row = el('div', {class: 'lat'});
      const m = el('div', {class: 'hist'}), w = el('div', {class: 'hist measured'});
      histogram(m, l.modelled, b => binLabel(b) + ' s modelled');
      histogram(w, l.measured, b => binLabel(b) + ' s measured');
      const cm = el('div'), cw = el('div');
      cm.append(el('div', {class: 'muted'}, 'modelled, mean ' + fmt(l.meanModelledSeconds, 3) + ' s'), m);
      cw.append(el('div', {class: 'muted'}, 'measured, mean ' + fmt(l.meanMeasuredSeconds, 3) + ' s'), w);
      row.append(el('b', {}, mode), cm, cw);
      lat.append(row);
    });
    if (Object.keys(t.latency).length) {
      lat.append(el('p', {class: 'muted'}, 'latency bins (s): ' + Object.values(t.latency)[0].modelled.map(binLabel).join(' | ')));
    }
    const tbody = $('task-table').tBodies[0];
    tbody.innerHTML = '';
    t.latest.forEach(x => {
      const tr = el('tr', {'data-id': x.id});
      [x.id, x.mode, x.status, x.experts.join(' ') || '–',
        Object.entries(x.units).map(([d, u]) => d + ':' + u).join(' ') || '–', x.paths.join(' ') || '–',
        fmt(x.energyJ * 1e3, 2), fmt(x.bits, 0), x.correct + '/' + x.samples]
        .forEach((txt, i) => tr.append(el('td', i === 2 ? {class: 'status', 'data-field': 'status'} : {}, txt)));
      tbody.append(tr);
    });
  }

  function renderGate(s) {
    const now = $('gate-now');
    now.innerHTML = '';
    const gated = s.summary.filter(r => r.expert === '*' && !r.mode.startsWith('fixed:'));
    const all = s.summary.filter(r => r.expert === '*');
    gated.forEach(r => {
      const p = el('p');
      p.append(el('b', {}, r.mode + ': '), Object.entries(r.expertShares).map(([e, v]) => e + ' '
        + (100 * v).toFixed(0) + '%').join(' · '), ' · Acc-2 ' + fmt(r.acc2, 3) + ' over ' + r.samples + ' samples');
      now.append(p);
      Object.entries(r.expertShares).forEach(([e, v]) => {
        const k = r.mode + ' → ' + e;
        history.gate[k] = history.gate[k] || [];
      });
    });
    if (!gated.length) now.append(el('p', {class: 'muted'}, 'no gated (full / on-demand) task finished yet'));
    all.forEach(r => { history.acc[r.mode] = history.acc[r.mode] || []; });
    Object.entries(history.gate).forEach(([k, a]) => {
      const [mode, e] = k.split(' → ');
      const r = gated.find(x => x.mode === mode);
      push(a, r && r.expertShares[e] !== undefined ? r.expertShares[e] : null);
    });
    Object.entries(history.acc).forEach(([mode, a]) => {
      const r = all.find(x => x.mode === mode);
      push(a, r ? r.acc2 : null);
    });
    if (Object.keys(history.gate).length) lineChart('gate-chart', 'routing share per gated mode', history.gate);
    if (Object.keys(history.acc).length) lineChart('acc-chart', 'running Acc-2 per mode', history.acc);
  }

  function renderModel(m) {
    const dl = $('model-info');
    dl.innerHTML = '';
    const rows = m ? [['bundle', m.version], ['experts', m.experts.join(', ')],
      ['gate (on-demand) reads', m.gateInputs + ' + ' + m.networkStateDim + ' network-state inputs'],
      ['full gate reads', m.fullGateInputs || 'none'], ['deploy rule', m.deployRule || '–'],
      ['swapped in', m.swappedAt || '–']] : [['bundle', 'none in service yet']];
    rows.forEach(([k, v]) => dl.append(el('dt', {}, k), el('dd', {id: 'model-' + k.split(' ')[0]}, v)));
  }

  function renderExperiments(list) {
    const ul = $('exp-list');
    ul.innerHTML = '';
    if (!list.length) ul.append(el('li', {class: 'muted'}, 'none'));
    list.forEach(e => {
      const li = el('li', {'data-id': e.id});
      const bar = el('span', {class: 'bar', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': e.modes,
        'aria-valuenow': e.modesDone});
      bar.append(el('div', {style: 'width:' + (100 * e.modesDone / Math.max(1, e.modes)) + '%'}));
      const a = el('a', {href: e.link}, e.id);
      li.append(a, ' ' + e.state + ' ', bar, ' ' + e.modesDone + '/' + e.modes + ' modes, ' + e.samples
        + ' samples each' + (e.etaSeconds !== null ? ', ETA ' + fmt(e.etaSeconds, 0) + ' s' : '')
        + (e.state === 'DONE' || e.state === 'FAILED' ? ' — result tables: ' : ''));
      if (e.state === 'DONE' || e.state === 'FAILED') li.append(el('a', {href: e.link}, e.link));
      ul.append(li);
    });
  }

  connect();
})();
