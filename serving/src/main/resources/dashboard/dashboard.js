/* EduPulse dashboard: reads the query API, follows /api/v1/stream, draws with the bundled echarts. */
(function () {
  'use strict';

  const API = '/api/v1';
  /** Where the reader's choice of language is remembered; Vietnamese unless they chose English. */
  const LANGUAGE_KEY = 'edupulse.lang';
  const LANG = readLanguage();
  const MESSAGES = window.EDUPULSE_MESSAGES[LANG];
  const LOCALE = MESSAGES.locale;
  /** The one time zone of the indicators (Điện Biên keeps Indochina Time, UTC+7). */
  const PROVINCE_ZONE = 'Asia/Ho_Chi_Minh';
  const RENDER_DELAY_MS = 150;
  const TREND_RELOAD_MS = 3000;

  const state = {
    catalog: new Map(),
    /** The indicators that have a series by period (the catalog's periodIndicators), in its order. */
    periodCatalog: new Map(),
    /** The breakdowns a unit may publish (the catalog's breakdowns: one figure per open-ended key), in its order. */
    breakdownCatalog: new Map(),
    catalogVersion: '',
    districts: new Map(),
    provinces: new Map(),
    lastReceived: null,
    live: false,
    connectedOnce: false,
    updates: 0,
    cellText: new Map(),
    /** What the page shows: the province (unitId null) or a unit, from the URL's hash (#/unit/DB-MA?period=2025-Q3). */
    view: { unitId: null, period: null, compare: null },
    /** The shown unit's IndicatorSet (/api/v1/units/{id}), null for the province. */
    unit: null,
    /** The shown unit's schools, by id: their sets, or a stand-in with no figures for a school with none yet. */
    children: new Map(),
    viewRequest: 0
  };

  /** The figures the department reports, in its order (labels and detail lines in dashboard-i18n.js). */
  const HEADLINE = [
    { id: 'staff.active' },
    { id: 'staff.it_certified.share', bar: true },
    { id: 'staff.it_teachers' },
    { id: 'training.sessions.total' },
    { id: 'devices.tablets.with_sim' },
    { id: 'devices.computers.in_service' },
    { id: 'learners.per_teaching_computer' },
    { id: 'schools.with_internet.share', bar: true }
  ];

  /** The numbers a headline card's detail line may name, formatted. */
  function headlineFacts(s, id) {
    return {
      schools: count(num(s, 'schools.total')),
      numerator: count(numerator(s, id)),
      denominator: count(denominator(s, id)),
      itShare: pct(num(s, 'staff.it_teachers.share'), 2),
      itDegree: count(num(s, 'staff.it_degree_teachers')),
      sessions30: count(num(s, 'training.sessions.30d')),
      sessions365: count(num(s, 'training.sessions.365d')),
      tablets: count(num(s, 'devices.tablets.in_service')),
      teaching: count(num(s, 'devices.computers.teaching')),
      office: count(num(s, 'devices.computers.office')),
      learners: count(num(s, 'learners.enrolled'))
    };
  }

  /** District table columns, in order (headings in dashboard-i18n.js). */
  const COLUMNS = ['staff.active', 'staff.it_certified.share', 'staff.it_teachers', 'training.sessions.total',
    'training.sessions.30d', 'devices.tablets.with_sim', 'devices.computers.teaching', 'devices.computers.office',
    'learners.per_teaching_computer', 'schools.with_internet.share', 'quality.findings.total']
    .map(id => [id, MESSAGES.columns[id]]);

  // Vietnamese: 15.614, 84,5 %, 29/11/2025 (vi-VN); English: 15,614, 84.5%, 29 Nov 2025
  const intFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const DATE_PARTS = LANG === 'vi' ? { day: '2-digit', month: '2-digit', year: 'numeric' }
    : { day: 'numeric', month: 'short', year: 'numeric' };
  const DATE_LOCALE = LANG === 'vi' ? 'vi-VN' : 'en-GB';
  const timeFormat = new Intl.DateTimeFormat(DATE_LOCALE, Object.assign({
    timeZone: PROVINCE_ZONE, hour: '2-digit', minute: '2-digit' }, DATE_PARTS));
  const dayFormat = new Intl.DateTimeFormat(DATE_LOCALE, Object.assign({ timeZone: PROVINCE_ZONE }, DATE_PARTS));
  // A period's first and last days are dates of the province's calendar ("2025-11-01", parsed as UTC midnight)
  const dateFormat = new Intl.DateTimeFormat(DATE_LOCALE, Object.assign({ timeZone: 'UTC' }, DATE_PARTS));
  const monthFormat = new Intl.DateTimeFormat(DATE_LOCALE, { timeZone: 'UTC', month: 'short', year: 'numeric' });
  /** A month from its first day ("2025-11-01"): "11/2025" in Vietnamese, "Nov 2025" in English. */
  function monthLabel(start) {
    return LANG === 'vi' ? start.slice(5, 7) + '/' + start.slice(0, 4) : monthFormat.format(new Date(Date.parse(start)));
  }

  /** The language chosen before (localStorage), else Vietnamese. */
  function readLanguage() {
    try {
      return window.localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'vi';
    } catch (error) {
      return 'vi'; // storage disabled: the default
    }
  }

  /** A message of the page's language: a string, or a function given the arguments. */
  function t(key) {
    const message = MESSAGES[key];
    return typeof message === 'function' ? message.apply(null, Array.prototype.slice.call(arguments, 1)) : message;
  }

  /** Puts the page's fixed words in its language (elements marked data-i18n, data-i18n-title, data-i18n-aria-label). */
  function translatePage() {
    document.documentElement.lang = LANG;
    document.title = t('pageTitle');
    document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll('[data-i18n-title]').forEach(el => { el.title = t(el.dataset.i18nTitle); });
    document.querySelectorAll('[data-i18n-aria-label]').forEach(el => {
      el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
    });
    const other = LANG === 'vi' ? 'en' : 'vi';
    const button = $('lang-switch');
    button.textContent = t('otherLanguage');
    button.title = t('otherLanguageTitle');
    button.lang = other;
    button.dataset.lang = other;
    button.addEventListener('click', () => {
      try { window.localStorage.setItem(LANGUAGE_KEY, other); } catch (error) { /* not remembered, still switched below */ }
      window.location.reload();
    });
  }

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

  const NO_DATA = MESSAGES.noData;

  function indicator(set, id) { return set && set.indicators ? set.indicators[id] : undefined; }
  // A null value is a ratio over 0 (e.g. no teaching computers): it shows "no data", never 0.
  function num(set, id) { const v = indicator(set, id); return v && v.value != null ? v.value : NaN; }
  function numerator(set, id) { const v = indicator(set, id); return v ? v.numerator : NaN; }
  function denominator(set, id) { const v = indicator(set, id); return v && v.denominator != null ? v.denominator : NaN; }
  function count(v) { return Number.isFinite(v) ? intFormat.format(v) : '–'; }
  function pct(v, digits) {
    if (!Number.isFinite(v)) { return '–'; }
    return new Intl.NumberFormat(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v)
      + MESSAGES.percentSuffix;
  }

  /** The definition of a live indicator or of one that only periods publish (training.sessions, ...). */
  function definitionOf(id) {
    return state.catalog.get(id) || state.periodCatalog.get(id) || state.breakdownCatalog.get(id);
  }

  /** A value as the catalog defines it: shares in %, ratios with a decimal, counts as integers. */
  function format(id, value) {
    const def = definitionOf(id);
    if (!Number.isFinite(value)) { return NO_DATA; }
    if (def && def.unit === '%') { return oneDecimal.format(value) + MESSAGES.percentSuffix; }
    if (def && def.ratio) { return oneDecimal.format(value); }
    return intFormat.format(value);
  }

  /** The catalog's words of an indicator in the page's language (the catalog carries both). */
  function words(def) { return def.texts && def.texts[LANG] ? def.texts[LANG] : def; }

  /** Hover text: the catalog's name, definition and international correspondence. */
  function definitionText(id) {
    const def = definitionOf(id);
    if (!def) { return id; }
    const w = words(def);
    return t('definitionText', w.name, w.definition, w.correspondence, id);
  }

  function catalogName(id) {
    const def = definitionOf(id);
    return def ? words(def).name : id;
  }

  function province() {
    const all = Array.from(state.provinces.values());
    return all.length ? all[0] : null;
  }

  function districtsSorted() {
    return Array.from(state.districts.values()).sort((a, b) => a.unitName.localeCompare(b.unitName, 'vi'));
  }

  /** The set the page shows: the province, or the unit of the URL. */
  function viewedSet() { return state.view.unitId ? state.unit : province(); }

  /** The level of the units listed under the shown one: the districts of the province, the schools of anything else. */
  function childLevel() { return state.view.unitId ? 'SCHOOL' : 'DISTRICT'; }

  /** The units listed under the shown one, by name. */
  function childrenSorted() {
    if (!state.view.unitId) { return districtsSorted(); }
    return Array.from(state.children.values()).sort((a, b) => a.unitName.localeCompare(b.unitName, 'vi'));
  }

  /* ---------- drill-down: the unit in the URL ---------- */

  const UNIT_HASH = /^#\/unit\/([A-Za-z0-9_.-]{1,64})(?:\?(.*))?$/;
  const PERIOD = /^\d{4}(-(Q[1-4]|\d{2}|\d{4}))?$/;

  /** "#/unit/DB-MA?period=2025-Q3" as { unitId: 'DB-MA', period: '2025-Q3' }; anything else is the province. */
  function parseHash(hash) {
    const unit = UNIT_HASH.exec(hash || '');
    const query = unit ? unit[2] : (/^#\/?\?(.*)$/.exec(hash || '') || [])[1];
    const params = new URLSearchParams(query || '');
    const period = params.get('period');
    const compare = params.get('compare');
    return { unitId: unit ? unit[1] : null, period: period && PERIOD.test(period) ? period : null,
      compare: compare && PERIOD.test(compare) ? compare : null };
  }

  /** The link to a unit (null: the province), keeping the periods chosen (or those given). */
  function unitHref(unitId, period, compare) {
    const p = period === undefined ? state.view.period : period;
    const c = compare === undefined ? state.view.compare : compare;
    const query = [p ? 'period=' + encodeURIComponent(p) : '', p && c ? 'compare=' + encodeURIComponent(c) : '']
      .filter(Boolean).join('&');
    return (unitId ? '#/unit/' + encodeURIComponent(unitId) : '#/') + (query ? '?' + query : '');
  }

  function drillTo(unitId) {
    const href = unitHref(unitId);
    if (window.location.hash !== href) { window.location.hash = href; }
  }

  /** A school listed under a unit that has no figures yet: every value reads "no data". */
  function standIn(unit) {
    return { unitId: unit.id, unitName: unit.name, level: unit.level, asOf: null, indicators: {} };
  }

  /**
   * Shows the unit the URL names: its set, and for a district or commune its schools' sets. The page
   * changes only once everything has arrived, and a slower answer to an earlier URL never overwrites a later one.
   */
  async function loadView() {
    const view = parseHash(window.location.hash);
    const request = ++state.viewRequest;
    if (!view.unitId) {
      showView(view, null, []);
      return;
    }
    try {
      const unit = await getJson(API + '/units/' + encodeURIComponent(view.unitId));
      if (unit.level === 'PROVINCE') {
        if (request === state.viewRequest) { showView(Object.assign({}, view, { unitId: null }), null, []); }
        return;
      }
      const schools = unit.level === 'SCHOOL' ? []
        : (await getJson(API + '/units?level=SCHOOL&parent=' + encodeURIComponent(unit.unitId))).units;
      const sets = await Promise.all(schools.map(school =>
        getJson(API + '/units/' + encodeURIComponent(school.id) + '?level=SCHOOL').catch(() => standIn(school))));
      if (request === state.viewRequest) { showView(view, unit, sets); }
    } catch (error) {
      if (request !== state.viewRequest) { return; }
      if (error.status === 404) {
        notice(t('unitNotFound', view.unitId));
        showView(Object.assign({}, view, { unitId: null }), null, []);
      } else {
        const wait = error.retryAfter || 3;
        notice(t('unitUnavailable', wait));
        setTimeout(() => { if (request === state.viewRequest) { loadView(); } }, wait * 1000);
      }
    }
  }

  function showView(view, unit, children) {
    const changed = view.unitId !== state.view.unitId;
    state.view = view;
    state.unit = unit;
    state.children = new Map(children.map(set => [set.unitId, set]));
    if (unit) { notice(null); }
    render();
    fillTrendUnits();
    if (changed) {
      const shown = viewedSet();
      if (shown) { $('trend-unit').value = shown.unitId; }
      window.scrollTo(0, 0);
    }
    loadTrend();
    loadPeriods();
  }

  /* ---------- periods: a period's figures, two periods side by side, the printed report ---------- */

  /** The headline figures of the printed report, and the columns of its table of sub-units. */
  const REPORT_FIGURES = ['staff.active', 'staff.it_certified.share', 'staff.it_teachers', 'training.sessions',
    'devices.tablets.with_sim', 'devices.computers.in_service', 'learners.per_teaching_computer',
    'schools.with_internet.share'];
  const REPORT_COLUMNS = ['staff.active', 'staff.it_certified.share', 'training.sessions', 'devices.computers.teaching',
    'learners.per_teaching_computer', 'schools.with_internet.share'];
  let periodRequest = 0;

  /** The grain of a period's label, as the API names it: 2025-11, 2025-Q3, 2025, 2024-2025. */
  function grainOf(period) {
    if (/^\d{4}-\d{2}$/.test(period)) { return 'month'; }
    if (/^\d{4}-Q[1-4]$/.test(period)) { return 'quarter'; }
    if (/^\d{4}$/.test(period)) { return 'year'; }
    return /^\d{4}-\d{4}$/.test(period) ? 'school-year' : null;
  }

  /** A period's label as the page writes it: 11/2025, Quý 3/2025, 2025, Năm học 2024–2025. */
  function periodLabel(period) {
    const grain = grainOf(period);
    return grain ? GRAINS[grain].label({ period: period, start: period + '-01' }) : period;
  }

  function periodPath(unitId, period) {
    return API + '/units/' + encodeURIComponent(unitId) + '/periods/' + encodeURIComponent(period);
  }

  function periodValue(p, id) {
    const v = p && p.indicators ? p.indicators[id] : undefined;
    return v && v.value != null ? v.value : NaN;
  }

  /** The change from b to a: signed, in percentage points for a share; "no data" when either has none. */
  function change(id, a, b) {
    if (!Number.isFinite(a) || !Number.isFinite(b)) { return NO_DATA; }
    const d = a - b;
    const sign = d > 0 ? '+' : d < 0 ? '-' : '';
    const def = definitionOf(id);
    return sign + (def && def.unit === '%' ? oneDecimal.format(Math.abs(d)) + MESSAGES.pointsSuffix : format(id, Math.abs(d)));
  }

  /** Goes to the periods chosen: through the address, so they can be bookmarked and shared. */
  function choosePeriods(period, compare) {
    const href = unitHref(state.view.unitId, period || null, compare || null);
    if (window.location.hash === href || (!window.location.hash && href === '#/')) {
      loadPeriods();
    } else {
      window.location.hash = href;
    }
  }

  function fillPeriodSelect(select, periods, value, empty) {
    select.innerHTML = '';
    if (empty) {
      const none = document.createElement('option');
      none.value = '';
      none.textContent = empty;
      select.appendChild(none);
    }
    periods.forEach(p => {
      const option = document.createElement('option');
      option.value = p.period;
      option.textContent = periodLabel(p.period);
      select.appendChild(option);
    });
    select.value = value;
  }

  /**
   * The periods of the unit shown at the chosen grain (those of its series), the period of the address
   * (else the latest) and the one it is compared with, side by side; then the report of that period.
   */
  async function loadPeriods() {
    const shown = viewedSet();
    if (!shown) { return; }
    const request = ++periodRequest;
    const grain = (state.view.period && grainOf(state.view.period)) || $('period-grain').value;
    $('period-grain').value = grain;
    let periods = [];
    try {
      periods = (await getJson(API + '/units/' + encodeURIComponent(shown.unitId) + '/series?indicator=staff.active&grain='
        + encodeURIComponent(grain))).points.slice().reverse();
    } catch (error) {
      if (request !== periodRequest) { return; }
      if (error.status !== 404) { setTimeout(() => { if (request === periodRequest) { loadPeriods(); } }, 3000); return; }
    }
    if (request !== periodRequest) { return; }
    const known = id => periods.some(p => p.period === id);
    const a = known(state.view.period) ? state.view.period : (periods.length ? periods[0].period : '');
    const b = known(state.view.compare) && state.view.compare !== a ? state.view.compare : '';
    fillPeriodSelect($('period-a'), periods, a, null);
    fillPeriodSelect($('period-b'), periods.filter(p => p.period !== a), b, t('noCompare'));
    const read = period => period ? getJson(periodPath(shown.unitId, period)).catch(() => null) : Promise.resolve(null);
    const [pa, pb] = await Promise.all([read(a), read(b)]);
    if (request !== periodRequest) { return; }
    renderCompare(pa, pb);
    await loadReport(shown, pa, request);
  }

  function renderCompare(a, b) {
    $('compare-wrap').hidden = !a;
    $('period-note').textContent = a ? t('periodNote', periodLabel(a.period), dateFormat.format(new Date(Date.parse(a.start))),
      dateFormat.format(new Date(Date.parse(a.end))), a.complete) : t('periodNone');
    const head = $('compare-head');
    head.innerHTML = '';
    [t('indicatorLabel'), a ? periodLabel(a.period) : '', b ? periodLabel(b.period) : null, b ? t('changeColumn') : null]
      .filter(text => text !== null).forEach(text => {
        const th = document.createElement('th');
        th.textContent = text;
        head.appendChild(th);
      });
    const body = $('compare-body');
    body.innerHTML = '';
    if (!a) { return; }
    const download = periodPath(a.unitId, a.period) + '?' + (b ? 'compare=' + encodeURIComponent(b.period) + '&' : '')
      + 'lang=' + LANG + '&format=';
    $('compare-csv').href = download + 'csv';
    $('compare-xlsx').href = download + 'xlsx';
    state.periodCatalog.forEach(def => {
      const tr = document.createElement('tr');
      tr.dataset.indicator = def.id;
      tr.innerHTML = '<td></td><td class="a"></td>' + (b ? '<td class="b"></td><td class="change"></td>' : '');
      tr.children[0].textContent = words(def).name;
      tr.children[0].title = definitionText(def.id);
      const va = periodValue(a, def.id);
      tr.querySelector('.a').textContent = format(def.id, va);
      if (b) {
        const vb = periodValue(b, def.id);
        tr.querySelector('.b').textContent = format(def.id, vb);
        const cell = tr.querySelector('.change');
        cell.textContent = change(def.id, va, vb);
        cell.classList.toggle('up', va > vb);
        cell.classList.toggle('down', va < vb);
      }
      body.appendChild(tr);
    });
  }

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) { el.className = className; }
    if (text !== undefined) { el.textContent = text; }
    return el;
  }

  /**
   * The one-page report of the unit and period, shown only when printing (print CSS): headline figures,
   * the period's figures of the units under it, the definitions and the data's time.
   */
  async function loadReport(shown, period, request) {
    const report = $('report');
    report.dataset.ready = 'false';
    if (!period) { report.innerHTML = ''; return; }
    const children = shown.level === 'SCHOOL' ? [] : childrenSorted();
    const sets = await Promise.all(children.map(child => getJson(periodPath(child.unitId, period.period))
      .then(p => Object.assign(p, { unitName: child.unitName }))
      .catch(() => ({ unitId: child.unitId, unitName: child.unitName, indicators: {} }))));
    if (request !== periodRequest) { return; }
    report.innerHTML = '';
    report.appendChild(element('h1', null, t('reportTitle')));
    report.appendChild(element('h2', 'unit', shown.unitName + ' · ' + periodLabel(period.period)));
    report.appendChild(element('p', 'meta', t('periodNote', periodLabel(period.period),
      dateFormat.format(new Date(Date.parse(period.start))), dateFormat.format(new Date(Date.parse(period.end))),
      period.complete)));
    const figures = element('dl', 'figures');
    REPORT_FIGURES.forEach(id => {
      const figure = element('div', 'figure');
      figure.dataset.indicator = id;
      figure.appendChild(element('dt', null, catalogName(id)));
      figure.appendChild(element('dd', null, format(id, periodValue(period, id))));
      figures.appendChild(figure);
    });
    report.appendChild(figures);
    if (sets.length) {
      report.appendChild(element('h2', null, t('reportChildren', childLevel())));
      const table = element('table');
      const head = element('tr');
      head.appendChild(element('th', null, t('unitColumn')));
      REPORT_COLUMNS.forEach(id => head.appendChild(element('th', null, catalogName(id))));
      table.appendChild(element('thead')).appendChild(head);
      const body = table.appendChild(element('tbody'));
      const row = (set, foot) => {
        const tr = element('tr');
        tr.dataset.unit = set.unitId;
        tr.appendChild(element('td', null, set.unitName || shown.unitName));
        REPORT_COLUMNS.forEach(id => tr.appendChild(element('td', null, format(id, periodValue(set, id)))));
        return tr;
      };
      sets.forEach(set => body.appendChild(row(set)));
      table.appendChild(element('tfoot')).appendChild(row(Object.assign({}, period, { unitName: shown.unitName })));
      report.appendChild(table);
    }
    report.appendChild(element('h2', null, t('reportDefinitions')));
    const definitions = element('ul', 'definitions');
    REPORT_FIGURES.concat(REPORT_COLUMNS.filter(id => REPORT_FIGURES.indexOf(id) < 0)).forEach(id => {
      const def = definitionOf(id);
      if (def) { definitions.appendChild(element('li', null, words(def).name + ': ' + words(def).definition + '.')); }
    });
    report.appendChild(definitions);
    report.appendChild(element('p', 'source', t('reportSource', state.catalogVersion, timeFormat.format(new Date()))));
    report.dataset.unit = shown.unitId;
    report.dataset.period = period.period;
    report.dataset.ready = 'true';
  }

  let viewTimer = null;
  /** Re-reads the shown unit and its schools (at most every 3 s) after a live update of it or of its district. */
  function scheduleView() {
    if (viewTimer === null) {
      viewTimer = setTimeout(() => { viewTimer = null; loadView(); }, TREND_RELOAD_MS);
    }
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
    const catalog = await getJson(API + '/indicators?lang=' + LANG);
    state.catalogVersion = catalog.catalogVersion;
    catalog.indicators.forEach(def => state.catalog.set(def.id, def));
    (catalog.periodIndicators || []).forEach(def => state.periodCatalog.set(def.id, def));
    (catalog.breakdowns || []).forEach(def => state.breakdownCatalog.set(def.id, def));
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
      if (!state.view.unitId) { loadPeriods(); }
    } catch (error) {
      const wait = error.retryAfter || 3;
      notice(error.retryAfter ? t('pipelineStarting', wait) : t('apiUnreachable', error.message, wait));
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
    if (state.unit && (set.unitId === state.unit.unitId || set.unitId === state.unit.districtId)) { scheduleView(); }
  }

  function setLive(live) {
    state.live = live;
    const dot = $('live-dot');
    dot.classList.toggle('live', live);
    dot.classList.toggle('down', !live);
    dot.title = live ? t('live') : t('reconnecting');
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
    const shown = viewedSet();
    renderBreadcrumb(p, shown);
    $('headline-title').textContent = state.view.unitId && shown ? t('headlineTitleOf', shown.unitName) : t('headlineTitle');
    renderCards(shown);
    const through = shown && (shown.dataThrough || shown.asOf);
    $('figures-time').textContent = through ? t('dataThrough', shown.unitName, timeFormat.format(new Date(through))) : '';
    $('figures-time').dataset.dataThrough = through || '';
    const school = Boolean(shown && shown.level === 'SCHOOL');
    $('children-panel').hidden = school;
    $('charts-row').hidden = school;
    $('figures-panel').hidden = !school;
    if (shown) {
      const table = API + '/units/' + encodeURIComponent(shown.unitId) + '/table?lang=' + LANG + '&format=';
      ['table', 'figures'].forEach(prefix => {
        $(prefix + '-csv').href = table + 'csv';
        $(prefix + '-xlsx').href = table + 'xlsx';
      });
    }
    if (school) {
      renderFigures(shown);
    } else {
      renderTable(shown);
      renderBar();
      renderComputers();
    }
    renderBreakdowns(shown);
    tickFreshness();
    document.body.dataset.view = state.view.unitId || 'province';
    document.body.dataset.ready = 'true';
  }

  /** Province › former district › commune › school: each a link but the last, the unit shown. */
  function renderBreadcrumb(p, shown) {
    const list = $('breadcrumb-list');
    list.innerHTML = '';
    const crumbs = [];
    if (p) { crumbs.push([p.unitId, p.unitName, null]); }
    const unit = state.view.unitId ? shown : null;
    if (unit) {
      if (unit.districtId && unit.districtId !== unit.unitId) { crumbs.push([unit.districtId, unit.districtName || unit.districtId]); }
      if (unit.level === 'SCHOOL' && unit.parentId && unit.parentId !== unit.districtId) {
        crumbs.push([unit.parentId, unit.parentName || unit.parentId]);
      }
      crumbs.push([unit.unitId, unit.unitName]);
    }
    crumbs.forEach(([id, name], index) => {
      const li = document.createElement('li');
      const last = index === crumbs.length - 1;
      const el = document.createElement(last ? 'span' : 'a');
      el.textContent = name;
      el.dataset.unit = id;
      if (last) {
        el.setAttribute('aria-current', 'page');
      } else {
        el.href = unitHref(index === 0 ? null : id);
      }
      li.appendChild(el);
      list.appendChild(li);
    });
  }

  /** A school's own figures: every indicator of the catalog with its value and, for a ratio, its parts. */
  function renderFigures(set) {
    const body = $('figures-body');
    body.innerHTML = '';
    state.catalog.forEach(def => {
      const tr = document.createElement('tr');
      tr.dataset.indicator = def.id;
      tr.innerHTML = '<td></td><td class="value"></td><td class="parts"></td>';
      tr.children[0].textContent = words(def).name;
      tr.children[0].title = definitionText(def.id);
      tr.children[1].textContent = format(def.id, num(set, def.id));
      const v = indicator(set, def.id);
      tr.children[2].textContent = v && v.denominator != null ? count(v.numerator) + ' / ' + count(v.denominator) : '';
      body.appendChild(tr);
    });
  }

  /**
   * The shown unit's breakdowns, one small table each (e.g. its sponsored devices by programme), in the
   * catalog's order; the panel is hidden when the unit has none. A key is a name from the records (a
   * programme's, as the devices state it): data, so it is set as text, never as markup.
   */
  function renderBreakdowns(set) {
    const container = $('breakdowns');
    container.innerHTML = '';
    const published = set && set.breakdowns ? set.breakdowns : {};
    let shown = 0;
    state.breakdownCatalog.forEach(def => {
      const byKey = published[def.id];
      const keys = byKey ? Object.keys(byKey) : [];
      if (!keys.length) { return; }
      const labels = MESSAGES.breakdowns[def.id] || { title: words(def).name, key: t('breakdownKey'), value: t('valueColumn') };
      const section = element('div', 'breakdown');
      section.dataset.breakdown = def.id;
      const title = section.appendChild(element('h3', null, labels.title));
      title.title = definitionText(def.id);
      const table = section.appendChild(element('table'));
      const head = table.appendChild(element('thead')).appendChild(element('tr'));
      head.appendChild(element('th', null, labels.key));
      head.appendChild(element('th', null, labels.value));
      const body = table.appendChild(element('tbody'));
      // the largest first; equal figures by name
      keys.sort((a, b) => (byKey[b].numerator - byKey[a].numerator) || a.localeCompare(b, 'vi')).forEach(key => {
        const tr = body.appendChild(element('tr'));
        tr.dataset.key = key;
        tr.appendChild(element('td', 'key', key));
        tr.appendChild(element('td', 'value', format(def.id, byKey[key].value == null ? NaN : byKey[key].value)));
      });
      container.appendChild(section);
      shown += 1;
    });
    $('breakdowns-panel').hidden = shown === 0;
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
        card.querySelector('.label').textContent = MESSAGES.headline[h.id].label;
        container.appendChild(card);
      });
    }
    HEADLINE.forEach(h => {
      const card = container.querySelector('[data-indicator="' + h.id + '"]');
      card.title = definitionText(h.id);
      setText(card.querySelector('.value'), 'card|' + (p ? p.unitId : '') + '|' + h.id, format(h.id, num(p, h.id)));
      card.querySelector('.detail').textContent = p ? MESSAGES.headline[h.id].detail(headlineFacts(p, h.id)) : '';
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
      first.textContent = t('unitColumn');
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
    const districts = childrenSorted();
    const level = childLevel();
    const listed = new Set(districts.map(set => set.unitId));
    const rows = new Map(Array.from(body.querySelectorAll('tr')).map(tr => [tr.dataset.unit, tr]));
    rows.forEach((tr, unitId) => { if (!listed.has(unitId)) { tr.remove(); } });
    districts.forEach((set, index) => {
      let tr = rows.get(set.unitId);
      if (!tr) {
        tr = document.createElement('tr');
        tr.dataset.unit = set.unitId;
        tr.innerHTML = '<td><a class="unit-name"></a><span class="unit-id"></span></td>'
          + COLUMNS.map(([id]) => '<td data-indicator="' + escapeHtml(id) + '"></td>').join('');
      }
      if (body.children[index] !== tr) { body.insertBefore(tr, body.children[index] || null); }
      tr.querySelector('.unit-name').textContent = set.unitName;
      tr.querySelector('.unit-name').href = unitHref(set.unitId);
      tr.querySelector('.unit-id').textContent = set.unitId;
      tr.title = set.asOf ? t('figuresAsOf', set.unitName, timeFormat.format(new Date(set.asOf))) : set.unitName;
      COLUMNS.forEach(([id]) => {
        const td = tr.querySelector('td[data-indicator="' + id + '"]');
        setText(td, set.unitId + '|' + id, format(id, num(set, id)));
        const v = indicator(set, id);
        td.title = v && v.denominator != null ? count(v.numerator) + ' / ' + count(v.denominator) : '';
      });
    });
    $('district-count').textContent = t('childCount', districts.length, level);
    $('districts-title').textContent = t('childrenTitle', level);
    $('bar-title').textContent = t('barTitle', level);

    const foot = $('districts-foot');
    foot.innerHTML = '';
    if (p) {
      const tr = document.createElement('tr');
      tr.dataset.unit = p.unitId;
      tr.innerHTML = '<td></td>' + COLUMNS.map(([id]) => '<td data-indicator="' + escapeHtml(id) + '"></td>').join('');
      tr.children[0].textContent = p.unitName + (p.level === 'PROVINCE' ? t('provinceSuffix') : '');
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
    const districts = childrenSorted().reverse();
    $('bar-title').title = definitionText(id);
    drillOnClick(c, districts);
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
    const districts = childrenSorted().reverse();
    drillOnClick(c, districts);
    c.setOption(Object.assign({}, BASE, {
      grid: { left: 20, right: 24, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 12 },
      tooltip: { trigger: 'axis', confine: true, axisPointer: { type: 'shadow' },
        formatter: params => tooltipHtml(districts[params[0].dataIndex].unitName, params.map(p => ({
          marker: p.seriesIndex === 0 ? 'tip-accent' : 'tip-amber', label: p.seriesName, value: count(p.value) }))) },
      xAxis: { type: 'value', splitLine: { lineStyle: { color: '#eef1f5' } } },
      yAxis: { type: 'category', data: districts.map(s => s.unitName), axisTick: { show: false } },
      series: [
        { type: 'bar', stack: 'computers', name: t('teaching'), data: districts.map(s => num(s, 'devices.computers.teaching')),
          itemStyle: { color: '#0f766e' }, barMaxWidth: 22 },
        { type: 'bar', stack: 'computers', name: t('office'), data: districts.map(s => num(s, 'devices.computers.office')),
          itemStyle: { color: '#f59e0b', borderRadius: [0, 4, 4, 0] }, barMaxWidth: 22 }
      ]
    }), true);
  }

  /** A click on a bar (or its band) opens that unit. */
  function drillOnClick(c, units) {
    c.getZr().off('click');
    c.getZr().on('click', event => {
      const point = [event.offsetX, event.offsetY];
      if (!c.containPixel({ gridIndex: 0 }, point)) { return; }
      const index = c.convertFromPixel({ gridIndex: 0 }, point)[1];
      if (units[index]) { drillTo(units[index].unitId); }
    });
  }

  function fillIndicatorSelect(select, definitions, preferred) {
    if (select.options.length) { return; }
    definitions.forEach(def => {
      const option = document.createElement('option');
      option.value = def.id;
      option.textContent = words(def).name;
      option.title = definitionText(def.id);
      select.appendChild(option);
    });
    select.value = preferred;
  }

  function fillTrendUnits() {
    const select = $('trend-unit');
    const previous = select.value;
    const units = Array.from(state.provinces.values()).map(s => [s.unitId, s.unitName + t('provinceSuffix')])
      .concat(districtsSorted().map(s => [s.unitId, s.unitName]));
    if (state.unit && !units.some(u => u[0] === state.unit.unitId)) { units.push([state.unit.unitId, state.unit.unitName]); }
    if (select.options.length === units.length
      && units.every(([id], i) => select.options[i].value === id)) { return; }
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
    month: { word: MESSAGES.grains.month, label: p => monthLabel(p.start) },
    quarter: { word: MESSAGES.grains.quarter, label: p => quarterLabel(p.period) },
    year: { word: MESSAGES.grains.year, label: p => p.period },
    'school-year': { word: MESSAGES.grains['school-year'], label: p => schoolYearLabel(p.period) }
  };

  /** "2025-Q3" as "Quý 3/2025" or "Q3 2025". */
  function quarterLabel(period) {
    const m = /^(\d{4})-Q(\d)$/.exec(period);
    return m ? t('quarterLabel', m[2], m[1]) : period;
  }

  /** "2024-2025" as "Năm học 2024–2025" or "SY 2024–2025". */
  function schoolYearLabel(period) {
    const m = /^(\d{4})-(\d{4})$/.exec(period);
    return m ? t('schoolYearLabel', m[1], m[2]) : period;
  }
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
    $('trend-csv').href = path + '&format=csv';
    $('trend-xlsx').href = path + '&format=xlsx&lang=' + LANG;
    let series;
    try {
      series = await getJson(path);
    } catch (error) {
      if (request !== trendRequest) { return; }
      if (error.status === 404) {
        clearTrend(c, t('trendNone', GRAINS[grain].word, catalogName(id)));
      } else {
        $('trend-note').textContent = t('trendUnavailable');
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
      ? t('trendNote', points.length, grain.word, catalogName(id), series.unitName, labels[0], labels[labels.length - 1],
        undefinedCount, last && !last.complete)
      : t('trendNoPoints', grain.word, catalogName(id));
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
            p.complete ? '' : t('incomplete')].filter(Boolean).join(' · ') }]);
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
    if (s < 60) { return t('secondsAgo', s); }
    if (s < 3600) { return t('minutesAgo', Math.floor(s / 60)); }
    return t('hoursAgo', Math.floor(s / 3600));
  }

  function tickFreshness() {
    const updated = $('updated');
    if (state.lastReceived === null) {
      updated.textContent = state.live ? t('connectedWaiting') : t('connecting');
      return;
    }
    updated.textContent = t('updated', ago(Date.now() - state.lastReceived), state.live);
    const asOf = Math.max.apply(null, Array.from(state.districts.values()).concat(Array.from(state.provinces.values()))
      .map(s => Date.parse(s.asOf)));
    const evaluated = Math.max.apply(null, Array.from(state.provinces.values())
      .filter(s => s.evaluatedAt).map(s => Date.parse(s.evaluatedAt)));
    $('as-of').textContent = Number.isFinite(asOf)
      ? t('asOf', timeFormat.format(new Date(asOf)))
        + (Number.isFinite(evaluated) ? t('windowsEnd', dayFormat.format(new Date(evaluated))) : '')
      : '';
    $('as-of').dataset.asOf = Number.isFinite(asOf) ? new Date(asOf).toISOString() : '';
    $('as-of').dataset.evaluatedAt = Number.isFinite(evaluated) ? new Date(evaluated).toISOString() : '';
  }

  /* ---------- start ---------- */

  async function start() {
    try {
      await loadCatalog();
    } catch (error) {
      notice(t('catalogUnavailable'));
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
    $('districts-body').addEventListener('click', event => {
      const row = event.target.closest('tr[data-unit]');
      if (row && !event.target.closest('a')) { drillTo(row.dataset.unit); }
    });
    window.addEventListener('hashchange', loadView);
    $('period-grain').addEventListener('change', () => choosePeriods(null, null));
    $('period-a').addEventListener('change', () => choosePeriods($('period-a').value, $('period-b').value));
    $('period-b').addEventListener('change', () => choosePeriods($('period-a').value, $('period-b').value));
    $('print-report').addEventListener('click', () => window.print());
    connect();
    await loadAll();
    await loadView();
  }

  translatePage();
  start();
}());
