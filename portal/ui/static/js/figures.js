// Draws each figure's chart from its data-chart attribute (labels and series); the table under it carries the
// same figures for screen readers and for copying. No animation: the figures are read, not watched.
(function () {
  "use strict";
  if (typeof Chart === "undefined") { return; }
  var palette = ["#1f5fa8", "#d9822b", "#3a8f5c", "#8c4fb3", "#b8323f", "#6c757d"];
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var spec = JSON.parse(canvas.getAttribute("data-chart"));
    var stacked = spec.type === "stacked";
    var datasets = spec.datasets.map(function (set, i) {
      var colour = palette[i % palette.length];
      return {label: set.label, data: set.data, backgroundColor: colour, borderColor: colour, fill: false,
              tension: 0.2};
    });
    new Chart(canvas, {
      type: stacked ? "bar" : spec.type,
      data: {labels: spec.labels, datasets: datasets},
      options: {
        animation: false, maintainAspectRatio: false, responsive: true,
        plugins: {legend: {position: "bottom"}},
        scales: {x: {stacked: stacked}, y: {stacked: stacked, beginAtZero: true}}
      }
    });
  });
})();
