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

  // A chart narrower than this (a phone) lays its bars out horizontally, so
  // that category names read across instead of colliding under the axis.
  var NARROW = 560;
  // Whether a bar chart's category names would collide under its columns:
  // on a phone, or when their text is wider than the plot.
  function rowsRead(spec, el) {
    if (spec.horizontal) return true;
    var w = el.clientWidth;
    if (w >= NARROW) return false;
    var text = 0;
    spec.categories.forEach(function (c) {
      for (var i = 0; i < c.length; i++) text += c.charCodeAt(i) > 0x2e80 ? 12 : 7;
      text += 10;
    });
    return spec.categories.length > 4 || text > w - 80;
  }
  // The legend wraps into as many rows as its names need in `width`; the
  // plot starts below them.
  function legendRows(names, width) {
    var rows = 1, x = 0;
    names.forEach(function (n) {
      var w = 35;
      for (var i = 0; i < n.length; i++) w += n.charCodeAt(i) > 0x2e80 ? 12 : 7;
      if (x > 0 && x + w > width - 16) { rows++; x = 0; }
      x += w;
    });
    return rows;
  }
  // A bar chart laid out horizontally: the height its rows need.
  function horizontalHeight(spec) {
    var rows = spec.categories.length * (spec.stack ? 1 : spec.series.length);
    return Math.max(220, 70 + rows * (spec.stack ? 26 : 17) + spec.categories.length * 6);
  }

  function bar(spec, el) {
    var o = base();
    var narrow = el.clientWidth < NARROW;
    var h = rowsRead(spec, el);
    var count = spec.categories.length * (spec.stack ? 1 : spec.series.length);
    var labels = h ? !(narrow && spec.line) : count <= 24 && !narrow;
    var legendNames = spec.series.map(function (x) { return x.name; }).concat(spec.line ? [spec.line.name] : []);
    o.legend = {
      show: spec.series.length > 1 || !!spec.line, top: 0, left: 'center', width: el.clientWidth - 16,
      textStyle: { fontFamily: FONT }
    };
    var legendHeight = o.legend.show ? 24 * legendRows(legendNames, el.clientWidth) : 0;
    o.tooltip = {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      valueFormatter: function (v) { return fmt(v, spec.unit); }
    };
    // Room on top for the legend and, in columns, the axis names above the
    // axes; on the right of rows for the value labels.
    var top = legendHeight + (h ? 12 : 36);
    if (h && spec.line) top += 22;
    o.grid = { left: 8, right: h ? 72 : spec.line ? 24 : 48, top: top, bottom: 8, containLabel: true };
    var cat = {
      type: 'category', data: spec.categories,
      axisLabel: {
        // Many columns: names run straight down from their tick, so none
        // reaches under its neighbour or the value axis' labels.
        interval: 0, fontFamily: FONT, rotate: !h && spec.categories.length > 8 ? 90 : 0,
        width: h ? (narrow ? 84 : 150) : 90, overflow: 'truncate'
      },
      axisTick: { alignWithLabel: true }
    };
    var val = {
      type: 'value', name: spec.axis, nameTextStyle: { fontFamily: FONT, color: '#7b8794', align: 'left' },
      splitNumber: narrow ? 3 : 5,
      axisLabel: { hideOverlap: true, formatter: function (v) { return spec.unit === 'wan' ? v + '万' : spec.unit === 'pct' ? v + '%' : group(v); } },
      splitLine: { lineStyle: { color: '#e6eaef' } }
    };
    if (h) {
      cat.inverse = true;
      delete val.name;  // the ticks say the unit
      o.xAxis = [val];
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
      // The difference's own axis: on the right of columns, on top of rows.
      var diffAxis = {
        type: 'value', name: h ? undefined : spec.line_axis,
        nameTextStyle: { fontFamily: FONT, color: '#7b8794', align: 'right' }, splitNumber: narrow ? 3 : 5,
        axisLabel: { hideOverlap: true, formatter: '{value}%', color: '#b5485d' }, splitLine: { show: false }
      };
      if (h) {
        diffAxis.position = 'top';
        o.xAxis.push(diffAxis);
      } else {
        o.yAxis.push(diffAxis);
      }
      // The difference per category: markers on the right-hand axis, not a
      // line (the categories are not a sequence).
      o.series.push({
        name: line.name, type: 'line', xAxisIndex: h ? 1 : 0, yAxisIndex: h ? 0 : 1, symbol: 'diamond', symbolSize: 11,
        itemStyle: { color: '#b5485d' }, lineStyle: { width: 0, opacity: 0 }, z: 5, labelLayout: { hideOverlap: true },
        tooltip: { valueFormatter: function (v) { return fmt(v, 'pct'); } },
        label: {
          show: count <= 24 && !narrow, position: 'right', fontSize: 11, color: '#b5485d', fontWeight: 'bold',
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

  function line(spec, el) {
    var o = base();
    var narrow = el.clientWidth < NARROW;
    o.legend = { top: 0, left: 'center', width: el.clientWidth - 16, textStyle: { fontFamily: FONT } };
    var legendHeight = 24 * legendRows(spec.series.map(function (x) { return x.name; }), el.clientWidth);
    o.tooltip = { trigger: 'axis', valueFormatter: function (v) { return fmt(v, 'pct'); } };
    o.grid = { left: 8, right: 32, top: legendHeight + 16, bottom: 8, containLabel: true };
    o.xAxis = {
      type: 'category', data: spec.categories,
      axisLabel: { fontFamily: FONT, hideOverlap: true, rotate: narrow && spec.categories.length > 4 ? 90 : 0 }
    };
    o.yAxis = { type: 'value', axisLabel: { formatter: '{value}%' }, splitLine: { lineStyle: { color: '#e6eaef' } } };
    o.series = spec.series.map(function (s, i) {
      var color = PALETTE[i % PALETTE.length];
      return {
        name: s.name, type: 'line', symbolSize: 9, labelLayout: { hideOverlap: true },
        lineStyle: { width: i ? 2 : 3, type: i ? 'dashed' : 'solid' },
        itemStyle: { color: color },
        areaStyle: i ? undefined : { opacity: 0.08 },
        label: {
          show: !narrow || spec.categories.length <= 6, position: 'top', fontSize: narrow ? 9 : 11, fontFamily: FONT,
          formatter: function (p) { return fmt(p.value, 'pct') + (s.small[p.dataIndex] ? '*' : ''); }
        },
        data: s.values.map(function (v, j) {
          return s.small[j] && v !== null ? { value: v, symbol: 'emptyCircle', itemStyle: { color: light(color) } } : v;
        })
      };
    });
    return o;
  }

  function heatmap(spec, el) {
    var o = base();
    var narrow = el.clientWidth < NARROW;
    // Cell labels only where a cell is wide enough to hold "12.34%".
    var cellWidth = (el.clientWidth - (narrow ? 90 : 150)) / Math.max(1, spec.x.length);
    var cellLabels = cellWidth >= 44;
    var max = 0;
    spec.cells.forEach(function (c) { if (c[2] !== null && c[2] > max) max = c[2]; });
    o.tooltip = {
      formatter: function (p) {
        var c = spec.cells[p.dataIndex];
        return esc(spec.y[c[1]]) + ' · ' + esc(spec.x[c[0]]) + '：' + fmt(c[2], 'pct') + (c[3] ? '（样本不足）' : '');
      }
    };
    o.grid = { left: 8, right: 16, top: 8, bottom: 8, containLabel: true };
    o.xAxis = {
      type: 'category', data: spec.x, position: 'top', splitArea: { show: false },
      axisLabel: { interval: 0, rotate: narrow ? 90 : 30, fontFamily: FONT, width: narrow ? 70 : 110, overflow: 'truncate' }
    };
    o.yAxis = {
      type: 'category', data: spec.y, inverse: true,
      axisLabel: { fontFamily: FONT, width: narrow ? 76 : 140, overflow: 'truncate' }
    };
    o.visualMap = { show: false, min: 0, max: max || 1, dimension: 2, inRange: { color: ['#f1f6fb', '#8fb6da', '#1f5f99'] } };
    o.series = [{
      type: 'heatmap',
      itemStyle: { borderColor: '#fff', borderWidth: 2 },
      data: spec.cells.map(function (c) {
        var item = {
          value: [c[0], c[1], c[2] === null ? '-' : c[2]],
          label: {
            show: cellLabels, fontSize: 11, fontFamily: FONT,
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

  function wordcloud(spec, el) {
    var o = base();
    var narrow = el.clientWidth < NARROW;
    o.tooltip = {
      formatter: function (p) { return esc(p.name) + '：' + fmt(p.data.share, 'pct') + '（' + group(p.data.count) + ' 个AI岗位）'; }
    };
    o.series = [{
      type: 'wordCloud', shape: 'circle', left: 'center', top: 'center', width: '96%', height: '96%',
      sizeRange: narrow ? [10, 28] : [14, 50], rotationRange: [0, 0], gridSize: 10, drawOutOfBound: false, shrinkToFit: true,
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

  // Positions for the network, inside a w × h frame: a deterministic
  // force-directed layout (Fruchterman–Reingold from a circle, cooling over
  // 300 steps), scaled to the frame with room for the labels on the right.
  // ECharts' own force layout starts from random places and lets nodes
  // drift out of the frame.
  function networkLayout(spec, w, h, labelRoom) {
    var n = spec.nodes.length, index = {};
    var pos = spec.nodes.map(function (node, i) {
      index[node.name] = i;
      var a = 2 * Math.PI * i / Math.max(1, n);
      return [Math.cos(a), Math.sin(a)];
    });
    var k = Math.sqrt(4 / Math.max(1, n));
    var edges = spec.links.map(function (l) { return [index[l.source], index[l.target]]; })
      .filter(function (e) { return e[0] !== undefined && e[1] !== undefined; });
    for (var step = 0, t = 0.2; step < 300; step++, t *= 0.985) {
      var d = pos.map(function () { return [0, 0]; });
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var dx = pos[i][0] - pos[j][0], dy = pos[i][1] - pos[j][1];
          var dist2 = Math.max(1e-6, dx * dx + dy * dy), f = k * k / dist2;
          d[i][0] += dx * f; d[i][1] += dy * f; d[j][0] -= dx * f; d[j][1] -= dy * f;
        }
        // A little gravity keeps unconnected nodes from flying off.
        d[i][0] -= pos[i][0] * 0.05; d[i][1] -= pos[i][1] * 0.05;
      }
      edges.forEach(function (e) {
        var dx = pos[e[0]][0] - pos[e[1]][0], dy = pos[e[0]][1] - pos[e[1]][1];
        var dist = Math.sqrt(dx * dx + dy * dy) || 1e-3, f = dist / k;
        d[e[0]][0] -= dx * f; d[e[0]][1] -= dy * f; d[e[1]][0] += dx * f; d[e[1]][1] += dy * f;
      });
      for (var m = 0; m < n; m++) {
        var len = Math.sqrt(d[m][0] * d[m][0] + d[m][1] * d[m][1]) || 1;
        var move = Math.min(len, t);
        pos[m][0] += d[m][0] / len * move;
        pos[m][1] += d[m][1] / len * move;
      }
    }
    var box = [Infinity, Infinity, -Infinity, -Infinity];
    pos.forEach(function (p) {
      box = [Math.min(box[0], p[0]), Math.min(box[1], p[1]), Math.max(box[2], p[0]), Math.max(box[3], p[1])];
    });
    var margin = 24;
    var sx = (w - 2 * margin - labelRoom) / Math.max(1e-6, box[2] - box[0]);
    var sy = (h - 2 * margin) / Math.max(1e-6, box[3] - box[1]);
    return pos.map(function (p) {
      return [margin + (p[0] - box[0]) * (n > 1 ? sx : 0), margin + (p[1] - box[1]) * (n > 1 ? sy : 0)];
    });
  }

  function graph(spec, el) {
    var o = base();
    var narrow = el.clientWidth < NARROW;
    var xy = networkLayout(spec, el.clientWidth, el.clientHeight, narrow ? 70 : 110);
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
      type: 'graph', layout: 'none', roam: true, draggable: true,
      // The nodes' box is fitted into the frame less room for the labels.
      left: 24, top: 24, right: narrow ? 70 : 110, bottom: 24,
      label: { show: true, position: 'right', fontSize: narrow ? 9 : 11, fontFamily: FONT, color: INK },
      labelLayout: { hideOverlap: true },
      emphasis: { focus: 'adjacency', lineStyle: { width: 4 } },
      data: spec.nodes.map(function (n, i) {
        return {
          name: n.name, value: n.value, x: xy[i][0], y: xy[i][1],
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

  // Draws (or redraws, on a resize) one chart at its container's width: a
  // bar chart that turns horizontal on a phone gets the height its rows need.
  function draw(c) {
    var spec = c.spec;
    var wantsRows = spec.kind === 'bar' && !spec.horizontal && rowsRead(spec, c.el);
    var height = wantsRows ? Math.max(c.height, horizontalHeight(spec)) : c.height;
    if (parseFloat(c.el.style.height) !== height) {
      c.el.style.height = height + 'px';
      if (c.chart) c.chart.resize();
    }
    if (!c.chart) {
      c.chart = echarts.init(c.el, null, { renderer: 'svg' });
      c.chart.on('finished', function () {
        fitViewBox(c.el);
      });
    }
    c.chart.setOption(BUILD[spec.kind](spec, c.el), true);
    c.chart.resize();
    fitViewBox(c.el);
  }

  document.querySelectorAll('.chart[data-chart]').forEach(function (el) {
    var spec = specs[el.getAttribute('data-chart')];
    if (!spec || !BUILD[spec.kind]) {
      el.textContent = '无法绘制此图（未知的图表类型）。';
      return;
    }
    var c = { spec: spec, el: el, chart: null, height: parseFloat(el.style.height) || 380 };
    draw(c);
    charts.push(c);
  });

  var pending = null;
  var lastWidth = window.innerWidth;
  window.addEventListener('resize', function () {
    if (pending) window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      var width = window.innerWidth;
      charts.forEach(function (c) {
        if (width !== lastWidth) draw(c);
        else c.chart.resize();
        fitViewBox(c.el);
      });
      lastWidth = width;
    }, 100);
  });
  document.documentElement.setAttribute('data-charts-drawn', String(charts.length));
})();
