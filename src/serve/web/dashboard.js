// jobsift serve's dashboard script (GET /assets/dashboard.js): fills the
// filter bars from /api/meta, draws every analysis of the catalogue from
// /api/tables with ECharts (global `echarts`, word clouds by
// echarts-wordcloud), and keeps the view (each pane's filter and the compare
// toggle) in the URL's hash. Plain ES2019, no modules, no build step.
//
// The charts follow the catalogue: each analysis names its chart kind, its
// row keys ("half|industry") and the measure column drawn; small-sample
// cells (small_n) are drawn light and hatched with a * on their labels, as
// in report.html. Unknown cells (null) are gaps, never zeros.
//
// For tests: window.jobsiftDashboard = {ready, meta, compare, panes: {a, b}},
// each pane {filter, tables, charts: {ID: echarts instance}, error}.
(function () {
  'use strict';

  // ---------------------------------------------------------------------
  // Constants

  // The filters of a pane, in the order of its bar: the query parameter,
  // the /api/meta dimension its values come from, its label, and what the
  // empty choice ("any") reads as.
  var FILTERS = [
    { key: 'half', dim: 'half', label: '时期（半年度）', any: '自动（同报告）' },
    { key: 'from', dim: 'quarter', label: '起始季度', any: '最早' },
    { key: 'to', dim: 'quarter', label: '截止季度', any: '最近' },
    { key: 'city', dim: 'city', label: '城市', any: '全部城市' },
    { key: 'province', dim: 'province', label: '省份', any: '全部省份' },
    { key: 'tier', dim: 'tier', label: '城市等级', any: '全部等级' },
    { key: 'industry', dim: 'industry', label: '行业', any: '全部行业' },
    { key: 'degree', dim: 'degree', label: '学历', any: '全部学历' },
    { key: 'size', dim: 'size', label: '企业规模', any: '全部规模' },
    { key: 'experience', dim: 'experience', label: '经验', any: '全部' },
    { key: 'definition', dim: null, label: 'AI定义', any: '默认' }
  ];
  var FILTER_BY_KEY = {};
  FILTERS.forEach(function (f) { FILTER_BY_KEY[f.key] = f; });
  var PANES = ['a', 'b'];

  var PALETTE = ['#1f5f99', '#e07b39', '#4c9a5b', '#8c5fb3', '#c8a21e', '#2aa1a8', '#b5485d'];
  var INK = '#3e4c59';
  var SMALL_DECAL = {
    symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 3],
    rotation: -Math.PI / 4, color: 'rgba(255,255,255,0.75)'
  };
  // The bar every table's small_n flag is set by: serve --min-n, which
  // /api/meta may give as min_n; otherwise its default.
  var MIN_N = 30;
  // Below this width a chart reads its categories across (horizontal bars).
  var NARROW = 560;
  // Natural orders of the banded dimensions (as report.html orders them);
  // other values keep table order after these.
  var ORDERS = {
    degree: ['博士', '硕士', '本科', '大专及以下', '不限', '(unknown)'],
    experience: ['1年以下', '1-3年', '3-5年', '5-10年', '10年以上', '不限', '(unknown)'],
    company_size: ['100人以下', '100-500人', '500-10000人', '10000人以上', '(unknown)']
  };
  var TIME_KEYS = { quarter: true, half: true };
  // What a table's n counts, where it is not AI postings.
  var N_UNITS = { D2: '个含AI词岗位' };

  var FONT = window.getComputedStyle(document.body).fontFamily;

  // ---------------------------------------------------------------------
  // State

  function newPane(name) {
    return {
      name: name,
      filter: {},         // query parameter → value; absent = any
      tables: null,       // the last /api/tables answer drawn
      charts: {},         // analysis id → echarts instance
      error: null,        // the message of the last failed request
      seq: 0,             // number of the latest request: older answers are dropped
      pending: 0,         // 1 while a request for the current filter is out
      shownKey: null,     // the query whose answer (or error) is on screen
      settling: null,     // a timer while drawn word clouds still lay out
      groups: {}          // split figures: analysis id → the group shown
    };
  }
  var dash = {
    ready: false,
    meta: null,
    compare: false,
    error: null,
    panes: { a: newPane('a'), b: newPane('b') }
  };
  window.jobsiftDashboard = dash;
  var cells = {};  // analysis id → pane → the DOM of that figure's pane

  // ---------------------------------------------------------------------
  // Small helpers

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, attrs[k]);
    });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function group(n) {
    var s = String(Math.round(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return n < 0 ? '-' + s : s;
  }
  function isNum(v) { return typeof v === 'number' && isFinite(v); }
  // A number as the report prints it, by its column's unit.
  function fmt(v, unit) {
    if (!isNum(v)) return '—';
    if (unit === 'percent') return v.toFixed(2) + '%';
    if (unit === '万元') return v.toFixed(1) + '万';
    if (unit === 'postings') return group(v);
    return String(v);
  }
  function axisFmt(unit) {
    return function (v) {
      if (unit === 'percent') return v + '%';
      if (unit === '万元') return v + '万';
      return unit === 'postings' ? group(v) : String(v);
    };
  }
  var QUARTERS_ZH = ['一季度', '二季度', '三季度', '四季度'];
  // "2024H1" → "2024年上半年", "2023Q1–2024Q2" → "2023年一季度至2024年二季度".
  function formatPeriod(p) {
    if (p === null || p === undefined || p === '') return '—';
    p = String(p);
    var one = function (s) {
      var m = /^(\d{4})(?:([HQ])(\d))?$/.exec(s);
      if (!m) return s;
      if (!m[2]) return m[1] + '年';
      if (m[2] === 'H' && (m[3] === '1' || m[3] === '2')) return m[1] + (m[3] === '1' ? '年上半年' : '年下半年');
      if (m[2] === 'Q' && m[3] >= '1' && m[3] <= '4') return m[1] + '年' + QUARTERS_ZH[m[3] - 1];
      return s;
    };
    var at = p.indexOf('\u2013');
    if (at >= 0) return one(p.slice(0, at)) + '至' + one(p.slice(at + 1));
    var vs = p.indexOf(' vs ');
    if (vs >= 0) return one(p.slice(0, vs)) + '与' + one(p.slice(vs + 4));
    return one(p);
  }
  // A row key's value as a label.
  function valueLabel(key, v) {
    if (v === null || v === undefined || v === '' || v === '(unknown)') return '未知';
    if (v === '(all AI)') return '全部AI岗位';
    if (v === 'all' && TIME_KEYS[key]) return '全部期间';
    if (TIME_KEYS[key]) return formatPeriod(v);
    return String(v);
  }
  // The colour halfway to white: small cells stand back.
  function light(hex) {
    var n = parseInt(hex.slice(1), 16);
    var c = [n >> 16, (n >> 8) & 255, n & 255].map(function (x) { return Math.round(x + (255 - x) * 0.6); });
    return 'rgb(' + c.join(',') + ')';
  }
  // Rough text width in px at 12 px: CJK characters are square.
  function textWidth(s) {
    var w = 0;
    for (var i = 0; i < s.length; i++) w += s.charCodeAt(i) > 0x2e80 ? 12 : 7;
    return w;
  }
  function figureNumber(id) { return '图表' + (id.charAt(0) === 'F' ? id.slice(1) : id); }

  // The query string of a filter (keys in bar order, empty ones left out).
  function query(filter) {
    var p = new URLSearchParams();
    FILTERS.forEach(function (f) { if (filter[f.key]) p.append(f.key, filter[f.key]); });
    return p.toString();
  }

  // JSON from the server; a rejected promise with the server's own message
  // ({"error": …}) for a 4xx/5xx answer.
  function fetchJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' }).then(function (r) {
      return r.text().then(function (text) {
        var body = null;
        try { body = JSON.parse(text); } catch (e) { body = null; }
        if (!r.ok) {
          var err = new Error(body && body.error ? body.error : '服务器回答 HTTP ' + r.status);
          err.status = r.status;
          throw err;
        }
        if (!body || typeof body !== 'object') throw new Error('服务器的回答不是 JSON');
        return body;
      });
    }, function (e) {
      throw new Error('无法连接服务器（' + (e && e.message ? e.message : e) + '）');
    });
  }

  // ---------------------------------------------------------------------
  // Tables

  function colIndex(t, key) {
    for (var i = 0; i < t.columns.length; i++) if (t.columns[i].key === key) return i;
    return -1;
  }
  function column(t, key) {
    var i = colIndex(t, key);
    return i < 0 ? null : t.columns[i];
  }
  function orderValues(values, key) {
    var order = ORDERS[key];
    if (!order) return values;
    var rank = function (v) { var i = order.indexOf(v); return i < 0 ? order.length : i; };
    return values.map(function (v, i) { return [v, i]; })
      .sort(function (x, y) { return rank(x[0]) - rank(y[0]) || x[1] - y[1]; })
      .map(function (x) { return x[0]; });
  }

  // A table's rows as categories × series of the measure: points[s][c] is
  // {v, small} or null where the table has no such row. rows: the row
  // indexes to use (all by default). The whole-run rows of the quarter
  // tables ("all") are left out.
  function pivot(t, catKey, seriesKey, measure, rows) {
    var ci = colIndex(t, catKey), si = seriesKey ? colIndex(t, seriesKey) : -1;
    var mi = colIndex(t, measure), smi = colIndex(t, 'small_n');
    if (ci < 0 || mi < 0 || (seriesKey && si < 0)) return null;
    var cats = [], sers = [], cell = new Map();
    var seen = function (list, v) { if (list.indexOf(v) < 0) list.push(v); };
    (rows || t.rows.map(function (r, i) { return i; })).forEach(function (i) {
      var r = t.rows[i];
      var c = r[ci], s = si >= 0 ? r[si] : '';
      if ((TIME_KEYS[catKey] && c === 'all') || (seriesKey && TIME_KEYS[seriesKey] && s === 'all')) return;
      seen(cats, c);
      seen(sers, s);
      if (!cell.has(s)) cell.set(s, new Map());
      cell.get(s).set(c, { v: isNum(r[mi]) ? r[mi] : null, small: smi >= 0 && r[smi] === true });
    });
    // Categories ranked as the newest series ranks them (F6: the industries
    // of the latest half-year first), unless the dimension has an order.
    if (seriesKey && TIME_KEYS[seriesKey] && sers.length > 1 && !ORDERS[catKey]) {
      var last = [];
      cell.get(sers[sers.length - 1]).forEach(function (p, c) { last.push(c); });
      cats = last.concat(cats.filter(function (c) { return last.indexOf(c) < 0; }));
    }
    cats = orderValues(cats, catKey);
    if (seriesKey) sers = orderValues(sers, seriesKey);
    return {
      cats: cats,
      series: sers.map(function (s) {
        return { key: s, points: cats.map(function (c) { return cell.get(s).get(c) || null; }) };
      })
    };
  }
  // A series' name: its key's value, and where the table names what the
  // value stands for (D2's ai_category_name, D1's categories), that too:
  // "B AI构建者", "default（B+A）".
  function seriesName(t, key, v) {
    var label = valueLabel(key, v);
    var ki = colIndex(t, key);
    var ni = colIndex(t, key === 'definition' ? 'categories' : key + '_name');
    if (ki < 0 || ni < 0) return label;
    for (var i = 0; i < t.rows.length; i++) {
      var name = t.rows[i][ni];
      if (t.rows[i][ki] === v && name !== null && name !== '' && name !== v) {
        return key === 'definition' ? label + '（' + name + '）' : label + ' ' + name;
      }
    }
    return label;
  }
  function anySmall(p) {
    return p.series.some(function (s) { return s.points.some(function (x) { return x && x.small && x.v !== null; }); });
  }
  function anyValue(p) {
    return p.series.some(function (s) { return s.points.some(function (x) { return x && x.v !== null; }); });
  }

  // The lowest and highest value drawn (0 included: bars start there);
  // stacked: the stacks' sums.
  function extent(p, stack) {
    var lo = 0, hi = 0;
    if (stack) {
      p.cats.forEach(function (c, i) {
        var up = 0, down = 0;
        p.series.forEach(function (s) { var x = s.points[i]; if (x && x.v !== null) { if (x.v > 0) up += x.v; else down += x.v; } });
        hi = Math.max(hi, up);
        lo = Math.min(lo, down);
      });
    } else {
      p.series.forEach(function (s) {
        s.points.forEach(function (x) { if (x && x.v !== null) { hi = Math.max(hi, x.v); lo = Math.min(lo, x.v); } });
      });
    }
    return [lo, hi];
  }

  // One cell of a shown table, by its column's type.
  function cellText(col, v) {
    if (col.type === 'boolean') return v === true ? (col.key === 'small_n' ? '样本不足' : '是') : v === false ? '' : '—';
    if (col.type === 'string') return valueLabel(col.key, v);
    if (!isNum(v)) return '—';
    if (col.type === 'integer') return group(v);
    return fmt(v, col.unit);
  }
  function tableHtml(t) {
    var smi = colIndex(t, 'small_n');
    var o = '<table><thead><tr>';
    t.columns.forEach(function (c) { o += '<th>' + esc(c.label || c.key) + '</th>'; });
    o += '</tr></thead><tbody>';
    t.rows.forEach(function (r) {
      o += smi >= 0 && r[smi] === true ? '<tr class="small">' : '<tr>';
      t.columns.forEach(function (c, i) {
        var cls = c.type === 'string' ? '' : c.type === 'boolean' ? ' class="flag"' : ' class="num"';
        o += '<td' + cls + '>' + esc(cellText(c, r[i])) + '</td>';
      });
      o += '</tr>';
    });
    return o + '</tbody></table>';
  }

  // ---------------------------------------------------------------------
  // Chart options, one builder a chart kind. Each returns {option, height,
  // small} or null when the table has nothing to draw.

  function base() {
    return { animation: false, textStyle: { fontFamily: FONT, color: INK }, color: PALETTE, aria: { enabled: true } };
  }

  // An axis tooltip that names small samples.
  function axisTooltip(unit) {
    return {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      formatter: function (params) {
        var list = Array.isArray(params) ? params : [params];
        if (!list.length) return '';
        var o = esc(list[0].axisValueLabel || list[0].name);
        list.forEach(function (p) {
          var raw = p.data;
          var v = raw && typeof raw === 'object' ? raw.value : raw;
          if (!isNum(v)) return;
          o += '<br>' + p.marker + esc(p.seriesName) + '：' + fmt(v, unit) + (raw && raw.small ? '（样本不足）' : '');
        });
        return o;
      }
    };
  }

  // A point's data item: its value, or an object that draws it as a small
  // sample; null for unknown.
  function barItem(x, color) {
    if (!x || x.v === null) return null;
    if (!x.small) return x.v;
    return {
      value: x.v, small: true,
      itemStyle: { color: light(color), decal: SMALL_DECAL, borderColor: color, borderWidth: 1, borderType: 'dashed' }
    };
  }
  function lineItem(x, color) {
    if (!x || x.v === null) return null;
    return x.small ? { value: x.v, small: true, symbol: 'emptyCircle', itemStyle: { color: light(color) } } : x.v;
  }
  function legendFor(names, width) {
    return { show: names.length > 1, type: 'scroll', top: 0, left: 'center', width: Math.max(120, width - 24), textStyle: { fontFamily: FONT } };
  }
  function valueLabelFmt(unit) {
    return function (p) {
      var raw = p.data;
      var v = raw && typeof raw === 'object' ? raw.value : raw;
      return isNum(v) ? fmt(v, unit) + (raw && raw.small ? '*' : '') : '';
    };
  }

  function lineChart(t, a, box) {
    var keys = a.rows.split('|');
    var p = pivot(t, keys[0], keys[1], a.measure);
    if (!p || !anyValue(p)) return null;
    var col = column(t, a.measure);
    var unit = col.unit;
    var width = box.clientWidth, narrow = width < NARROW;
    var names = p.series.map(function (s) { return keys[1] ? seriesName(t, keys[1], s.key) : col.label; });
    var o = base();
    o.legend = legendFor(names, width);
    o.tooltip = axisTooltip(unit);
    o.tooltip.axisPointer = { type: 'line' };
    o.grid = { left: 8, right: 28, top: names.length > 1 ? 40 : 24, bottom: 8, containLabel: true };
    o.xAxis = {
      type: 'category', data: p.cats.map(function (c) { return valueLabel(keys[0], c); }),
      axisLabel: { fontFamily: FONT, hideOverlap: true, rotate: narrow && p.cats.length > 4 ? 90 : 0 }
    };
    o.yAxis = { type: 'value', scale: false, axisLabel: { formatter: axisFmt(unit) }, splitLine: { lineStyle: { color: '#e6eaef' } } };
    var labels = p.cats.length * names.length <= 16 && !narrow;
    o.series = p.series.map(function (s, i) {
      var color = PALETTE[i % PALETTE.length];
      return {
        name: names[i], type: 'line', symbolSize: 8, connectNulls: false,
        lineStyle: { width: i ? 2 : 3 }, itemStyle: { color: color },
        areaStyle: names.length === 1 ? { opacity: 0.08 } : undefined,
        label: { show: labels, position: 'top', fontSize: 11, fontFamily: FONT, formatter: valueLabelFmt(unit) },
        labelLayout: { hideOverlap: true },
        data: s.points.map(function (x) { return lineItem(x, color); })
      };
    });
    return { option: o, height: 340, small: anySmall(p), valueAxis: o.yAxis, range: extent(p, false) };
  }

  // Bars (grouped, or stacked): categories across or down, by how much
  // room their names need.
  function barOption(p, catKey, seriesNames, unit, stack, box) {
    var width = box.clientWidth, narrow = width < NARROW;
    var catNames = p.cats.map(function (c) { return valueLabel(catKey, c); });
    var needed = catNames.reduce(function (w, c) { return w + textWidth(c) + 14; }, 0);
    var horizontal = !TIME_KEYS[catKey] && (p.cats.length > 8 || needed > width - 100 || (narrow && p.cats.length > 4));
    var per = stack ? 1 : p.series.length;
    var count = p.cats.length * per;
    var labels = !stack && (horizontal ? count <= 60 : count <= 24 && !narrow);
    var o = base();
    o.legend = legendFor(seriesNames, width);
    o.tooltip = axisTooltip(unit);
    var top = (seriesNames.length > 1 ? 34 : 8) + (horizontal ? 0 : 12);
    o.grid = { left: 8, right: horizontal ? 64 : 24, top: top, bottom: 8, containLabel: true };
    var cat = {
      type: 'category', data: catNames, inverse: horizontal,
      axisLabel: {
        // Columns whose names do not fit side by side turn them.
        interval: 0, fontFamily: FONT, rotate: !horizontal && (p.cats.length > 6 || needed > width - 60) ? (narrow ? 90 : 45) : 0,
        width: horizontal ? (narrow ? 84 : 150) : 90, overflow: 'truncate'
      },
      axisTick: { alignWithLabel: true }
    };
    var val = {
      type: 'value', splitNumber: narrow ? 3 : 5,
      axisLabel: { hideOverlap: true, formatter: axisFmt(unit) },
      splitLine: { lineStyle: { color: '#e6eaef' } }
    };
    if (horizontal) {
      o.xAxis = val;
      o.yAxis = cat;
    } else {
      o.xAxis = cat;
      o.yAxis = val;
    }
    o.series = p.series.map(function (s, i) {
      var color = PALETTE[i % PALETTE.length];
      return {
        name: seriesNames[i], type: 'bar', stack: stack ? 'all' : undefined,
        barMaxWidth: 26, barGap: '12%', itemStyle: { color: color },
        label: { show: labels, position: horizontal ? 'right' : 'top', fontSize: 11, color: INK, fontFamily: FONT, formatter: valueLabelFmt(unit) },
        labelLayout: { hideOverlap: true },
        data: s.points.map(function (x) { return barItem(x, color); })
      };
    });
    var range = extent(p, stack);
    // Shares of a whole, stacked: the axis ends at 100%.
    var whole = stack && unit === 'percent' && range[0] === 0 && range[1] > 90 && range[1] <= 100.5;
    if (whole) range[1] = 100;
    var height = horizontal
      ? Math.max(200, (seriesNames.length > 1 ? 60 : 30) + p.cats.length * (stack ? 26 : Math.max(22, 8 + 13 * per)))
      : 360;
    return { option: o, height: height, small: anySmall(p), valueAxis: val, range: range, fixed: whole };
  }

  function barChart(t, a, box, pane) {
    var keys = a.rows.split('|');
    var col = column(t, a.measure);
    if (!col) return null;
    var p;
    var names;
    if (keys.length > 1 && !TIME_KEYS[keys[0]]) {
      // A split table (F25-34: industry|city): one group at a time, chosen
      // in the figure.
      var gi = colIndex(t, keys[0]);
      var chosen = pane.groups[a.id];
      var rows = [];
      t.rows.forEach(function (r, i) { if (r[gi] === chosen) rows.push(i); });
      p = pivot(t, keys[1], null, a.measure, rows);
      names = [valueLabel(keys[0], chosen)];
      keys = [keys[1]];
    } else if (keys.length > 1) {
      // One series a period (F6: half|industry).
      p = pivot(t, keys[1], keys[0], a.measure);
      names = p && p.series.map(function (s) { return valueLabel(keys[0], s.key); });
      keys = [keys[1]];
    } else {
      p = pivot(t, keys[0], null, a.measure);
      names = [col.label];
    }
    if (!p || !anyValue(p)) return null;
    return barOption(p, keys[0], names, col.unit, false, box);
  }

  // Stacked bars: each category a stack of the other key's values (D2:
  // quarter|ai_category). Where each value of the second key belongs to one
  // value of the first only (F13: category|group), the bars are the second
  // key's, coloured by the first.
  function stackedChart(t, a, box) {
    var keys = a.rows.split('|');
    var col = column(t, a.measure);
    if (!col) return null;
    if (keys.length < 2) {
      var q = pivot(t, keys[0], null, a.measure);
      return q && anyValue(q) ? barOption(q, keys[0], [col.label], col.unit, false, box) : null;
    }
    var i0 = colIndex(t, keys[0]), i1 = colIndex(t, keys[1]);
    if (i0 < 0 || i1 < 0) return null;
    var owner = new Map(), nested = true;
    t.rows.forEach(function (r) {
      if (owner.has(r[i1]) && owner.get(r[i1]) !== r[i0]) nested = false;
      owner.set(r[i1], r[i0]);
    });
    var catKey = nested ? keys[1] : keys[0], seriesKey = nested ? keys[0] : keys[1];
    var p = pivot(t, catKey, seriesKey, a.measure);
    if (!p || !anyValue(p)) return null;
    var names = p.series.map(function (s) { return seriesName(t, seriesKey, s.key); });
    return barOption(p, catKey, names, col.unit, true, box);
  }

  // Heat map: x the second key, y the first, colour the measure.
  function heatmapChart(t, a, box) {
    var keys = a.rows.split('|');
    var col = column(t, a.measure);
    if (!col || keys.length < 2) return null;
    var p = pivot(t, keys[1], keys[0], a.measure);
    if (!p || !anyValue(p)) return null;
    var width = box.clientWidth, narrow = width < NARROW;
    var xs = p.cats.map(function (c) { return valueLabel(keys[1], c); });
    var ys = p.series.map(function (s) { return valueLabel(keys[0], s.key); });
    var cellLabels = (width - (narrow ? 90 : 150)) / Math.max(1, xs.length) >= 46;
    var max = 0;
    p.series.forEach(function (s) { s.points.forEach(function (x) { if (x && x.v !== null && x.v > max) max = x.v; }); });
    var data = [];
    p.series.forEach(function (s, yi) {
      s.points.forEach(function (x, xi) {
        if (!x) return;
        var item = {
          value: [xi, yi, x.v === null ? '-' : x.v], small: x.small,
          label: {
            show: cellLabels, fontSize: 11, fontFamily: FONT,
            color: !x.small && x.v !== null && x.v > max * 0.55 ? '#fff' : INK,
            formatter: function () { return fmt(x.v, col.unit) + (x.small ? '*' : ''); }
          }
        };
        if (x.small) item.itemStyle = { decal: SMALL_DECAL, opacity: 0.55, borderType: 'dashed', borderColor: '#9aa5b1', borderWidth: 1 };
        data.push(item);
      });
    });
    var o = base();
    o.tooltip = {
      confine: true,
      formatter: function (q) {
        var v = q.data.value;
        return esc(ys[v[1]]) + ' · ' + esc(xs[v[0]]) + '：' + fmt(isNum(v[2]) ? v[2] : null, col.unit) + (q.data.small ? '（样本不足）' : '');
      }
    };
    o.grid = { left: 8, right: 16, top: 8, bottom: 8, containLabel: true };
    o.xAxis = {
      type: 'category', data: xs, position: 'top', splitArea: { show: false },
      axisLabel: { interval: 0, rotate: narrow ? 90 : xs.length > 5 ? 45 : 0, fontFamily: FONT, width: narrow ? 70 : 110, overflow: 'truncate' }
    };
    o.yAxis = { type: 'category', data: ys, inverse: true, axisLabel: { fontFamily: FONT, width: narrow ? 76 : 140, overflow: 'truncate' } };
    o.visualMap = { show: false, min: 0, max: max || 1, dimension: 2, inRange: { color: ['#f1f6fb', '#8fb6da', '#1f5f99'] } };
    o.series = [{ type: 'heatmap', name: col.label, itemStyle: { borderColor: '#fff', borderWidth: 2 }, data: data }];
    return { option: o, height: 140 + 32 * ys.length, small: anySmall(p), visualMap: o.visualMap, range: [0, max || 1] };
  }

  function wordcloudChart(t, a, box) {
    var keys = a.rows.split('|');
    var ki = colIndex(t, keys[0]), mi = colIndex(t, a.measure), smi = colIndex(t, 'small_n');
    if (ki < 0 || mi < 0) return null;
    var col = t.columns[mi];
    var small = false;
    var words = [];
    t.rows.forEach(function (r) {
      if (!isNum(r[mi])) return;
      var s = smi >= 0 && r[smi] === true;
      small = small || s;
      words.push({ name: valueLabel(keys[0], r[ki]), value: r[mi], small: s });
    });
    if (!words.length) return null;
    var narrow = box.clientWidth < NARROW;
    var o = base();
    o.tooltip = { formatter: function (p) { return esc(p.name) + '：' + fmt(p.value, col.unit) + (p.data.small ? '（样本不足）' : ''); } };
    o.series = [{
      type: 'wordCloud', name: col.label, shape: 'circle', left: 'center', top: 'center', width: '96%', height: '96%',
      sizeRange: narrow ? [10, 28] : [13, 46], rotationRange: [0, 0], gridSize: 8, drawOutOfBound: false, shrinkToFit: true,
      layoutAnimation: false,
      textStyle: {
        fontFamily: FONT, fontWeight: 'bold',
        color: function (p) { return p.data.small ? '#9aa5b1' : PALETTE[p.dataIndex % 4]; }
      },
      emphasis: { textStyle: { color: '#b5485d' } },
      data: words
    }];
    return { option: o, height: 400, small: small, wordcloud: true };
  }

  // Term pairs as a circular graph: nodes sized by how many postings hold
  // the term (postings_a / postings_b where the table has them), edges
  // weighted by the measure (lift: dashed where ≤ 1, no association).
  function graphChart(t, a, box) {
    var keys = a.rows.split('|');
    var ia = colIndex(t, keys[0]), ib = colIndex(t, keys[1]), mi = colIndex(t, a.measure);
    if (ia < 0 || ib < 0 || mi < 0) return null;
    var pa = colIndex(t, 'postings_a'), pb = colIndex(t, 'postings_b');
    var col = t.columns[mi];
    var nodes = new Map(), links = [];
    var node = function (name, size) {
      var n = nodes.get(name) || { name: name, value: 0, degree: 0 };
      if (isNum(size)) n.value = Math.max(n.value, size);
      n.degree++;
      nodes.set(name, n);
    };
    var maxW = 0;
    t.rows.forEach(function (r) {
      if (r[ia] === null || r[ib] === null || r[ia] === r[ib]) return;
      node(r[ia], pa >= 0 ? r[pa] : null);
      node(r[ib], pb >= 0 ? r[pb] : null);
      if (isNum(r[mi]) && r[mi] > maxW) maxW = r[mi];
      links.push({ source: String(r[ia]), target: String(r[ib]), value: r[mi] });
    });
    if (!links.length) return null;
    var maxNode = 1;
    nodes.forEach(function (n) { if (!n.value) n.value = n.degree; if (n.value > maxNode) maxNode = n.value; });
    var narrow = box.clientWidth < NARROW;
    var o = base();
    o.tooltip = {
      confine: true,
      formatter: function (p) {
        if (p.dataType === 'edge') return esc(p.data.source) + ' — ' + esc(p.data.target) + '：' + col.label + ' ' + fmt(p.data.value, col.unit);
        return esc(p.name) + '：' + group(p.value) + (pa >= 0 ? ' 个AI岗位' : '');
      }
    };
    o.series = [{
      type: 'graph', layout: 'circular', circular: { rotateLabel: true }, roam: true,
      left: narrow ? 60 : 100, right: narrow ? 60 : 100, top: 50, bottom: 50,
      label: { show: true, position: 'right', fontSize: narrow ? 9 : 11, fontFamily: FONT, color: INK },
      labelLayout: { hideOverlap: true },
      emphasis: { focus: 'adjacency', lineStyle: { width: 4 } },
      data: Array.from(nodes.values()).map(function (n) {
        return { name: String(n.name), value: n.value, symbolSize: 8 + 22 * Math.sqrt(n.value / maxNode), itemStyle: { color: PALETTE[0] } };
      }),
      links: links.map(function (l) {
        var w = maxW > 0 && isNum(l.value) && l.value > 0 ? l.value / maxW : 0;
        var weak = a.measure === 'lift' && isNum(l.value) && l.value <= 1;
        return {
          source: l.source, target: l.target, value: l.value,
          lineStyle: { width: 0.6 + 4.4 * w, opacity: 0.3 + 0.6 * w, curveness: 0.2, type: weak ? 'dashed' : 'solid', color: weak ? '#9aa5b1' : '#e07b39' }
        };
      })
    }];
    return { option: o, height: narrow ? 380 : 480, small: false };
  }

  var BUILD = {
    line: lineChart, bar: barChart, stacked_bar: stackedChart,
    heatmap: heatmapChart, wordcloud: wordcloudChart, graph: graphChart
  };

  // ---------------------------------------------------------------------
  // The page

  function sectionRank(section) {
    var m = /^(\d+)(?:\.(\d+))?/.exec(section || '');
    return m ? Number(m[1]) * 1000 + Number(m[2] || 0) : Infinity;
  }

  // The figures of every analysis, grouped under their sections (sections in
  // their numbers' order, analyses in /api/meta's order within each).
  function buildFigures(meta) {
    var main = $('#analyses');
    main.textContent = '';
    var sections = [];
    meta.analyses.forEach(function (a) {
      var s = sections.filter(function (x) { return x.title === a.section; })[0];
      if (!s) sections.push(s = { title: a.section, analyses: [] });
      s.analyses.push(a);
    });
    sections = sections.map(function (s, i) { return [s, i]; })
      .sort(function (x, y) { return sectionRank(x[0].title) - sectionRank(y[0].title) || x[1] - y[1]; })
      .map(function (x) { return x[0]; });

    var toc = el('ul');
    sections.forEach(function (s, si) {
      var h = el('h2', { class: 'section', id: 'section-' + si }, s.title);
      main.appendChild(h);
      var li = el('li');
      var b = el('button', { type: 'button' }, s.title);
      b.addEventListener('click', function () { h.scrollIntoView({ behavior: 'smooth', block: 'start' }); });
      li.appendChild(b);
      toc.appendChild(li);
      s.analyses.forEach(function (a) { main.appendChild(buildFigure(a)); });
    });
    $('#toc').textContent = '';
    $('#toc').appendChild(toc);
  }

  function buildFigure(a) {
    var fig = el('figure', { class: 'figure', id: 'fig-' + a.id, 'data-id': a.id });
    var cap = el('figcaption');
    cap.appendChild(el('span', { class: 'fig-no' }, figureNumber(a.id)));
    cap.appendChild(document.createTextNode(a.title));
    fig.appendChild(cap);
    var panes = el('div', { class: 'panes' });
    cells[a.id] = {};
    PANES.forEach(function (name) {
      var v = el('div', { class: 'pane-view', 'data-pane': name });
      var meta = el('dl', { class: 'meta' });
      var row = function (dt) {
        var d = el('div');
        d.appendChild(el('dt', null, dt));
        var dd = el('dd', null, '—');
        d.appendChild(dd);
        meta.appendChild(d);
        return dd;
      };
      var nBox = row('样本'), period = row('期间');
      nBox.textContent = '';
      nBox.appendChild(el('span', { class: 'pane-tag' + (name === 'b' ? ' b' : '') }, name.toUpperCase()));
      var n = el('span', { 'data-role': 'n' }, '—');
      nBox.appendChild(n);
      var pick = el('div', { class: 'split-pick', hidden: '' });
      var pickLabel = el('label');
      var pickSelect = el('select', { 'data-role': 'group' });
      pickLabel.appendChild(el('span'));
      pickLabel.appendChild(pickSelect);
      pick.appendChild(pickLabel);
      pickSelect.addEventListener('change', function () {
        var pane = dash.panes[name];
        pane.groups[a.id] = pickSelect.value;
        if (pane.tables) drawAnalysis(pane, a);
      });
      var chart = el('div', { class: 'chart', 'data-chart': a.id, 'data-pane': name, role: 'img', 'aria-label': figureNumber(a.id) + ' ' + a.title });
      var empty = el('p', { class: 'empty', hidden: '' });
      var note = el('p', { class: 'small-note', hidden: '' });
      note.appendChild(el('span', { class: 'swatch' }));
      var minN = isNum(dash.meta.min_n) ? dash.meta.min_n : MIN_N;
      note.appendChild(document.createTextNode('浅色斜纹及 * 表示样本不足（n<' + minN + '），仅供参考。'));
      var actions = el('div', { class: 'actions' });
      var details = el('details', { class: 'data' });
      details.appendChild(el('summary', null, '数据表'));
      var wrap = el('div', { class: 'table-wrap' });
      details.appendChild(wrap);
      details.addEventListener('toggle', function () { if (details.open) fillTable(dash.panes[name], a.id); });
      var exports = el('span', { class: 'exports' }, '导出：');
      // The server names the files (Content-Disposition).
      var csv = el('a', { 'data-role': 'csv', download: '' }, 'CSV');
      var xlsx = el('a', { 'data-role': 'xlsx', download: '' }, 'Excel');
      exports.appendChild(csv);
      exports.appendChild(xlsx);
      actions.appendChild(exports);
      actions.appendChild(details);
      [meta, pick, chart, empty, note, actions].forEach(function (x) { v.appendChild(x); });
      panes.appendChild(v);
      cells[a.id][name] = {
        view: v, n: n, period: period, pick: pick, pickLabel: pickLabel.firstChild, pickSelect: pickSelect,
        chart: chart, empty: empty, note: note, actions: actions, details: details, wrap: wrap, csv: csv, xlsx: xlsx,
        tableFor: null
      };
    });
    fig.appendChild(panes);
    return fig;
  }

  function fillTable(pane, id) {
    var c = cells[id][pane.name];
    var t = pane.tables && pane.tables.tables && pane.tables.tables[id];
    if (c.tableFor === t) return;
    c.tableFor = t;
    c.wrap.innerHTML = t
      ? (t.formula ? '<p class="formula">口径：' + esc(t.formula) + '</p>' : '') + tableHtml(t)
      : '<p class="empty">没有此表。</p>';
  }

  // The filter bar of a pane: one select a filter, values from /api/meta.
  function buildFilterBar(pane, meta) {
    var box = $('.pane-filter[data-pane="' + pane.name + '"] [data-role="selects"]');
    box.textContent = '';
    FILTERS.forEach(function (f) {
      var label = el('label');
      label.appendChild(document.createTextNode(f.label));
      var sel = el('select', { name: f.key, 'data-filter': f.key, 'data-pane': pane.name });
      var any = f.key === 'definition' ? f.any + '（' + meta.definition + '）' : f.any;
      sel.appendChild(el('option', { value: '' }, any));
      if (f.key === 'definition') {
        (meta.definitions || []).forEach(function (d) {
          var o = el('option', { value: d.name, title: d.available ? null : d.why }, d.name + (d.codes ? '（' + d.codes + '）' : '') + (d.available ? '' : ' · 不可用'));
          o.disabled = !d.available;
          sel.appendChild(o);
        });
      } else {
        ((meta.dimensions || {})[f.dim] || []).forEach(function (v) {
          sel.appendChild(el('option', { value: v }, TIME_KEYS[f.dim] ? formatPeriod(v) : v));
        });
      }
      sel.addEventListener('change', function () {
        if (sel.value) pane.filter[f.key] = sel.value;
        else delete pane.filter[f.key];
        syncSelects(pane);
        writeUrl();
        load(pane);
      });
      label.appendChild(sel);
      box.appendChild(label);
    });
  }

  function syncSelects(pane) {
    $all('.pane-filter[data-pane="' + pane.name + '"] select[data-filter]').forEach(function (sel) {
      var v = pane.filter[sel.getAttribute('data-filter')] || '';
      if (sel.value !== v) sel.value = v;
      sel.classList.toggle('set', !!v);
    });
  }

  // Whether `value` is one /api/meta allows for filter `key`.
  function allowed(meta, key, value) {
    var f = FILTER_BY_KEY[key];
    if (!f) return false;
    if (key === 'definition') {
      return (meta.definitions || []).some(function (d) { return d.name === value && d.available; });
    }
    return ((meta.dimensions || {})[f.dim] || []).indexOf(value) >= 0;
  }

  // ---------------------------------------------------------------------
  // The URL: #a.city=北京&b.city=上海&compare=1

  function readUrl(meta) {
    var problems = [];
    var out = { compare: false, a: {}, b: {} };
    var params;
    try {
      params = new URLSearchParams(location.hash.replace(/^#/, ''));
    } catch (e) {
      return { state: out, problems: ['网址的 # 之后无法解析'] };
    }
    params.forEach(function (value, key) {
      if (key === 'compare') {
        if (value === '1') out.compare = true;
        else if (value !== '0' && value !== '') problems.push('compare=' + value + '：应为 1 或 0');
        return;
      }
      var m = /^([ab])\.(.+)$/.exec(key);
      if (!m || !FILTER_BY_KEY[m[2]]) {
        problems.push('“' + key + '”不是可用的筛选条件');
        return;
      }
      if (value === '') return;
      if (!allowed(meta, m[2], value)) {
        problems.push(m[1].toUpperCase() + ' 的' + FILTER_BY_KEY[m[2]].label + '“' + value + '”不是可选的值');
        return;
      }
      out[m[1]][m[2]] = value;
    });
    return { state: out, problems: problems };
  }

  function urlHash() {
    var p = new URLSearchParams();
    PANES.forEach(function (n) {
      var f = dash.panes[n].filter;
      FILTERS.forEach(function (x) { if (f[x.key]) p.append(n + '.' + x.key, f[x.key]); });
    });
    if (dash.compare) p.append('compare', '1');
    return p.toString();
  }

  function writeUrl() {
    var h = urlHash();
    var url = location.pathname + location.search + (h ? '#' + h : '');
    if (url !== location.pathname + location.search + location.hash) history.replaceState(null, '', url);
  }

  function notice(problems) {
    var box = $('#notice');
    if (!problems.length) {
      box.hidden = true;
      box.textContent = '';
      return;
    }
    box.hidden = false;
    box.innerHTML = '网址中的部分筛选条件无效，已忽略：<ul>' +
      problems.map(function (p) { return '<li>' + esc(p) + '</li>'; }).join('') + '</ul>';
  }

  // Applies the view the URL names: filters, selects, compare; loads the
  // panes whose filter changed.
  function applyUrl() {
    var r = readUrl(dash.meta);
    notice(r.problems);
    PANES.forEach(function (n) {
      dash.panes[n].filter = r.state[n];
      syncSelects(dash.panes[n]);
    });
    setCompare(r.state.compare, false);
    writeUrl();  // the URL without what was ignored
    activePanes().forEach(function (p) { if (p.shownKey !== query(p.filter) || p.error) load(p); });
    updateReady();
  }

  // ---------------------------------------------------------------------
  // Loading and drawing

  function activePanes() {
    return dash.compare ? [dash.panes.a, dash.panes.b] : [dash.panes.a];
  }

  function updateReady() {
    var ready = !!dash.meta && activePanes().every(function (p) {
      return p.shownKey !== null && p.shownKey === query(p.filter) && p.pending === 0 && p.settling === null;
    });
    dash.ready = ready;
    document.documentElement.setAttribute('data-ready', ready ? '1' : '0');
  }

  // Fetches the pane's tables for its filter and draws them; an answer to
  // an older request (the filter changed since) is dropped. A busy server
  // (503) is asked again a few times.
  function load(pane, attempt) {
    var key = query(pane.filter);
    var seq = attempt ? pane.seq : ++pane.seq;
    var f = pane.filter;
    if (f.from && f.to && f.from > f.to) {  // "2023Q1" < "2024Q2" as strings
      pane.error = '起始季度（' + formatPeriod(f.from) + '）晚于截止季度（' + formatPeriod(f.to) + '），请调整时期';
      pane.shownKey = key;
      pane.pending = 0;
      showPaneError(pane);
      return;
    }
    pane.pending = 1;
    updateReady();
    $('.pane-filter[data-pane="' + pane.name + '"] [data-role="count"]').classList.add('busy');
    $all('.pane-view[data-pane="' + pane.name + '"]').forEach(function (v) { v.classList.add('loading'); });
    var failed = function (e) {
      if (seq !== pane.seq) return;
      if (e.status === 503 && (attempt || 0) < 3) {
        window.setTimeout(function () { if (seq === pane.seq) load(pane, (attempt || 0) + 1); }, 400 * ((attempt || 0) + 1));
        return;
      }
      pane.error = e.message || String(e);
      pane.shownKey = key;
      pane.pending = 0;
      showPaneError(pane);
    };
    // Drawing happens outside the promise's catch: a bug in it is thrown,
    // not shown as the server's error.
    fetchJson('api/tables' + (key ? '?' + key : '')).then(function (answer) {
      if (seq !== pane.seq) return;
      if (!answer.tables || typeof answer.tables !== 'object') {
        failed(new Error('服务器的回答缺少 tables'));
        return;
      }
      pane.tables = answer;
      pane.error = null;
      pane.shownKey = key;
      pane.pending = 0;
      drawPane(pane);
    }, failed);
  }

  function showPaneError(pane) {
    var bar = $('.pane-filter[data-pane="' + pane.name + '"]');
    var box = $('[data-role="error"]', bar);
    box.hidden = false;
    box.textContent = '无法读取此视图：' + pane.error;
    var count = $('[data-role="count"]', bar);
    count.classList.remove('busy');
    count.setAttribute('data-postings', '');
    count.textContent = '—';
    dash.meta.analyses.forEach(function (a) {
      var c = cells[a.id][pane.name];
      c.view.classList.remove('loading');
      c.actions.hidden = true;
      c.wrap.textContent = '';
      c.tableFor = null;
      c.n.textContent = '—';
      c.period.textContent = '—';
      disposeChart(pane, a.id);
      c.chart.hidden = true;
      c.note.hidden = true;
      c.pick.hidden = true;
      c.empty.hidden = false;
      c.empty.textContent = '无法读取此视图：' + pane.error;
    });
    updateReady();
  }

  function disposeChart(pane, id) {
    cells[id][pane.name].built = null;
    cells[id][pane.name].rangeKey = null;
    if (pane.charts[id]) {
      pane.charts[id].dispose();
      delete pane.charts[id];
    }
  }

  function drawPane(pane) {
    if (activePanes().indexOf(pane) < 0) return;  // drawn by redraw() when shown
    var bar = $('.pane-filter[data-pane="' + pane.name + '"]');
    $('[data-role="error"]', bar).hidden = true;
    var count = $('[data-role="count"]', bar);
    count.classList.remove('busy');
    var view = (pane.tables && pane.tables.view) || {};
    count.setAttribute('data-postings', isNum(view.postings) ? String(view.postings) : '');
    count.innerHTML = esc(isNum(view.postings) ? group(view.postings) : '—') + ' 个岗位' +
      '<span class="dups">（已去重 ' + esc(isNum(view.duplicates) ? group(view.duplicates) : '—') + '）</span>' +
      (isNum(view.outside) && view.outside > 0 ? '<span class="outside"> · 筛选之外 ' + esc(group(view.outside)) + ' 个</span>' : '');
    var key = query(pane.filter);
    dash.meta.analyses.forEach(function (a) {
      var c = cells[a.id][pane.name];
      c.view.classList.remove('loading');
      c.actions.hidden = false;
      var suffix = 'id=' + encodeURIComponent(a.id) + (key ? '&' + key : '');
      c.csv.href = 'api/table.csv?' + suffix;
      c.xlsx.href = 'api/table.xlsx?' + suffix;
      drawAnalysis(pane, a);
    });
    // A word cloud lays out on a timer after setOption: ready once it ran.
    if (pane.settling !== null) window.clearTimeout(pane.settling);
    pane.settling = window.setTimeout(function () {
      pane.settling = null;
      updateReady();
    }, 80);
    updateReady();
  }

  function drawAnalysis(pane, a) {
    var c = cells[a.id][pane.name];
    var t = pane.tables.tables[a.id];
    c.n.textContent = t && isNum(t.n) ? 'n = ' + group(t.n) + ' ' + (N_UNITS[a.id] || '个AI岗位') : '—';
    c.period.textContent = t ? formatPeriod(t.period) : '—';
    c.tableFor = null;
    if (c.details.open) fillTable(pane, a.id);

    // The group picker of a split table (bar, first key not a period).
    var keys = a.rows.split('|');
    var split = t && a.chart === 'bar' && keys.length > 1 && !TIME_KEYS[keys[0]];
    c.pick.hidden = !split;
    if (split) {
      var gi = colIndex(t, keys[0]);
      var groups = [];
      t.rows.forEach(function (r) { if (groups.indexOf(r[gi]) < 0) groups.push(r[gi]); });
      if (groups.indexOf(pane.groups[a.id]) < 0) pane.groups[a.id] = groups.length ? groups[0] : null;
      var col = column(t, keys[0]);
      c.pickLabel.textContent = (col ? col.label : keys[0]) + '：';
      c.pickSelect.textContent = '';
      groups.forEach(function (g) { c.pickSelect.appendChild(el('option', { value: g }, valueLabel(keys[0], g))); });
      c.pickSelect.value = pane.groups[a.id] || '';
      c.pick.hidden = groups.length === 0;
    }

    var built = null;
    var why = '本视图中没有可用于此图的岗位。';
    if (!t) {
      why = '服务器没有返回此表。';
    } else if (!BUILD[a.chart]) {
      why = '无法绘制此图（未知的图表类型 ' + a.chart + '）。';
    } else if (t.rows.length) {
      c.chart.hidden = false;  // the builders measure the container
      built = BUILD[a.chart](t, a, c.chart, pane);
    }
    c.chart.hidden = !built;
    c.empty.hidden = !!built;
    c.empty.textContent = built ? '' : why;
    c.note.hidden = !(built && built.small);
    if (!built) {
      disposeChart(pane, a.id);
      return;
    }
    c.built = built;
    c.chart.style.height = built.height + 'px';
    var chart = pane.charts[a.id];
    if (!chart) chart = pane.charts[a.id] = echarts.init(c.chart, null, { renderer: 'svg' });
    else if (chart.getWidth() !== c.chart.clientWidth || chart.getHeight() !== c.chart.clientHeight) chart.resize();
    render(pane, a);
    // In compare mode the other pane's chart shares the value range.
    var other = otherPane(pane);
    if (other && other.charts[a.id] && cells[a.id][other.name].rangeKey !== c.rangeKey) render(other, a);
  }

  function otherPane(pane) {
    if (!dash.compare) return null;
    var other = dash.panes[pane.name === 'a' ? 'b' : 'a'];
    return other.tables && !other.error && other.shownKey === query(other.filter) ? other : null;
  }
  function niceCeil(v) {
    if (v <= 0) return 0;
    var p = Math.pow(10, Math.floor(Math.log(v) / Math.LN10));
    var steps = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
    for (var i = 0; i < steps.length; i++) if (v <= steps[i] * p * (1 + 1e-9)) return steps[i] * p;
    return 10 * p;
  }
  // Sets a chart's option, its value range shared with the other pane's in
  // compare mode (so that A's and B's bars compare by length).
  function render(pane, a) {
    var c = cells[a.id][pane.name];
    var built = c.built, chart = pane.charts[a.id];
    if (!built || !chart) return;
    var range = built.fixed ? built.range : null;
    var other = otherPane(pane);
    var theirs = other && other.charts[a.id] && cells[a.id][other.name].built;
    if (built.range && theirs && theirs.range) {
      range = [Math.min(built.range[0], theirs.range[0]), Math.max(built.range[1], theirs.range[1])];
      if (!built.fixed) range = [range[0] < 0 ? -niceCeil(-range[0]) : 0, niceCeil(range[1])];
    }
    if (built.valueAxis) {
      built.valueAxis.min = range ? range[0] : undefined;
      built.valueAxis.max = range ? range[1] : undefined;
    }
    if (built.visualMap) built.visualMap.max = range ? range[1] : built.range[1];
    c.rangeKey = JSON.stringify(range);
    // A word cloud lays out on a timer, into its series: replacing the
    // series (notMerge) would leave a layout still due from the old one to
    // draw its words too. Merged, the series stays and cancels that layout.
    chart.setOption(built.option, !built.wordcloud);
  }

  // Redraws the panes on screen at their containers' new widths.
  function redraw() {
    activePanes().forEach(function (p) {
      if (p.tables && !p.error && p.shownKey === query(p.filter)) drawPane(p);
    });
  }

  // Shows or hides pane B. `user`: the toggle was clicked (B then starts
  // as a copy of A the first time); otherwise the URL set it.
  function setCompare(on, user) {
    var was = dash.compare;
    dash.compare = !!on;
    document.body.classList.toggle('compare', dash.compare);
    $('#compare').checked = dash.compare;
    $('.pane-filter[data-pane="b"]').hidden = !dash.compare;
    $('#copy-b').hidden = !dash.compare;
    if (was === dash.compare) return;
    var b = dash.panes.b;
    if (user && dash.compare && !Object.keys(b.filter).length && b.shownKey === null) {
      b.filter = Object.assign({}, dash.panes.a.filter);
      syncSelects(b);
    }
    if (user) writeUrl();
    redraw();  // every chart's width changed
    if (user && dash.compare && (b.shownKey !== query(b.filter) || b.error)) load(b);
    updateReady();
  }

  // ---------------------------------------------------------------------
  // Start

  function showFatal(message) {
    dash.error = message;
    $('#loaded').textContent = '无法读取看板数据';
    $('#analyses').innerHTML = '<p class="error">无法读取看板数据：' + esc(message) + '</p>';
  }

  function start() {
    if (typeof echarts === 'undefined') {
      showFatal('图表库 assets/echarts.js 没有载入');
      return;
    }
    fetchJson('api/meta').then(function (meta) {
      if (!Array.isArray(meta.analyses)) throw new Error('/api/meta 缺少 analyses');
      dash.meta = meta;
      var states = meta.states || [];
      $('#loaded').textContent = '已加载 ' + (isNum(meta.postings) ? group(meta.postings) : '—') + ' 个岗位（已去重 ' +
        (isNum(meta.duplicates) ? group(meta.duplicates) : '—') + '），来自 ' + states.length + ' 个状态文件' +
        (states.length ? '：' + states.join('、') : '') + ' · 默认AI定义：' + (meta.definition || '—');
      buildFigures(meta);
      PANES.forEach(function (n) { buildFilterBar(dash.panes[n], meta); });
      applyUrl();
    }).catch(function (e) {
      showFatal(e.message || String(e));
    });

    $('#compare').addEventListener('change', function () { setCompare($('#compare').checked, true); });
    $('#copy-b').addEventListener('click', function () {
      var b = dash.panes.b;
      b.filter = Object.assign({}, dash.panes.a.filter);
      syncSelects(b);
      writeUrl();
      load(b);
    });
    // A URL edited by hand (or a shared link opened on this page).
    window.addEventListener('hashchange', function () { if (dash.meta) applyUrl(); });
    var pending = null, lastWidth = window.innerWidth;
    window.addEventListener('resize', function () {
      if (pending) window.clearTimeout(pending);
      pending = window.setTimeout(function () {
        if (window.innerWidth === lastWidth) {
          activePanes().forEach(function (p) { Object.keys(p.charts).forEach(function (id) { p.charts[id].resize(); }); });
        } else {
          lastWidth = window.innerWidth;
          redraw();
        }
      }, 150);
    });
  }

  start();
})();
