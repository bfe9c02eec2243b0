// Place a site by clicking the map; typing the coordinates moves the marker. The form works without it.
(function () {
  "use strict";
  var element = document.getElementById("site-picker");
  if (!element || !window.L) { return; }
  var lat = document.getElementById(element.dataset.latInput);
  var lng = document.getElementById(element.dataset.lngInput);
  var start = (lat.value && lng.value) ? [parseFloat(lat.value), parseFloat(lng.value)] : [50.8466, 4.3528];
  var map = L.map(element).setView(start, lat.value ? 16 : 12);
  L.tileLayer(element.dataset.tiles, { maxZoom: 19, attribution: element.dataset.attribution }).addTo(map);
  var marker = lat.value ? L.marker(start).addTo(map) : null;
  function place(latlng) {
    if (marker) { marker.setLatLng(latlng); } else { marker = L.marker(latlng).addTo(map); }
  }
  map.on("click", function (event) {
    place(event.latlng);
    lat.value = event.latlng.lat.toFixed(6);
    lng.value = event.latlng.lng.toFixed(6);
    lat.dispatchEvent(new Event("change"));
  });
  function typed() {
    var a = parseFloat(lat.value), b = parseFloat(lng.value);
    if (!isNaN(a) && !isNaN(b)) { place([a, b]); map.panTo([a, b]); }
  }
  lat.addEventListener("input", typed);
  lng.addEventListener("input", typed);
})();
