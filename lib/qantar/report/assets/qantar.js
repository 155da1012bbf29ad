/* Qantar report set: sortable, searchable, paged tables and the site search box. No dependencies, no network,
   works from file://. Dataset text is only ever inserted with textContent, never as HTML. */
(function () {
  "use strict";
  var PAGE = 25;

  function cellText(row, i) { var c = row.cells[i]; return c ? c.textContent : ""; }

  function sortKey(text) {
    var t = text.trim();
    var num = t.replace(/,/g, "");
    if (/^-?\d+(\.\d+)?$/.test(num)) return [0, parseFloat(num)];
    var m = /^(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (\d{4})/.exec(t);
    if (m) {
      var months = "JanFebMarAprMayJunJulAugSepOctNovDec";
      return [0, Number(m[3]) * 10000 + (months.indexOf(m[2]) / 3 + 1) * 100 + Number(m[1])];
    }
    return [1, t.toLowerCase()];
  }

  function enhance(table) {
    var tbody = table.tBodies[0];
    if (!tbody) return;
    var rows = Array.prototype.slice.call(tbody.rows);
    var state = { query: "", shown: PAGE, col: -1, dir: 1 };
    var tools = document.createElement("div");
    tools.className = "qtable-tools";
    var label = document.createElement("label");
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = "Filter rows…";
    input.setAttribute("aria-label", "Filter the rows of this table");
    label.appendChild(input);
    var count = document.createElement("span");
    var more = document.createElement("button");
    more.type = "button";
    var sortSelect = document.createElement("select");
    sortSelect.className = "qtable-sort";
    sortSelect.setAttribute("aria-label", "Sort by");
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    var none = document.createElement("option");
    none.textContent = "Sort by…";
    none.value = "-1";
    sortSelect.appendChild(none);
    Array.prototype.forEach.call(heads, function (th, i) {
      var opt = document.createElement("option");
      opt.value = String(i);
      opt.textContent = th.textContent;
      sortSelect.appendChild(opt);
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(i); });
    });
    tools.appendChild(label);
    tools.appendChild(sortSelect);
    tools.appendChild(count);
    tools.appendChild(more);
    table.parentNode.insertBefore(tools, table);

    function sortBy(i) {
      state.dir = state.col === i ? -state.dir : 1;
      state.col = i;
      rows.sort(function (a, b) {
        var ka = sortKey(cellText(a, i)), kb = sortKey(cellText(b, i));
        if (ka[0] !== kb[0]) return ka[0] - kb[0];
        return (ka[1] < kb[1] ? -1 : ka[1] > kb[1] ? 1 : 0) * state.dir;
      });
      rows.forEach(function (r) { tbody.appendChild(r); });
      Array.prototype.forEach.call(heads, function (th, j) {
        if (j === i) th.setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending");
        else th.removeAttribute("aria-sort");
      });
      sortSelect.value = String(i);
      draw();
    }

    function draw() {
      var q = state.query.toLowerCase();
      var matching = 0;
      rows.forEach(function (r) {
        var hit = !q || r.textContent.toLowerCase().indexOf(q) !== -1;
        if (hit) matching += 1;
        r.hidden = !hit || matching > state.shown;
      });
      var visible = Math.min(matching, state.shown);
      count.textContent = visible + " of " + matching + (matching === rows.length ? " rows" : " matching rows");
      more.hidden = matching <= state.shown;
      more.textContent = "Show all " + matching;
    }

    input.addEventListener("input", function () { state.query = input.value; draw(); });
    more.addEventListener("click", function () { state.shown = Infinity; draw(); });
    sortSelect.addEventListener("change", function () { var i = Number(sortSelect.value); if (i >= 0) sortBy(i); });
    draw();
  }

  function siteSearch() {
    var input = document.getElementById("site-search-input");
    var list = document.querySelector(".site-search-results");
    var index = window.QANTAR_SEARCH || [];
    var root = document.body.getAttribute("data-root") || "";
    if (!input || !list) return;
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      while (list.firstChild) list.removeChild(list.firstChild);
      if (q.length < 2) return;
      var hits = index.filter(function (e) { return e.text.toLowerCase().indexOf(q) !== -1; }).slice(0, 25);
      if (!hits.length) {
        var li = document.createElement("li");
        li.textContent = "Nothing found for “" + input.value.trim() + "”.";
        list.appendChild(li);
        return;
      }
      hits.forEach(function (e) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = root + e.url;
        a.textContent = e.text.length > 160 ? e.text.slice(0, 159) + "…" : e.text;
        var page = document.createElement("span");
        page.className = "page";
        page.textContent = e.page;
        li.appendChild(page);
        li.appendChild(a);
        list.appendChild(li);
      });
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { input.value = ""; while (list.firstChild) list.removeChild(list.firstChild); }
    });
  }

  function openForPrint() {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("table.qtable"), enhance);
    siteSearch();
  });
  window.addEventListener("beforeprint", openForPrint);
})();
