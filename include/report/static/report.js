// The nightly report's only script: draws the charts (plotly.js, shipped beside the report) and
// sorts and filters the all-regions table. No network, no framework.
(function () {
  "use strict";
  // the page's language: a plotly locale (month names, separators) and the words this script writes,
  // put into the page by the template from the gettext catalog (this file has no words of its own)
  var i18nBlock = document.getElementById("report-i18n");
  var i18n = i18nBlock ? JSON.parse(i18nBlock.textContent) : {strings: {}};
  var words = i18n.strings || {};
  if (i18n.locale && typeof Plotly !== "undefined") Plotly.register(i18n.locale);
  document.querySelectorAll("script.chart-spec").forEach(function (spec) {
    var target = document.getElementById(spec.dataset.target);
    if (!target || typeof Plotly === "undefined") return;
    var figure = JSON.parse(spec.textContent);
    var config = figure.config || {displaylogo: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d"]};
    if (i18n.locale) config.locale = i18n.locale.name;
    Plotly.newPlot(target, figure.data, figure.layout, config)
      .then(function () { target.dataset.drawn = "true"; });
  });

  var table = document.querySelector("table.sortable");
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var selects = document.querySelectorAll("[data-filter]");
  var search = document.querySelector("[data-search]");
  var shown = document.getElementById("shown-count");

  function value(row, index, numeric) {
    var cell = row.cells[index];
    var raw = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
    if (!numeric) return raw.toLowerCase();
    var n = parseFloat(raw);
    return isNaN(n) ? Infinity : n;
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
    th.setAttribute("tabindex", "0");
    if (words.sortHint && !th.title) th.title = words.sortHint;
    th.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      var numeric = th.dataset.type === "num";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      th.title = (ascending ? words.sortAscending : words.sortDescending) || th.title;
      rows.sort(function (a, b) {
        var x = value(a, index, numeric), y = value(b, index, numeric);
        return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });

  function filter() {
    var wanted = {};
    selects.forEach(function (s) { if (s.value) wanted[s.dataset.filter] = s.value; });
    var text = search ? search.value.trim().toLowerCase() : "";
    var count = 0;
    rows.forEach(function (r) {
      var ok = Object.keys(wanted).every(function (k) { return r.dataset[k] === wanted[k]; });
      if (ok && text) ok = (r.cells[0].textContent + " " + r.cells[1].textContent).toLowerCase().indexOf(text) >= 0;
      r.hidden = !ok;
      if (ok) count += 1;
    });
    if (shown) shown.textContent = count;
  }
  selects.forEach(function (s) { s.addEventListener("change", filter); });
  if (search) search.addEventListener("input", filter);
})();
