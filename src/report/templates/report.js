// report.html's script (embedded by report/assets.cc): draws every chart of
// the page with the embedded ECharts from the JSON in #jobsift-charts, whose
// specs html.cc writes (kinds: bar, line, heatmap, wordcloud, graph). Numbers
// are formatted as in the page's text (35.43%, 27.1万); cells under the
// minimum n are drawn light and hatched, with a * on their labels.
(function () {
  'use strict';
  var specs = JSON.parse(document.getElementById('jobsift-charts').textContent);
  var FONT = window.getComputedStyle(document.body).fontFamily;
  var PALETTE = ['#1f5f99', '#e07b39', '#4c9a5b', '#8c5fb3', '#c8a21e', '#2aa1a8', '#b5485d'];
  var INK = '#3e4c59';
  var SMALL_DECAL = {
    symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 3],
    rotation: -Math.PI / 4, color: 'rgba(255,255,255,0.75)'
  };

  // Tooltips are HTML: names from the data are escaped.
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function group(n) {
    return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }
  function fmt(v, unit) {
    if (v === null || v === undefined || isNaN(v)) return '—';
    if (unit === 'wan') return v.toFixed(1) + '万';
    if (unit === 'count') return group(v);
    return v.toFixed(2) + '%';
  }
  // The colour halfway to white: small cells stand back.
  function light(hex) {
    var n = parseInt(hex.slice(1), 16);
    var c = [n >> 16, (n >> 8) & 255, n & 255].map(function (x) { return Math.round(x + (255 - x) * 0.6); });
    return 'rgb(' + c.join(',') + ')';
  }
  function smallItem(value, color) {
    return {
      value: value,
      itemStyle: { color: light(color), decal: SMALL_DECAL, borderColor: color, borderWidth: 1, borderType: 'dashed' }
    };
  }
  function base() {
    return {
      animation: false,
      textStyle: { fontFamily: FONT, color: INK },
      color: PALETTE,
      aria: { enabled: true }
    };
  }

  function bar(spec) {
    var o = base();
    var h = spec.horizontal;
    var count = spec.categories.length * (spec.stack ? 1 : spec.series.length);
    var labels = h || count <= 24;
    o.legend = { show: spec.series.length > 1 || !!spec.line, top: 0, textStyle: { fontFamily: FONT } };
    o.tooltip = {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      valueFormatter: function (v) { return fmt(v, spec.unit); }
    };
    o.grid = { left: 8, right: spec.line ? 24 : 48, top: o.legend.show ? (h ? 36 : 60) : 12, bottom: 8, containLabel: true };
    var cat = {
      type: 'category', data: spec.categories,
      axisLabel: { interval: 0, fontFamily: FONT, rotate: !h && spec.categories.length > 8 ? 35 : 0 },
      axisTick: { alignWithLabel: true }
    };
    var val = {
      type: 'value', name: spec.axis, nameTextStyle: { fontFamily: FONT, color: '#7b8794', align: 'left' },
      axisLabel: { formatter: function (v) { return spec.unit === 'wan' ? v + '万' : spec.unit === 'pct' ? v + '%' : group(v); } },
      splitLine: { lineStyle: { color: '#e6eaef' } }
    };
    if (h) {
      cat.inverse = true;
      delete val.name;  // the ticks say the unit
      o.xAxis = val;
      o.yAxis = cat;
    } else {
      o.xAxis = cat;
      o.yAxis = [val];
    }
    o.series = spec.series.map(function (s, i) {
      var color = PALETTE[i % PALETTE.length];
      return {
        name: s.name, type: 'bar', stack: spec.stack ? 'all' : undefined,
        barMaxWidth: 26, barGap: '12%', itemStyle: { color: color }, labelLayout: { hideOverlap: true },
        label: {
          show: labels, position: h ? 'right' : 'top', fontSize: 11, color: INK, fontFamily: FONT,
          formatter: function (p) {
            if (p.value === null || p.value === undefined) return '';
            var v = typeof p.value === 'object' ? p.value.value : p.value;
            return fmt(v, spec.unit) + (s.small[p.dataIndex] ? '*' : '');
          }
        },
        data: s.values.map(function (v, j) { return s.small[j] && v !== null ? smallItem(v, color) : v; })
      };
    });
    if (spec.line) {
      var line = spec.line;
      o.yAxis.push({
        type: 'value', name: spec.line_axis, nameTextStyle: { fontFamily: FONT, color: '#7b8794', align: 'right' },
        axisLabel: { formatter: '{value}%' }, splitLine: { show: false }
      });
      // The difference per category: markers on the right-hand axis, not a
      // line (the categories are not a sequence).
      o.series.push({
        name: line.name, type: 'line', yAxisIndex: 1, symbol: 'diamond', symbolSize: 11,
        itemStyle: { color: '#b5485d' }, lineStyle: { width: 0, opacity: 0 }, z: 5, labelLayout: { hideOverlap: true },
        tooltip: { valueFormatter: function (v) { return fmt(v, 'pct'); } },
        label: {
          show: count <= 24, position: 'right', fontSize: 11, color: '#b5485d', fontWeight: 'bold',
          backgroundColor: 'rgba(255,255,255,0.8)', padding: [1, 2],
          formatter: function (p) { return fmt(p.value, 'pct') + (line.small[p.dataIndex] ? '*' : ''); }
        },
        data: line.values.map(function (v, j) {
          return line.small[j] && v !== null ? { value: v, symbol: 'emptyCircle', itemStyle: { color: '#c9a0aa' } } : v;
        })
      });
    }
    return o;
  }

  function line(spec) {
    var o = base();
    o.legend = { top: 0, textStyle: { fontFamily: FONT } };
    o.tooltip = { trigger: 'axis', valueFormatter: function (v) { return fmt(v, 'pct'); } };
    o.grid = { left: 8, right: 32, top: 40, bottom: 8, containLabel: true };
    o.xAxis = { type: 'category', data: spec.categories, axisLabel: { fontFamily: FONT } };
    o.yAxis = { type: 'value', axisLabel: { formatter: '{value}%' }, splitLine: { lineStyle: { color: '#e6eaef' } } };
    o.series = spec.series.map(function (s, i) {
      var color = PALETTE[i % PALETTE.length];
      return {
        name: s.name, type: 'line', symbolSize: 9, labelLayout: { hideOverlap: true },
        lineStyle: { width: i ? 2 : 3, type: i ? 'dashed' : 'solid' },
        itemStyle: { color: color },
        areaStyle: i ? undefined : { opacity: 0.08 },
        label: {
          show: true, position: 'top', fontSize: 11, fontFamily: FONT,
          formatter: function (p) { return fmt(p.value, 'pct') + (s.small[p.dataIndex] ? '*' : ''); }
        },
        data: s.values.map(function (v, j) {
          return s.small[j] && v !== null ? { value: v, symbol: 'emptyCircle', itemStyle: { color: light(color) } } : v;
        })
      };
    });
    return o;
  }

  function heatmap(spec) {
    var o = base();
    var max = 0;
    spec.cells.forEach(function (c) { if (c[2] !== null && c[2] > max) max = c[2]; });
    o.tooltip = {
      formatter: function (p) {
        var c = spec.cells[p.dataIndex];
        return esc(spec.y[c[1]]) + ' · ' + esc(spec.x[c[0]]) + '：' + fmt(c[2], 'pct') + (c[3] ? '（样本不足）' : '');
      }
    };
    o.grid = { left: 8, right: 16, top: 8, bottom: 8, containLabel: true };
    o.xAxis = { type: 'category', data: spec.x, position: 'top', axisLabel: { interval: 0, rotate: 30, fontFamily: FONT }, splitArea: { show: false } };
    o.yAxis = { type: 'category', data: spec.y, inverse: true, axisLabel: { fontFamily: FONT } };
    o.visualMap = { show: false, min: 0, max: max || 1, dimension: 2, inRange: { color: ['#f1f6fb', '#8fb6da', '#1f5f99'] } };
    o.series = [{
      type: 'heatmap',
      itemStyle: { borderColor: '#fff', borderWidth: 2 },
      data: spec.cells.map(function (c) {
        var item = {
          value: [c[0], c[1], c[2] === null ? '-' : c[2]],
          label: {
            show: true, fontSize: 11, fontFamily: FONT,
            color: !c[3] && c[2] !== null && c[2] > max * 0.55 ? '#fff' : INK,
            formatter: function () { return fmt(c[2], 'pct') + (c[3] ? '*' : ''); }
          }
        };
        if (c[3]) item.itemStyle = { decal: SMALL_DECAL, opacity: 0.55, borderType: 'dashed', borderColor: '#9aa5b1', borderWidth: 1 };
        return item;
      })
    }];
    return o;
  }

  function wordcloud(spec) {
    var o = base();
    o.tooltip = {
      formatter: function (p) { return esc(p.name) + '：' + fmt(p.data.share, 'pct') + '（' + group(p.data.count) + ' 个AI岗位）'; }
    };
    o.series = [{
      type: 'wordCloud', shape: 'circle', left: 'center', top: 'center', width: '96%', height: '96%',
      sizeRange: [14, 50], rotationRange: [0, 0], gridSize: 10, drawOutOfBound: false, shrinkToFit: true,
      layoutAnimation: false,
      textStyle: {
        fontFamily: FONT, fontWeight: 'bold',
        color: function (p) { return p.data.small ? '#9aa5b1' : PALETTE[p.dataIndex % 4]; }
      },
      emphasis: { textStyle: { color: '#b5485d' } },
      data: spec.words.map(function (w) {
        return { name: w.name, value: w.share === null ? 0 : w.share, share: w.share, count: w.value, small: w.small };
      })
    }];
    return o;
  }

  function graph(spec) {
    var o = base();
    var maxNode = 1, maxPmi = 0;
    spec.nodes.forEach(function (n) { if (n.value > maxNode) maxNode = n.value; });
    spec.links.forEach(function (l) { if (l.pmi > maxPmi) maxPmi = l.pmi; });
    o.tooltip = {
      formatter: function (p) {
        if (p.dataType === 'edge') {
          var l = spec.links[p.dataIndex];
          return esc(l.source) + ' — ' + esc(l.target) + '<br>共现 ' + group(l.co) + ' 个AI岗位 · lift ' + l.lift + ' · PMI ' + l.pmi;
        }
        return esc(p.name) + '：' + group(p.value) + ' 个AI岗位';
      }
    };
    o.series = [{
      type: 'graph', layout: 'force', roam: true, draggable: true,
      force: { repulsion: 320, gravity: 0.06, edgeLength: [60, 200], layoutAnimation: false },
      label: { show: true, position: 'right', fontSize: 11, fontFamily: FONT, color: INK },
      emphasis: { focus: 'adjacency', lineStyle: { width: 4 } },
      data: spec.nodes.map(function (n) {
        return {
          name: n.name, value: n.value,
          symbolSize: 8 + 24 * Math.sqrt(n.value / maxNode),
          itemStyle: { color: PALETTE[0] }
        };
      }),
      links: spec.links.map(function (l) {
        var w = maxPmi > 0 && l.pmi > 0 ? l.pmi / maxPmi : 0;
        return {
          source: l.source, target: l.target, value: l.pmi,
          lineStyle: {
            width: 0.6 + 4.4 * w, opacity: 0.25 + 0.6 * w, curveness: 0.1,
            type: l.lift !== null && l.lift <= 1 ? 'dashed' : 'solid', color: l.lift !== null && l.lift <= 1 ? '#9aa5b1' : '#e07b39'
          }
        };
      })
    }];
    return o;
  }

  var BUILD = { bar: bar, line: line, heatmap: heatmap, wordcloud: wordcloud, graph: graph };
  var charts = [];

  // The SVG gets a viewBox so that print CSS can scale it to the page.
  function fitViewBox(el) {
    var svg = el.querySelector('svg');
    if (!svg) return;
    var w = parseFloat(svg.getAttribute('width')), h = parseFloat(svg.getAttribute('height'));
    if (w > 0 && h > 0) svg.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
  }

  document.querySelectorAll('.chart[data-chart]').forEach(function (el) {
    var spec = specs[el.getAttribute('data-chart')];
    if (!spec || !BUILD[spec.kind]) {
      el.textContent = '无法绘制此图（未知的图表类型）。';
      return;
    }
    var chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(BUILD[spec.kind](spec));
    chart.on('finished', function () { fitViewBox(el); });
    fitViewBox(el);
    charts.push({ chart: chart, el: el });
  });

  var pending = null;
  window.addEventListener('resize', function () {
    if (pending) window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      charts.forEach(function (c) { c.chart.resize(); fitViewBox(c.el); });
    }, 100);
  });
  document.documentElement.setAttribute('data-charts-drawn', String(charts.length));
})();
