// Draws each indicator's values over time with its 95% interval and target (Chart.js, served locally).
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var brand = "#7a1f5c";
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var chart = data[canvas.dataset.chart];
    if (!chart) { return; }
    var datasets = [
      { label: "high", data: chart.high, borderWidth: 0, pointRadius: 0, fill: "+1", backgroundColor: "rgba(122,31,92,0.15)", spanGaps: false },
      { label: "low", data: chart.low, borderWidth: 0, pointRadius: 0, fill: false, spanGaps: false },
      { label: "value", data: chart.value, borderColor: brand, backgroundColor: brand, borderWidth: 2, pointRadius: 3, fill: false, spanGaps: false },
      { label: "target", data: chart.target, borderColor: "#1b6e3a", borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0, fill: false }
    ];
    if (chart.target_high.some(function (v) { return v !== null; })) {
      datasets.push({ label: "target_high", data: chart.target_high, borderColor: "#1b6e3a", borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0, fill: false });
    }
    new Chart(canvas, {
      type: "line",
      data: { labels: chart.labels, datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: false }, tooltip: { filter: function (item) { return item.dataset.label === "value"; },
          callbacks: { label: function (item) { return item.formattedValue + chart.unit; } } } },
        scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return v + chart.unit; } } } }
      }
    });
  });
})();
