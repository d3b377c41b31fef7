// The national map: councils shaded by their live arrangements (or savings),
// lines between partner councils, and a council's arrangements on a click.
// No tile server: only the council boundaries (ONS, OGL v3) are drawn. The
// table under the map has the same data and works without JavaScript.
const holder = document.getElementById("register-map");
const panel = document.getElementById("register-map-council");
const L = window.L;
const STEPS = ["#d2e2f1", "#a5c5e3", "#77a9d5", "#4a8cc7", "#1d70b8", "#003078"];
const NONE = "#ffffff";

function formatValue(measure, value) {
  return measure === "savings" ? `£${value.toLocaleString("en-GB")}` : `${value}`;
}

// A bin [low, limit): counts are whole numbers, so "2 to 3" (or just "1"), never
// "1 to under 2"; money keeps "to under".
function binLabel(measure, low, limit) {
  if (measure === "savings") return `${formatValue(measure, low)} to under ${formatValue(measure, limit)}`;
  const high = limit - 1;
  return high <= low ? `${low}` : `${low} to ${high}`;
}

function thresholds(values) {
  const sorted = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (!sorted.length) return [];
  return STEPS.slice(1).map((_, i) => sorted[Math.floor(((i + 1) * sorted.length) / STEPS.length)] ?? sorted.at(-1));
}

function colour(value, limits) {
  if (!value) return NONE;
  let i = 0;
  while (i < limits.length && value >= limits[i]) i += 1;
  return STEPS[i];
}

function text(tag, content, className) {
  const node = document.createElement(tag);
  node.textContent = content;
  if (className) node.className = className;
  return node;
}

async function showCouncil(code, name, ds) {
  panel.replaceChildren(text("h2", name, "govuk-heading-m"), text("p", "Loading…", "govuk-body"));
  const params = new URLSearchParams({ council: code, status: "live", limit: "20" });
  if (ds.serviceArea) params.set("service_area", ds.serviceArea);
  if (ds.provenance && ds.provenance !== "all") params.set("provenance", ds.provenance);
  const response = await fetch(`${ds.arrangementsUrl}?${params}`, { headers: { Accept: "application/json" } });
  const body = response.ok ? await response.json() : { items: [], count: 0 };
  const list = document.createElement("ul");
  list.className = "govuk-list govuk-list--bullet";
  for (const a of body.items) {
    const item = document.createElement("li");
    const link = text("a", a.name, "govuk-link");
    link.href = a.url;
    item.append(link);
    list.append(item);
  }
  const more = text("a", `All ${body.count} live arrangement${body.count === 1 ? "" : "s"} of ${name}`, "govuk-link");
  more.href = `${ds.registerUrl}?${params}`.replace("&limit=20", "");
  panel.replaceChildren(
    text("h2", name, "govuk-heading-m"),
    body.count ? list : text("p", "No live arrangements are recorded.", "govuk-body"),
    Object.assign(document.createElement("p"), { className: "govuk-body" }),
  );
  panel.lastChild.append(more);
}

async function init() {
  const ds = holder.dataset;
  holder.hidden = false;
  document.querySelectorAll(".app-js-only").forEach((n) => (n.hidden = false));
  const map = L.map(holder, { zoomSnap: 0.25, minZoom: 4, maxZoom: 11 }).setView([54.6, -3.2], 5.5);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Council areas: ONS, Open Government Licence v3.0");
  const params = new URLSearchParams();
  if (ds.serviceArea) params.set("service_area", ds.serviceArea);
  if (ds.provenance) params.set("provenance", ds.provenance);
  const [data, boundaries] = await Promise.all([
    fetch(`${ds.mapUrl}?${params}`).then((r) => r.json()),
    fetch(ds.boundariesUrl).then((r) => (r.ok ? r.json() : null)).catch(() => null),
  ]);
  const measure = ds.measure === "savings" ? "savings_gbp" : "live";
  const byCode = new Map(data.councils.map((c) => [c.code, c]));
  const limits = thresholds(data.councils.map((c) => c[measure]));
  const centres = new Map();
  for (const c of data.councils) {
    if (c.latitude != null && c.longitude != null) centres.set(c.code, [c.latitude, c.longitude]);
  }
  const describe = (code, name) => {
    const c = byCode.get(code);
    return `${name}: ${c ? formatValue(ds.measure, c[measure]) : 0}${ds.measure === "savings" ? " a year" : " live"}`;
  };
  if (boundaries && boundaries.features && boundaries.features.length) {
    const layer = L.geoJSON(boundaries, {
      style: (f) => ({
        color: "#505a5f",
        weight: 0.5,
        fillOpacity: 0.9,
        fillColor: colour(byCode.get(f.properties.code)?.[measure] ?? 0, limits),
      }),
      onEachFeature: (f, l) => {
        const name = f.properties.name || data.names?.[f.properties.code] || byCode.get(f.properties.code)?.name || "A council";
        l.bindTooltip(describe(f.properties.code, name), { sticky: true });
        l.on("click", () => showCouncil(f.properties.code, name, ds));
        if (!centres.has(f.properties.code)) {
          const c = l.getBounds().getCenter();
          centres.set(f.properties.code, [c.lat, c.lng]);
        }
      },
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [10, 10] });
  } else {
    for (const c of data.councils) {
      if (!centres.has(c.code)) continue;
      L.circleMarker(centres.get(c.code), {
        radius: 4 + Math.sqrt(c.live) * 2,
        color: "#0b0c0c",
        weight: 1,
        fillColor: colour(c[measure], limits),
        fillOpacity: 0.9,
      })
        .bindTooltip(describe(c.code, c.name))
        .on("click", () => showCouncil(c.code, c.name, ds))
        .addTo(map);
    }
  }
  const links = L.layerGroup();
  for (const link of data.links) {
    const a = centres.get(link.from);
    const b = centres.get(link.to);
    if (!a || !b) continue;
    L.polyline([a, b], {
      color: "#d4351c",
      weight: Math.min(6, 0.75 + Math.log2(link.arrangements)),
      opacity: 0.45,
      interactive: false,
    }).addTo(links);
  }
  links.addTo(map);
  L.control.layers(null, { "Partnerships between councils": links }, { collapsed: false }).addTo(map);
  const legend = L.control({ position: "bottomleft" });
  legend.onAdd = () => {
    const div = L.DomUtil.create("div", "app-map-legend");
    const rows = [[NONE, "None"]];
    let low = limits.length ? 1 : 0;
    limits.forEach((limit, i) => {
      if (limit > low) rows.push([STEPS[i], binLabel(ds.measure, low, limit)]);
      low = Math.max(low, limit);
    });
    if (limits.length) rows.push([STEPS[limits.length], `${formatValue(ds.measure, low)} or more`]);
    for (const [fill, label] of rows) {
      const row = document.createElement("div");
      const swatch = document.createElement("span");
      swatch.style.background = fill;
      row.append(swatch, label);
      div.append(row);
    }
    return div;
  };
  legend.addTo(map);
}

if (holder && L) {
  init().catch(() => {
    holder.hidden = true;
  });
}
