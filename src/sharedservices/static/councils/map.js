// Council maps drawn with Leaflet from our own boundaries endpoint: no tile
// server. Progressive enhancement: every page that has a map also lists the
// same councils in HTML, so nothing here is needed to use the page.
//
// <div class="app-map" data-council-map
//      data-boundaries-url="/api/v1/councils/boundaries"
//      data-focus="E07000121 ..."   councils to highlight (optional)
//      data-neighbours="E07000128 ..." councils to shade as neighbours (optional)
//      data-tier="lower|county">    which polygons to draw (default lower)
const L = window.L;

const COLOURS = {
  focus: "#1d70b8",
  neighbour: "#85994b",
  other: "#b1b4b6",
  border: "#505a5f",
};

function codes(el, name) {
  return new Set((el.dataset[name] || "").split(/\s+/).filter(Boolean));
}

async function draw(el) {
  const response = await fetch(el.dataset.boundariesUrl, { headers: { Accept: "application/geo+json" } });
  if (!response.ok) {
    el.textContent = "The map is not available: boundaries have not been loaded.";
    return;
  }
  const data = await response.json();
  const focus = codes(el, "focus");
  const neighbours = codes(el, "neighbours");
  const tier = el.dataset.tier || "lower";
  const map = L.map(el, { preferCanvas: true, zoomSnap: 0.25, attributionControl: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Boundaries approximated from the ONS Postcode Directory (OGL v3)");
  const names = JSON.parse(el.dataset.names || "{}");

  const layer = L.geoJSON(data, {
    filter: (f) => focus.has(f.properties.code) || neighbours.has(f.properties.code) || f.properties.tier === tier,
    style: (f) => {
      const code = f.properties.code;
      const colour = focus.has(code) ? COLOURS.focus : neighbours.has(code) ? COLOURS.neighbour : COLOURS.other;
      return { color: COLOURS.border, weight: focus.has(code) ? 2 : 0.6, fillColor: colour, fillOpacity: focus.has(code) ? 0.7 : 0.45 };
    },
    onEachFeature: (f, featureLayer) => {
      const code = f.properties.code;
      featureLayer.bindTooltip(names[code] || code, { sticky: true });
      featureLayer.on("click", () => {
        window.location.href = `/councils/${code}/`;
      });
    },
  }).addTo(map);

  const highlighted = L.featureGroup();
  layer.eachLayer((l) => {
    const code = l.feature.properties.code;
    if (focus.has(code) || neighbours.has(code)) highlighted.addLayer(l);
  });
  const bounds = highlighted.getLayers().length ? highlighted.getBounds() : layer.getBounds();
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [10, 10] });
  el.dataset.drawn = String(layer.getLayers().length);
}

for (const el of document.querySelectorAll("[data-council-map]")) {
  draw(el).catch(() => {
    el.textContent = "The map could not be drawn.";
  });
}
