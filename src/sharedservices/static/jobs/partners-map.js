// The proposed partnerships drawn on our own council boundaries (no tile
// server): one colour per partnership, grey for councils standing alone.
// Progressive enhancement: the table on the page carries the same data.
//
// <div data-partners-map data-boundaries-url="..." data-groups='{"E07000121": 1, ...}'
//      data-names='{"E07000121": "Lancaster"}'>
const L = window.L;

// Distinguishable colours (Okabe-Ito, then GOV.UK blues and greens), cycled.
const PALETTE = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#1d70b8", "#85994b", "#912b88"];
const ALONE = "#b1b4b6";
const BORDER = "#0b0c0c";

async function draw(el) {
  const response = await fetch(el.dataset.boundariesUrl, { headers: { Accept: "application/geo+json" } });
  if (!response.ok) {
    el.textContent = "The map is not available: boundaries have not been loaded. The table below has the same information.";
    return;
  }
  const data = await response.json();
  const groups = JSON.parse(el.dataset.groups || "{}");
  const names = JSON.parse(el.dataset.names || "{}");
  const map = L.map(el, { preferCanvas: true, zoomSnap: 0.25 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Boundaries approximated from the ONS Postcode Directory (OGL v3)");
  const layer = L.geoJSON(data, {
    filter: (f) => f.properties.code in groups,
    style: (f) => {
      const group = groups[f.properties.code];
      const fill = group ? PALETTE[(group - 1) % PALETTE.length] : ALONE;
      return { color: BORDER, weight: 1, fillColor: fill, fillOpacity: group ? 0.75 : 0.4 };
    },
    onEachFeature: (f, featureLayer) => {
      const code = f.properties.code;
      const group = groups[code];
      const label = `${names[code] || code}: ${group ? `partnership ${group}` : "standing alone"}`;
      featureLayer.bindTooltip(label, { sticky: true });
    },
  }).addTo(map);
  const bounds = layer.getBounds();
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [10, 10] });
  el.dataset.drawn = String(layer.getLayers().length);
}

for (const el of document.querySelectorAll("[data-partners-map]")) {
  draw(el).catch(() => {
    el.textContent = "The map could not be drawn. The table below has the same information.";
  });
}
