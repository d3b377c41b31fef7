// Line charts of an indicator drawn from the data table beside each (the table is the
// accessible version, so the chart is hidden from assistive technology): one line per
// council, the target as a dashed line, each council's baseline as a dotted line.
const SVG = "http://www.w3.org/2000/svg";
const COLOURS = ["#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#f47738", "#505a5f", "#912b88", "#28a197", "#b58840", "#0b0c0c"];

function el(name, attrs, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function drawChart(holder) {
  const table = document.getElementById(holder.dataset.benefitsChartFor);
  if (!table) return;
  const heads = [...table.tHead.rows[0].cells].slice(1);
  const rows = [...table.tBodies[0].rows];
  if (!rows.length) return;
  const series = heads.map((h, i) => ({
    name: h.textContent.trim(),
    baseline: h.dataset.baseline === "" ? NaN : Number(h.dataset.baseline),
    values: rows.map((r) => Number(r.cells[i + 1]?.dataset.value ?? NaN)),
  }));
  const target = Number(holder.dataset.target);
  const all = series.flatMap((s) => [...s.values, s.baseline]).concat([target]).filter(Number.isFinite);
  let lo = Math.min(...all), hi = Math.max(...all);
  if (lo === hi) { lo -= 1; hi += 1; }
  const pad = (hi - lo) * 0.08; lo -= pad; hi += pad;
  const width = 480, height = 260, left = 70, right = 10, top = 10, bottom = 40;
  const x = (i) => left + (rows.length === 1 ? 0.5 : i / (rows.length - 1)) * (width - left - right);
  const y = (v) => top + (1 - (v - lo) / (hi - lo)) * (height - top - bottom);
  const svg = el("svg", { viewBox: `0 0 ${width} ${height + 20 * series.length}`, width: "100%", "aria-hidden": "true", focusable: "false" });
  svg.append(el("line", { x1: left, x2: width - right, y1: y(target), y2: y(target), stroke: "#0b0c0c", "stroke-dasharray": "6 4" }));
  svg.append(el("text", { x: left - 6, y: y(target) + 4, "text-anchor": "end", "font-size": 12 }, `target ${target.toLocaleString("en-GB")}`));
  for (const edge of [lo + pad, hi - pad]) {
    svg.append(el("text", { x: left - 6, y: y(edge) + 4, "text-anchor": "end", "font-size": 11, fill: "#505a5f" }, edge.toLocaleString("en-GB", { maximumFractionDigits: 1 })));
  }
  series.forEach((s, k) => {
    const colour = COLOURS[k % COLOURS.length];
    if (Number.isFinite(s.baseline)) {
      svg.append(el("line", { x1: left, x2: width - right, y1: y(s.baseline), y2: y(s.baseline), stroke: colour, "stroke-dasharray": "2 3" }));
    }
    const points = s.values.map((v, i) => [v, i]).filter(([v]) => Number.isFinite(v));
    if (points.length) {
      svg.append(el("polyline", { points: points.map(([v, i]) => `${x(i)},${y(v)}`).join(" "), fill: "none", stroke: colour, "stroke-width": 2 }));
      points.forEach(([v, i]) => svg.append(el("circle", { cx: x(i), cy: y(v), r: 3, fill: colour })));
    }
    svg.append(el("rect", { x: left, y: height + 20 * k - 2, width: 14, height: 4, fill: colour }));
    svg.append(el("text", { x: left + 20, y: height + 20 * k + 4, "font-size": 12 }, s.name));
  });
  svg.append(el("text", { x: left, y: height - 20, "font-size": 11, fill: "#505a5f" }, rows[0].cells[0].textContent.trim()));
  svg.append(el("text", { x: width - right, y: height - 20, "text-anchor": "end", "font-size": 11, fill: "#505a5f" }, rows[rows.length - 1].cells[0].textContent.trim()));
  holder.append(svg);
}

document.querySelectorAll(".app-chart[data-benefits-chart-for]").forEach(drawChart);
