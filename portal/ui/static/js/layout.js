// What the Content-Security-Policy leaves to script: geometry that is data (the site timeline's bars and years, placed
// from their data-left and data-width, percentages) is applied through the CSSOM, since style attributes in markup
// are refused. And each table's "slide sideways" line (the scroll_table macro) is hidden where its table fits; a
// print button prints.
(function () {
  "use strict";
  function place(root) {
    var elements = Array.prototype.slice.call(root.querySelectorAll("[data-left], [data-width]"));
    if (root.matches && root.matches("[data-left], [data-width]")) { elements.push(root); }
    elements.forEach(function (element) {
      if (element.dataset.left) { element.style.left = element.dataset.left + "%"; }
      if (element.dataset.width) { element.style.width = element.dataset.width + "%"; }
    });
  }
  function hints() {
    document.querySelectorAll(".table-scroll-wrap").forEach(function (wrap) {
      var region = wrap.querySelector(".table-scroll");
      if (region) { wrap.classList.toggle("table-scroll-fits", region.scrollWidth <= region.clientWidth + 1); }
    });
  }
  place(document);
  hints();
  // A "Print" button (data-print): inline handlers are refused by the policy too.
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) { window.print(); }
  });
  document.addEventListener("htmx:load", function (event) { place(event.detail.elt); hints(); });
  window.addEventListener("resize", hints);
  window.addEventListener("load", hints); // once fonts and images have their size
})();
