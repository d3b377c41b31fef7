// Bar charts drawn from the data tables beside them (the tables stay: they are
// the accessible version, so the charts are hidden from assistive technology).
const SVG = "http://www.w3.org/2000/svg";

function el(name, attrs, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

// A bar's figure as the table beside it writes it: money with "£" in front, to the pound
// ("£410,000"), other units after the figure ("42%"), thousands separated.
function label(value, unit) {
  if (unit === "£") return `£${Math.round(value).toLocaleString("en-GB")}`;
  return `${value.toLocaleString("en-GB")}${unit}`;
}

function drawChart(holder) {
  const table = document.getElementById(holder.dataset.chartFor);
  if (!table) return;
  const column = Number(holder.dataset.chartColumn || 1);
  const unit = holder.dataset.chartUnit || "";
  const rows = [...table.tBodies[0].rows]
    .map((row) => ({
      label: row.cells[0].textContent.trim(),
      value: Number(row.cells[column]?.dataset.value ?? NaN),
    }))
    .filter((r) => Number.isFinite(r.value));
  if (!rows.length) return;
  const max = Math.max(...rows.map((r) => r.value), 1);
  const barHeight = 22, gap = 6, labelWidth = 230, width = 720, chartWidth = width - labelWidth - 70;
  const height = rows.length * (barHeight + gap);
  const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, width, height, "aria-hidden": "true", focusable: "false" });
  rows.forEach((r, i) => {
    const y = i * (barHeight + gap);
    svg.append(el("text", { x: labelWidth - 8, y: y + barHeight * 0.7, "text-anchor": "end", "font-size": 14, fill: "#0b0c0c" }, r.label));
    const w = Math.max(1, (r.value / max) * chartWidth);
    svg.append(el("rect", { x: labelWidth, y, width: w, height: barHeight, fill: "#1d70b8" }));
    svg.append(el("text", { x: labelWidth + w + 6, y: y + barHeight * 0.7, "font-size": 14, fill: "#0b0c0c" }, label(r.value, unit)));
  });
  holder.append(svg);
}

document.querySelectorAll(".app-chart[data-chart-for]").forEach(drawChart);
