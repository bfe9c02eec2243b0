#!/usr/bin/env bash
# Refresh the vendored front-end files from the pinned npm packages (package.json / package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --ignore-scripts --no-audit --no-fund
out=portal/ui/static/vendor
rm -rf "$out" && mkdir -p "$out/bootstrap" "$out/bootstrap-icons/fonts" "$out/htmx" "$out/leaflet/images" "$out/leaflet.markercluster" "$out/chart.js"
cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map "$out/bootstrap/"
cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map "$out/bootstrap/"
cp node_modules/bootstrap-icons/font/bootstrap-icons.min.css "$out/bootstrap-icons/"
cp node_modules/bootstrap-icons/font/fonts/bootstrap-icons.woff2 node_modules/bootstrap-icons/font/fonts/bootstrap-icons.woff "$out/bootstrap-icons/fonts/"
cp node_modules/htmx.org/dist/htmx.min.js "$out/htmx/"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$out/leaflet/"
cp node_modules/leaflet/dist/images/*.png "$out/leaflet/images/"
cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js node_modules/leaflet.markercluster/dist/MarkerCluster.css \
   node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css "$out/leaflet.markercluster/"
cp node_modules/chart.js/dist/chart.umd.min.js "$out/chart.js/"
# axe-core is for the accessibility tests only: it is kept beside them, not served.
mkdir -p tests/browser/vendor && cp node_modules/axe-core/axe.min.js tests/browser/vendor/
for pkg in bootstrap bootstrap-icons htmx.org leaflet leaflet.markercluster chart.js axe-core; do
  printf '%s %s\n' "$pkg" "$(node -p "require('./node_modules/$pkg/package.json').version")"
done > "$out/VERSIONS"
cat "$out/VERSIONS"
