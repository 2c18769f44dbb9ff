/* EduPulse dashboard: reads the query API, follows /api/v1/stream, draws with the bundled echarts. */
(function () {
  'use strict';

  const API = '/api/v1';
  /** The one time zone of the indicators (Điện Biên keeps Indochina Time, UTC+7). */
  const PROVINCE_ZONE = 'Asia/Ho_Chi_Minh';
  const RENDER_DELAY_MS = 150;
  const TREND_RELOAD_MS = 3000;

  const state = {
    catalog: new Map(),
    /** The indicators that have a series by period (the catalog's periodIndicators), in its order. */
    periodCatalog: new Map(),
    catalogVersion: '',
    districts: new Map(),
    provinces: new Map(),
    lastReceived: null,
    live: false,
    connectedOnce: false,
    updates: 0,
    cellText: new Map()
  };

  /** The figures the department reports, in its order: main indicator, label, and a detail line. */
  const HEADLINE = [
    { id: 'staff.active', label: 'Staff, teachers and employees',
      detail: s => 'in ' + count(num(s, 'schools.total')) + ' schools' },
    { id: 'staff.it_certified.share', label: 'Staff with IT certification', bar: true,
      detail: s => count(numerator(s, 'staff.it_certified.share')) + ' of ' + count(denominator(s, 'staff.it_certified.share')) },
    { id: 'staff.it_teachers', label: 'IT teachers',
      detail: s => pct(num(s, 'staff.it_teachers.share'), 2) + ' of staff · ' + count(num(s, 'staff.it_degree_teachers')) + ' with an IT degree' },
    { id: 'training.sessions.total', label: 'Digital-skills training sessions',
      detail: s => count(num(s, 'training.sessions.30d')) + ' in the last 30 days · ' + count(num(s, 'training.sessions.365d')) + ' in 365' },
    { id: 'devices.tablets.with_sim', label: 'Tablets with a 4G SIM',
      detail: s => 'of ' + count(num(s, 'devices.tablets.in_service')) + ' tablets in service' },
    { id: 'devices.computers.in_service', label: 'Computers in schools',
      detail: s => count(num(s, 'devices.computers.teaching')) + ' for teaching · ' + count(num(s, 'devices.computers.office')) + ' for office tasks' },
    { id: 'learners.per_teaching_computer', label: 'Learners per teaching computer',
      detail: s => count(num(s, 'learners.enrolled')) + ' learners enrolled' },
    { id: 'schools.with_internet.share', label: 'Schools with internet for teaching', bar: true,
      detail: s => count(numerator(s, 'schools.with_internet.share')) + ' of ' + count(denominator(s, 'schools.with_internet.share')) + ' schools' }
  ];

  /** District table columns: indicator id and a short heading. */
  const COLUMNS = [
    ['staff.active', 'Staff'],
    ['staff.it_certified.share', 'IT-certified'],
    ['staff.it_teachers', 'IT teachers'],
    ['training.sessions.total', 'Training sessions'],
    ['training.sessions.30d', 'Sessions, 30 d'],
    ['devices.tablets.with_sim', 'Tablets with SIM'],
    ['devices.computers.teaching', 'Computers, teaching'],
    ['devices.computers.office', 'Computers, office'],
    ['learners.per_teaching_computer', 'Learners per computer'],
    ['schools.with_internet.share', 'Schools with internet']
  ];

  const intFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const timeFormat = new Intl.DateTimeFormat('en-GB', {
    timeZone: PROVINCE_ZONE, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit'
  });
  const dayFormat = new Intl.DateTimeFormat('en-GB', {
    timeZone: PROVINCE_ZONE, day: 'numeric', month: 'short', year: 'numeric'
  });
  // A period's first and last days are dates of the province's calendar ("2025-11-01", parsed as UTC midnight)
  const dateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
  const monthFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'short', year: 'numeric' });

  const $ = id => document.getElementById(id);
  const charts = {};

  const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  /**
   * Text made safe for HTML markup. Names (districts, provinces) come from school reference records,
   * which are data: every string that is concatenated into markup goes through here. Elsewhere the
   * page sets textContent, title or value, never markup.
   */
  function escapeHtml(text) { return String(text).replace(/[&<>"']/g, c => HTML_ESCAPES[c]); }

  /**
   * Tooltip markup (ECharts puts a formatter's string into innerHTML as it is): a title line, then one
   * line per row with a colour marker, a label, a value and a note. Classes only, no style attribute:
   * the Content-Security-Policy allows no inline style. (The tooltips are confined to their chart, whose
   * box clips what overflows it.)
   */
  function tooltipHtml(title, rows) {
    return '<div class="tip-title">' + escapeHtml(title) + '</div>' + rows.map(row =>
      '<div class="tip-row"><span class="tip-marker ' + row.marker + '"></span>' + escapeHtml(row.label)
        + ' <b class="tip-value">' + escapeHtml(row.value) + '</b>'
        + (row.note ? ' <span class="tip-note">' + escapeHtml(row.note) + '</span>' : '') + '</div>').join('');
  }

  const NO_DATA = 'no data';

  function indicator(set, id) { return set && set.indicators ? set.indicators[id] : undefined; }
  // A null value is a ratio over 0 (e.g. no teaching computers): it shows "no data", never 0.
  function num(set, id) { const v = indicator(set, id); return v && v.value != null ? v.value : NaN; }
  function numerator(set, id) { const v = indicator(set, id); return v ? v.numerator : NaN; }
  function denominator(set, id) { const v = indicator(set, id); return v && v.denominator != null ? v.denominator : NaN; }
  function count(v) { return Number.isFinite(v) ? intFormat.format(v) : '–'; }
  function pct(v, digits) {
    if (!Number.isFinite(v)) { return '–'; }
    return new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v) + '%';
  }

  /** The definition of a live indicator or of one that only periods publish (training.sessions, ...). */
  function definitionOf(id) { return state.catalog.get(id) || state.periodCatalog.get(id); }

  /** A value as the catalog defines it: shares in %, ratios with a decimal, counts as integers. */
  function format(id, value) {
    const def = definitionOf(id);
    if (!Number.isFinite(value)) { return NO_DATA; }
    if (def && def.unit === '%') { return oneDecimal.format(value) + '%'; }
    if (def && def.ratio) { return oneDecimal.format(value); }
    return intFormat.format(value);
  }

  /** Hover text: the catalog's name, definition and international correspondence. */
  function definitionText(id) {
    const def = definitionOf(id);
    if (!def) { return id; }
    let text = def.name + ': ' + def.definition + '.';
    if (def.correspondence) { text += ' Corresponds to ' + def.correspondence + '.'; }
    return text + ' [' + id + ']';
  }

  function catalogName(id) {
    const def = definitionOf(id);
    return def ? def.name : id;
  }

  function province() {
    const all = Array.from(state.provinces.values());
    return all.length ? all[0] : null;
  }

  function districtsSorted() {
    return Array.from(state.districts.values()).sort((a, b) => a.unitName.localeCompare(b.unitName, 'vi'));
  }

  /* ---------- data loading ---------- */

  async function getJson(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (response.status === 503) {
      const retry = Number(response.headers.get('Retry-After') || '1');
      const error = new Error('unavailable');
      error.retryAfter = Math.max(1, retry);
      throw error;
    }
    if (!response.ok) {
      const error = new Error(path + ' answered ' + response.status);
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  async function loadCatalog() {
    const catalog = await getJson(API + '/indicators');
    state.catalogVersion = catalog.catalogVersion;
    catalog.indicators.forEach(def => state.catalog.set(def.id, def));
    (catalog.periodIndicators || []).forEach(def => state.periodCatalog.set(def.id, def));
  }

  async function loadAll() {
    try {
      const [districts, provinces] = await Promise.all([getJson(API + '/districts'), getJson(API + '/provinces')]);
      districts.forEach(set => state.districts.set(set.unitId, set));
      provinces.forEach(set => state.provinces.set(set.unitId, set));
      state.lastReceived = Date.now();
      notice(null);
      render();
      fillTrendUnits();
      loadTrend();
    } catch (error) {
      const wait = error.retryAfter || 3;
      notice(error.retryAfter ? 'The indicator pipeline is starting or rebalancing; retrying in ' + wait + ' s…'
        : 'Cannot reach the indicator API (' + error.message + '); retrying in ' + wait + ' s…');
      setTimeout(loadAll, wait * 1000);
    }
  }

  function notice(text) {
    const el = $('notice');
    el.hidden = !text;
    el.textContent = text || '';
  }

  /* ---------- live updates ---------- */

  function connect() {
    if (!window.EventSource) { return; }
    const source = new EventSource(API + '/stream');
    source.addEventListener('open', () => {
      setLive(true);
      if (state.connectedOnce) { loadAll(); } // fill whatever was published while disconnected
      state.connectedOnce = true;
    });
    source.addEventListener('error', () => setLive(false));
    source.addEventListener('indicator-set', event => apply(JSON.parse(event.data)));
  }

  function apply(set) {
    const target = set.level === 'PROVINCE' ? state.provinces : state.districts;
    const previous = target.get(set.unitId);
    if (previous && Date.parse(previous.asOf) > Date.parse(set.asOf)) { return; } // an older value arriving late never wins
    target.set(set.unitId, set);
    state.lastReceived = Date.now();
    state.updates += 1;
    document.body.dataset.updates = String(state.updates);
    scheduleRender();
    if ($('trend-unit').value === set.unitId) { scheduleTrend(); }
  }

  function setLive(live) {
    state.live = live;
    const dot = $('live-dot');
    dot.classList.toggle('live', live);
    dot.classList.toggle('down', !live);
    dot.title = live ? 'Live: receiving updates' : 'Reconnecting to the live stream…';
    tickFreshness();
  }

  let renderTimer = null;
  function scheduleRender() {
    if (renderTimer === null) {
      renderTimer = setTimeout(() => { renderTimer = null; render(); }, RENDER_DELAY_MS);
    }
  }

  let trendTimer = null;
  function scheduleTrend() {
    if (trendTimer === null) {
      trendTimer = setTimeout(() => { trendTimer = null; loadTrend(); }, TREND_RELOAD_MS);
    }
  }

  /* ---------- rendering ---------- */

  function render() {
    const p = province();
    $('catalog-version').textContent = state.catalogVersion || '–';
    if (p) {
      $('province-name').textContent = p.unitName;
      document.title = 'EduPulse · ' + p.unitName;
    }
    renderCards(p);
    renderTable(p);
    renderBar();
    renderComputers();
    tickFreshness();
    document.body.dataset.ready = 'true';
  }

  /** Sets text and flashes the element when a live update changed it. */
  function setText(el, key, text) {
    const before = state.cellText.get(key);
    el.textContent = text;
    if (before !== undefined && before !== text) {
      const flashing = el.closest('.card') || el;
      flashing.classList.add('flash');
      setTimeout(() => flashing.classList.remove('flash'), 1600);
    }
    state.cellText.set(key, text);
  }

  function renderCards(p) {
    const container = $('headline');
    if (!container.children.length) {
      HEADLINE.forEach(h => {
        const card = document.createElement('article');
        card.className = 'card';
        card.dataset.indicator = h.id;
        card.innerHTML = '<p class="label"></p><div class="value"></div><div class="detail"></div>' + (h.bar ? '<div class="bar"><span></span></div>' : '');
        card.querySelector('.label').textContent = h.label;
        container.appendChild(card);
      });
    }
    HEADLINE.forEach(h => {
      const card = container.querySelector('[data-indicator="' + h.id + '"]');
      card.title = definitionText(h.id);
      setText(card.querySelector('.value'), 'card|' + h.id, format(h.id, num(p, h.id)));
      card.querySelector('.detail').textContent = p ? h.detail(p) : '';
      if (h.bar) {
        const share = num(p, h.id);
        card.querySelector('.bar > span').style.width = (Number.isFinite(share) ? Math.min(100, share) : 0) + '%';
      }
    });
  }

  function renderTable(p) {
    const head = $('districts-head');
    if (!head.children.length) {
      const first = document.createElement('th');
      first.textContent = 'District';
      head.appendChild(first);
      COLUMNS.forEach(([id, label]) => {
        const th = document.createElement('th');
        th.textContent = label;
        th.dataset.indicator = id;
        head.appendChild(th);
      });
    }
    head.querySelectorAll('th[data-indicator]').forEach(th => { th.title = definitionText(th.dataset.indicator); });

    const body = $('districts-body');
    const districts = districtsSorted();
    const rows = new Map(Array.from(body.querySelectorAll('tr')).map(tr => [tr.dataset.unit, tr]));
    districts.forEach((set, index) => {
      let tr = rows.get(set.unitId);
      if (!tr) {
        tr = document.createElement('tr');
        tr.dataset.unit = set.unitId;
        tr.innerHTML = '<td><span class="unit-name"></span><span class="unit-id"></span></td>'
          + COLUMNS.map(([id]) => '<td data-indicator="' + escapeHtml(id) + '"></td>').join('');
      }
      if (body.children[index] !== tr) { body.insertBefore(tr, body.children[index] || null); }
      tr.querySelector('.unit-name').textContent = set.unitName;
      tr.querySelector('.unit-id').textContent = set.unitId;
      tr.title = set.unitName + ' · figures as of ' + timeFormat.format(new Date(set.asOf));
      COLUMNS.forEach(([id]) => {
        const td = tr.querySelector('td[data-indicator="' + id + '"]');
        setText(td, set.unitId + '|' + id, format(id, num(set, id)));
        const v = indicator(set, id);
        td.title = v && v.denominator != null ? count(v.numerator) + ' / ' + count(v.denominator) : '';
      });
    });
    $('district-count').textContent = districts.length + ' districts';

    const foot = $('districts-foot');
    foot.innerHTML = '';
    if (p) {
      const tr = document.createElement('tr');
      tr.dataset.unit = p.unitId;
      tr.innerHTML = '<td></td>' + COLUMNS.map(([id]) => '<td data-indicator="' + escapeHtml(id) + '"></td>').join('');
      tr.children[0].textContent = p.unitName + ' (province)';
      COLUMNS.forEach(([id], i) => { tr.children[i + 1].textContent = format(id, num(p, id)); });
      foot.appendChild(tr);
    }
  }

  function chart(id) {
    if (!window.echarts) { return null; }
    if (!charts[id]) {
      charts[id] = window.echarts.init($(id), null, { renderer: 'canvas' });
      if (window.ResizeObserver) { new ResizeObserver(() => charts[id].resize()).observe($(id)); }
    }
    return charts[id];
  }

  const BASE = {
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif' },
    animationDuration: 400,
    animationDurationUpdate: 400
  };

  function renderBar() {
    const c = chart('bar-chart');
    const id = $('bar-indicator').value;
    if (!c || !id) { return; }
    const districts = districtsSorted().reverse();
    $('bar-title').title = definitionText(id);
    c.setOption(Object.assign({}, BASE, {
      grid: { left: 20, right: 48, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', confine: true, axisPointer: { type: 'shadow' },
        formatter: params => {
          const set = districts[params[0].dataIndex];
          const v = indicator(set, id);
          return tooltipHtml(set.unitName, [{ marker: 'tip-accent', label: catalogName(id), value: format(id, v ? v.value : NaN),
            note: v && v.denominator != null ? '(' + count(v.numerator) + ' / ' + count(v.denominator) + ')' : '' }]);
        } },
      xAxis: { type: 'value', splitLine: { lineStyle: { color: '#eef1f5' } } },
      yAxis: { type: 'category', data: districts.map(s => s.unitName), axisTick: { show: false } },
      series: [{ type: 'bar', name: id, data: districts.map(s => num(s, id)), barMaxWidth: 22,
        itemStyle: { color: '#0f766e', borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: 'right', formatter: p => format(id, p.value), color: '#14213d', fontSize: 11 } }]
    }), true);
  }

  function renderComputers() {
    const c = chart('computers-chart');
    if (!c) { return; }
    $('computers-title').title = definitionText('devices.computers.teaching') + '\n' + definitionText('devices.computers.office');
    const districts = districtsSorted().reverse();
    c.setOption(Object.assign({}, BASE, {
      grid: { left: 20, right: 24, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 12 },
      tooltip: { trigger: 'axis', confine: true, axisPointer: { type: 'shadow' },
        formatter: params => tooltipHtml(districts[params[0].dataIndex].unitName, params.map(p => ({
          marker: p.seriesIndex === 0 ? 'tip-accent' : 'tip-amber', label: p.seriesName, value: count(p.value) }))) },
      xAxis: { type: 'value', splitLine: { lineStyle: { color: '#eef1f5' } } },
      yAxis: { type: 'category', data: districts.map(s => s.unitName), axisTick: { show: false } },
      series: [
        { type: 'bar', stack: 'computers', name: 'Teaching', data: districts.map(s => num(s, 'devices.computers.teaching')),
          itemStyle: { color: '#0f766e' }, barMaxWidth: 22 },
        { type: 'bar', stack: 'computers', name: 'Office', data: districts.map(s => num(s, 'devices.computers.office')),
          itemStyle: { color: '#f59e0b', borderRadius: [0, 4, 4, 0] }, barMaxWidth: 22 }
      ]
    }), true);
  }

  function fillIndicatorSelect(select, definitions, preferred) {
    if (select.options.length) { return; }
    definitions.forEach(def => {
      const option = document.createElement('option');
      option.value = def.id;
      option.textContent = def.name;
      option.title = definitionText(def.id);
      select.appendChild(option);
    });
    select.value = preferred;
  }

  function fillTrendUnits() {
    const select = $('trend-unit');
    const previous = select.value;
    const units = Array.from(state.provinces.values()).map(s => [s.unitId, s.unitName + ' (province)'])
      .concat(districtsSorted().map(s => [s.unitId, s.unitName]));
    if (select.options.length === units.length) { return; }
    select.innerHTML = '';
    units.forEach(([id, name]) => {
      const option = document.createElement('option');
      option.value = id;
      option.textContent = name;
      select.appendChild(option);
    });
    if (previous && units.some(u => u[0] === previous)) { select.value = previous; }
  }

  /** How a grain's periods read: the API's grain parameter, the word in the note, a period's label. */
  const GRAINS = {
    month: { word: 'monthly', label: p => monthFormat.format(new Date(Date.parse(p.start))) },
    quarter: { word: 'quarterly', label: p => p.period.replace(/^(\d{4})-(Q\d)$/, '$2 $1') },
    year: { word: 'yearly', label: p => p.period },
    'school-year': { word: 'school-year', label: p => 'SY ' + p.period.replace('-', '–') }
  };
  let trendRequest = 0;

  function clearTrend(c, note) {
    $('trend-note').textContent = note;
    $('trend-chart').dataset.points = '0';
    c.clear();
  }

  /**
   * Draws one indicator of one unit per period from /api/v1/units/{id}/series: a point per period the
   * pipeline published, an undefined value (a ratio over 0) as a gap and "no data", never 0, and the
   * period not yet over marked incomplete. A slower answer to an earlier choice never overwrites a later one.
   */
  async function loadTrend() {
    const unit = $('trend-unit').value;
    const id = $('trend-indicator').value;
    const grain = $('trend-grain').value;
    const c = chart('trend-chart');
    if (!unit || !id || !c || !GRAINS[grain]) { return; }
    const request = ++trendRequest;
    $('trend-title').title = definitionText(id);
    const path = API + '/units/' + encodeURIComponent(unit) + '/series?indicator=' + encodeURIComponent(id)
      + '&grain=' + encodeURIComponent(grain);
    let series;
    try {
      series = await getJson(path);
    } catch (error) {
      if (request !== trendRequest) { return; }
      if (error.status === 404) {
        clearTrend(c, 'No ' + GRAINS[grain].word + ' series of ' + catalogName(id) + ' for this unit yet.');
      } else {
        $('trend-note').textContent = 'The series is unavailable right now; retrying shortly.';
        scheduleTrend();
      }
      return;
    }
    if (request !== trendRequest) { return; }
    drawTrend(c, series, id, GRAINS[grain]);
  }

  function drawTrend(c, series, id, grain) {
    const points = series.points;
    const labels = points.map(grain.label);
    const undefinedCount = points.filter(p => p.value == null).length;
    const last = points[points.length - 1];
    $('trend-note').textContent = points.length
      ? points.length + ' ' + grain.word + ' points of ' + catalogName(id) + ' for ' + series.unitName
        + ', ' + labels[0] + ' to ' + labels[labels.length - 1] + ', in event time and the province\'s calendar (UTC+7)'
        + (undefinedCount ? '; ' + undefinedCount + ' with no data (gaps)' : '')
        + (last && !last.complete ? '; the last period is not over (incomplete).' : '.')
      : 'No ' + grain.word + ' points of ' + catalogName(id) + ' yet.';
    $('trend-chart').dataset.points = String(points.length);
    // null is a gap in the line: a ratio over 0 has no value, which must not read as 0
    const data = points.map(p => p.complete ? p.value
      : { value: p.value, symbol: 'emptyCircle', symbolSize: 8, itemStyle: { color: '#b45309', borderColor: '#b45309' } });
    c.setOption(Object.assign({}, BASE, {
      // room for the first and last period labels, centred on the chart's edges
      grid: { left: 28, right: 32, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', confine: true, formatter: params => {
        if (!params.length) { return ''; }
        const p = points[params[0].dataIndex];
        const def = definitionOf(id);
        const ratio = def && def.ratio && p.value != null;
        return tooltipHtml(series.unitName + ' · ' + labels[params[0].dataIndex], [{
          marker: p.complete ? 'tip-navy' : 'tip-amber', label: catalogName(id), value: format(id, p.value == null ? NaN : p.value),
          note: [ratio ? '(' + count(p.numerator) + ' / ' + count(p.denominator) + ')' : '',
            dateFormat.format(new Date(Date.parse(p.start))) + ' – ' + dateFormat.format(new Date(Date.parse(p.end))),
            p.complete ? '' : 'incomplete: the period is not over'].filter(Boolean).join(' · ') }]);
      } },
      xAxis: { type: 'category', data: labels, boundaryGap: false, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', scale: true, splitLine: { lineStyle: { color: '#eef1f5' } },
        axisLabel: { formatter: v => format(id, v) } },
      series: [{ type: 'line', data: data, name: catalogName(id), connectNulls: false,
        showSymbol: true, symbolSize: 4,
        lineStyle: { width: 2, color: '#0b3954' }, itemStyle: { color: '#0b3954' },
        areaStyle: { color: 'rgba(15, 118, 110, 0.12)' } }]
    }), true);
  }

  /* ---------- freshness ---------- */

  function ago(ms) {
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) { return s + ' s ago'; }
    if (s < 3600) { return Math.floor(s / 60) + ' min ago'; }
    return Math.floor(s / 3600) + ' h ago';
  }

  function tickFreshness() {
    const updated = $('updated');
    if (state.lastReceived === null) {
      updated.textContent = state.live ? 'connected, waiting for data' : 'connecting…';
      return;
    }
    updated.textContent = 'Updated ' + ago(Date.now() - state.lastReceived) + (state.live ? '' : ' · reconnecting');
    const asOf = Math.max.apply(null, Array.from(state.districts.values()).concat(Array.from(state.provinces.values()))
      .map(s => Date.parse(s.asOf)));
    const evaluated = Math.max.apply(null, Array.from(state.provinces.values())
      .filter(s => s.evaluatedAt).map(s => Date.parse(s.evaluatedAt)));
    $('as-of').textContent = Number.isFinite(asOf)
      ? 'Figures reflect events up to ' + timeFormat.format(new Date(asOf)) + ' (UTC+7)'
        + (Number.isFinite(evaluated) ? ' · rolling windows end ' + dayFormat.format(new Date(evaluated)) + ', that day included' : '')
      : '';
    $('as-of').dataset.asOf = Number.isFinite(asOf) ? new Date(asOf).toISOString() : '';
    $('as-of').dataset.evaluatedAt = Number.isFinite(evaluated) ? new Date(evaluated).toISOString() : '';
  }

  /* ---------- start ---------- */

  async function start() {
    try {
      await loadCatalog();
    } catch (error) {
      notice('Cannot load the indicator catalog; retrying…');
      setTimeout(start, 3000);
      return;
    }
    fillIndicatorSelect($('bar-indicator'), state.catalog, 'staff.it_certified.share');
    fillIndicatorSelect($('trend-indicator'), state.periodCatalog, 'training.sessions');
    $('bar-indicator').addEventListener('change', renderBar);
    $('trend-indicator').addEventListener('change', loadTrend);
    $('trend-grain').addEventListener('change', loadTrend);
    $('trend-unit').addEventListener('change', loadTrend);
    window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
    setInterval(tickFreshness, 1000);
    connect();
    await loadAll();
  }

  start();
}());
