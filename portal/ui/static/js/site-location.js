// A site's pin on a map, with the territory of its declared commune (portal/ui/static/data), so that a pin placed
// in the wrong commune shows at a glance. The page says the same in words: the map adds nothing a reader needs.
(function () {
  "use strict";
  var element = document.getElementById("site-location-map");
  if (!element || !window.L) { return; }
  var point = [parseFloat(element.dataset.lat), parseFloat(element.dataset.lng)];
  var map = L.map(element, { scrollWheelZoom: false }).setView(point, 15);
  L.tileLayer(element.dataset.tiles, { maxZoom: 19, attribution: element.dataset.attribution }).addTo(map);
  L.marker(point, { title: element.dataset.name, alt: element.dataset.name }).addTo(map);
  fetch(element.dataset.communes, { headers: { "Accept": "application/geo+json" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var commune = element.dataset.commune;
      var layer = L.geoJSON(data, {
        filter: function (feature) { return feature.properties.communes.indexOf(commune) !== -1; },
        style: { color: "#0a58ca", weight: 2, fillOpacity: 0.06, dashArray: "6 4" },
        interactive: false
      }).addTo(map);
      var bounds = layer.getBounds();
      if (bounds.isValid()) {
        map.fitBounds(bounds.extend(point), { maxZoom: 16, padding: [16, 16], animate: false });
      }
      element.dataset.loaded = String(layer.getLayers().length);
    });
})();
