// The reports dashboard's charts. The figures come from the page (json_script, never
// inline code: strict CSP); each chart has a table beside it with the same numbers,
// which is what screen readers and the drill-down links use.
(function () {
  "use strict";
  var PALETTE = ["#1f5fa8", "#b3261e", "#a86400", "#1e7b3a", "#6b4fa0", "#5b6776"];

  // Long category names are cut on the chart; the table beside it has them whole.
  function shortLabel(value) {
    var label = String(this.getLabelForValue(value));
    return label.length > 32 ? label.slice(0, 31) + "\u2026" : label;
  }

  function draw(spec, canvas) {
    var locale = document.documentElement.lang || "id";
    var datasets = spec.datasets.map(function (dataset, index) {
      return {
        label: dataset.label,
        data: dataset.data,
        backgroundColor: PALETTE[index % PALETTE.length],
        borderWidth: 0,
      };
    });
    return new window.Chart(canvas, {
      type: "bar",
      data: { labels: spec.labels, datasets: datasets },
      options: {
        locale: locale,
        indexAxis: spec.horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          title: { display: true, text: spec.title },
          legend: { display: datasets.length > 1 },
        },
        scales: spec.horizontal
          ? { x: { beginAtZero: true }, y: { ticks: { callback: shortLabel } } }
          : { y: { beginAtZero: true } },
      },
    });
  }

  function start() {
    var source = document.getElementById("report-charts");
    if (!source || !window.Chart) {
      return;
    }
    JSON.parse(source.textContent).forEach(function (spec) {
      var canvas = document.querySelector('canvas[data-chart="' + spec.id + '"]');
      if (canvas) {
        canvas.setAttribute("data-drawn", "true");
        draw(spec, canvas);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
