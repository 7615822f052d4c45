// SPDX-License-Identifier: Apache-2.0
// Interactivity of an ior flame graph SVG: click a frame to zoom, "Reset Zoom" or Escape to
// zoom out, "Search" or Ctrl+F (or a #s=term URL fragment) to highlight matching frames and
// show how much of the total they cover. Frame geometry is recomputed from each frame's start
// and value in value units (not from rounded pixels), so zooming stays exact at any depth.
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';
  var SEARCH_FILL = '#e040fb';
  var root, layer, frames, geo, zoomed = null, lastTerm = '';

  function num(el, name) { return parseFloat(el.getAttribute(name)); }

  function init() {
    root = document.getElementById('flamegraph');
    layer = document.getElementById('frames');
    geo = {
      total: num(layer, 'data-total'), xpad: num(layer, 'data-xpad'), w: num(layer, 'data-w'),
      fh: num(layer, 'data-fh'), fs: num(layer, 'data-fs'), top: num(layer, 'data-top'),
      rows: num(layer, 'data-rows'), inv: layer.getAttribute('data-inv') === '1',
      nametype: layer.getAttribute('data-nametype') || '',
      fw: num(layer, 'data-fw') || 0.59
    };
    frames = [];
    // Frames come in pre-order and children sit side by side from their parent's start, so a
    // running cursor per depth gives every frame's exact start in value units.
    var gs = layer.children, cursor = [0];
    for (var i = 0; i < gs.length; i++) {
      var f = info(gs[i]);
      f.s = cursor[f.depth] || 0;
      cursor[f.depth] = f.s + f.v;
      cursor[f.depth + 1] = f.s;
      frames.push(f);
    }
    layer.addEventListener('click', function (e) {
      var f = frameOf(e.target);
      if (f) { zoom(f); }
    });
    layer.addEventListener('mouseover', function (e) {
      var f = frameOf(e.target);
      setText('details', f ? (geo.nametype ? geo.nametype + ' ' : '') + f.title.textContent : ' ');
    });
    layer.addEventListener('mouseout', function () { setText('details', ' '); });
    document.getElementById('unzoom').addEventListener('click', unzoom);
    document.getElementById('search').addEventListener('click', askSearch);
    document.getElementById('matched').addEventListener('click', resetSearch);
    window.addEventListener('keydown', onKey);
    var m = /[#&]s=([^&]*)/.exec(window.location.hash);
    if (m) { search(decodeURIComponent(m[1])); }
    root.setAttribute('data-ready', '1');
  }

  function info(g) {
    var rect = g.querySelector('rect'), title = g.querySelector('title');
    // Title: "name (1,234 samples, 5.67%)"; the value is the grouped number after the last " (".
    var t = title.textContent, y = num(rect, 'y'), open = t.lastIndexOf(' (');
    var row = Math.round((y - geo.top) / geo.fh);
    return {
      g: g, rect: rect, title: title, text: g.querySelector('text'),
      name: t.substring(0, open),
      v: g.hasAttribute('data-v') ? num(g, 'data-v')
          : parseInt(t.substring(open + 2).split(' ')[0].replace(/,/g, ''), 10), y: y,
      depth: geo.inv ? row : geo.rows - 1 - row,
      fill: rect.getAttribute('fill')
    };
  }

  function frameOf(el) {
    while (el && el !== layer) {
      if (el.parentNode === layer) { return frames[Array.prototype.indexOf.call(layer.children, el)]; }
      el = el.parentNode;
    }
    return null;
  }

  function setText(id, s) { document.getElementById(id).textContent = s; }

  // Places a frame at x/width px and refits its label; creates the label if it had none.
  function place(f, x, w) {
    f.rect.setAttribute('x', x.toFixed(2));
    f.rect.setAttribute('width', w.toFixed(2));
    var label = fit(f.name, w);
    if (!f.text) {
      if (!label) { return; }
      f.text = document.createElementNS(NS, 'text');
      f.text.setAttribute('y', (f.y + (geo.fh + geo.fs) / 2 - 2).toFixed(1));
      f.g.appendChild(f.text);
    }
    f.text.setAttribute('x', (x + 3).toFixed(2));
    f.text.textContent = label;
  }

  function fit(name, w) {
    var max = Math.floor((w - 6) / (geo.fs * geo.fw));
    if (max < 3) { return ''; }
    return name.length <= max ? name : name.substring(0, max - 2) + '..';
  }

  function zoom(z) {
    var scale = geo.w / z.v;
    frames.forEach(function (f) {
      var inside = f.depth >= z.depth && f.s >= z.s && f.s + f.v <= z.s + z.v;
      var above = f.depth < z.depth && f.s <= z.s && f.s + f.v >= z.s + z.v;
      f.g.classList.toggle('hide', !inside && !above);
      f.g.classList.toggle('parent', above);
      if (above) { place(f, geo.xpad, geo.w); }
      else if (inside) { place(f, geo.xpad + (f.s - z.s) * scale, f.v * scale); }
    });
    zoomed = z;
    document.getElementById('unzoom').classList.remove('hide');
    root.setAttribute('data-zoom', z.name);
  }

  function unzoom() {
    var scale = geo.w / geo.total;
    frames.forEach(function (f) {
      f.g.classList.remove('hide', 'parent');
      place(f, geo.xpad + f.s * scale, f.v * scale);
    });
    zoomed = null;
    document.getElementById('unzoom').classList.add('hide');
    root.removeAttribute('data-zoom');
  }

  function askSearch() {
    var term = window.prompt('Search frames (regular expression or plain text)', lastTerm);
    if (term !== null && term !== '') { search(term); }
  }

  function toRegExp(term) {
    try { return new RegExp(term); } catch (e) {
      return new RegExp(term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    }
  }

  // Highlights frames whose name matches and reports the share of the total they cover;
  // nested matches are counted once by merging their [start, end) ranges.
  function search(term) {
    resetSearch();
    var re = toRegExp(term), ranges = [], count = 0;
    frames.forEach(function (f) {
      if (re.test(f.name)) {
        f.rect.setAttribute('fill', SEARCH_FILL);
        f.g.classList.add('match');
        ranges.push([f.s, f.s + f.v]);
        count++;
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var covered = 0, end = -1;
    ranges.forEach(function (r) {
      if (r[1] <= end) { return; }
      covered += r[1] - Math.max(r[0], end);
      end = r[1];
    });
    lastTerm = term;
    var pct = geo.total ? (100 * covered / geo.total).toFixed(2) : '0.00';
    setText('matched', 'Matched: ' + pct + '% (' + count + ' frames)');
    root.setAttribute('data-matched', String(covered));
    root.setAttribute('data-search', term);
  }

  function resetSearch() {
    frames.forEach(function (f) {
      if (f.g.classList.contains('match')) {
        f.rect.setAttribute('fill', f.fill);
        f.g.classList.remove('match');
      }
    });
    setText('matched', ' ');
    root.removeAttribute('data-matched');
    root.removeAttribute('data-search');
  }

  function onKey(e) {
    if ((e.ctrlKey || e.metaKey) && e.key === 'f') {
      e.preventDefault();
      askSearch();
    } else if (e.key === 'Escape') {
      resetSearch();
      unzoom();
    }
  }

  // A tiny API for scripts and tests: the same actions as the mouse and keys.
  window.flamegraph = {
    zoom: function (i) { zoom(frames[i]); }, unzoom: function () { unzoom(); },
    search: function (t) { search(t); }, resetSearch: function () { resetSearch(); }
  };
  if (document.readyState === 'loading') {
    window.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
