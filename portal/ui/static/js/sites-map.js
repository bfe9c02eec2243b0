// The public map: the same filtered set of sites as the list, clustered. Data comes from data-geojson.
(function () {
  "use strict";
  var element = document.getElementById("sites-map");
  if (!element || !window.L) { return; }
  var map = L.map(element, { scrollWheelZoom: false }).setView([50.8466, 4.3528], 12);
  L.tileLayer(element.dataset.tiles, { maxZoom: 19, attribution: element.dataset.attribution }).addTo(map);
  var cluster = L.markerClusterGroup();
  map.addLayer(cluster);
  fetch(element.dataset.geojson, { headers: { "Accept": "application/geo+json" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        onEachFeature: function (feature, marker) {
          var link = document.createElement("a");
          link.href = feature.properties.url;
          link.textContent = feature.properties.name;
          marker.bindPopup(link);
          marker.options.title = feature.properties.name;
          marker.options.alt = feature.properties.name;
        }
      });
      cluster.addLayer(layer);
      element.dataset.loaded = String(data.features.length);
      if (data.features.length) { map.fitBounds(cluster.getBounds(), { maxZoom: 15, padding: [20, 20] }); }
    });
})();
