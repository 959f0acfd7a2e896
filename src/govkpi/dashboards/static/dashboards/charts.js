/* Draws every chart of a govkpi page: <div data-chart="ID"> reads its ECharts option from the
   <script type="application/json" id="ID"> block the server wrote with json_script.
   No inline scripts (CSP), no CDN: echarts.min.js is served from our static files. */
(function () {
  "use strict";
  function draw() {
    if (typeof window.echarts === "undefined") { return; }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-chart"));
      if (!source) { return; }
      var option = JSON.parse(source.textContent);
      /* A title never runs past a narrow (phone) chart: cut with "…" at the chart's width. */
      if (option.title && option.title.textStyle) {
        option.title.textStyle.width = Math.max(120, el.clientWidth - 16);
        option.title.textStyle.overflow = "truncate";
      }
      /* Long names on horizontal bars wrap within 40% of the chart's width (more room on a desktop). */
      var side = option.yAxis && option.yAxis.type === "category" ? option.yAxis.axisLabel : null;
      if (side && side.width) { side.width = Math.max(side.width, Math.min(320, Math.round(el.clientWidth * 0.4))); }
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      chart.setOption(option);
      el.setAttribute("data-drawn", "1");
      window.addEventListener("resize", function () { chart.resize(); });
    });
    /* Selects that change the page (year, lineage, colour of the map) submit their form. */
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
