// Camelot dashboard: polls the admin port's JSON endpoints and renders tables and canvas charts.
// No framework and no build step; everything here is served from the camelot jar.
"use strict";

const REFRESH_MS = 2000;

async function getJson(path) {
  const response = await fetch(path, { cache: "no-store" });
  if (!response.ok && response.status !== 503) {
    throw new Error(path + ": HTTP " + response.status);
  }
  return response.json();
}

function cell(row, text, className) {
  const td = document.createElement("td");
  td.textContent = text === undefined || text === null ? "–" : String(text);
  if (className) {
    td.className = className;
  }
  row.appendChild(td);
  return td;
}

function shortId(id) {
  return id.length > 20 ? id.slice(0, 10) + "…" + id.slice(-6) : id;
}

// A worker's name with its shortened id, or the id alone when the process does not know the name.
function workerLabel(id, name) {
  return name ? name + " (" + shortId(id) + ")" : shortId(id);
}

function time(millis) {
  return new Date(millis).toLocaleTimeString();
}

function renderHealth(health) {
  const badge = document.getElementById("health");
  badge.textContent = health.status === "UP" ? "ready" : "not ready";
  badge.className = "badge " + (health.status === "UP" ? "up" : "down");
  badge.title = Object.entries(health.checks).map(([name, state]) => name + ": " + state).join("\n");
}

function renderOverview(overview) {
  const body = document.querySelector("#workers tbody");
  body.replaceChildren();
  for (const worker of overview.workers) {
    const row = document.createElement("tr");
    row.dataset.workerId = worker.workerId;
    cell(row, workerLabel(worker.workerId, worker.name), "id").title = worker.workerId;
    cell(row, worker.status);
    cell(row, worker.keyEncryption);
    cell(row, worker.verificationKey, "id");
    cell(row, worker.encryptionKey + (worker.x25519Key ? " + X25519 " + worker.x25519Key : ""), "id");
    const attestation = worker.attestation || {};
    const verdict = attestation.valid ? "valid (" + attestation.kind + ")"
      : (attestation.kind === "SIMULATED" ? "SIMULATED – " : "") + (attestation.reason || "–");
    cell(row, verdict, attestation.valid ? "attest-ok" : "attest-bad");
    cell(row, overview.queue.depthByWorker[worker.workerId] ?? 0);
    body.appendChild(row);
  }
  const byCode = overview.totals.completedByCode;
  const completed = Object.values(byCode).reduce((a, b) => a + b, 0);
  document.getElementById("outstanding").textContent = overview.queue.outstanding;
  document.getElementById("submitted").textContent = overview.totals.submitted;
  document.getElementById("succeeded").textContent = byCode["0"] || 0;
  document.getElementById("failed").textContent = completed - (byCode["0"] || 0);
  document.getElementById("busy").textContent = overview.totals.rejectedBusy;
}

function renderWorkOrders(workOrders) {
  const body = document.querySelector("#workorders tbody");
  body.replaceChildren();
  for (const wo of workOrders) {
    const row = document.createElement("tr");
    row.dataset.workOrderId = wo.workOrderId;
    row.dataset.state = wo.state;
    cell(row, shortId(wo.workOrderId), "id").title = wo.workOrderId;
    cell(row, workerLabel(wo.workerId, wo.workerName), "id").title = wo.workerId;
    cell(row, time(wo.admittedAt));
    cell(row, wo.state, "state-" + wo.state);
    cell(row, wo.code);
    cell(row, wo.error, "error");
    cell(row, wo.durationMs === undefined ? undefined : wo.durationMs + " ms");
    cell(row, wo.receipt);
    body.appendChild(row);
  }
}

// Draws one or more series on a canvas: values over time, y from 0 to the maximum.
function drawChart(canvasId, points, series) {
  const canvas = document.getElementById(canvasId);
  const ctx = canvas.getContext("2d");
  const w = canvas.width, h = canvas.height, pad = 30;
  ctx.clearRect(0, 0, w, h);
  ctx.strokeStyle = "#e3e6eb";
  ctx.strokeRect(pad, 5, w - pad - 5, h - pad);
  if (points.length < 2) {
    ctx.fillStyle = "#6b7380";
    ctx.fillText("collecting…", pad + 10, h / 2);
    return;
  }
  let max = 1;
  for (const s of series) {
    for (const p of points) {
      max = Math.max(max, p[s.key]);
    }
  }
  const t0 = points[0].atMillis, t1 = points[points.length - 1].atMillis;
  const x = t => pad + (w - pad - 5) * (t - t0) / Math.max(t1 - t0, 1);
  const y = v => 5 + (h - pad) * (1 - v / max);
  ctx.fillStyle = "#6b7380";
  ctx.fillText(max.toFixed(max < 10 ? 1 : 0), 2, 12);
  ctx.fillText("0", 2, h - pad + 5);
  ctx.fillText(time(t0), pad, h - 8);
  ctx.fillText(time(t1), w - 70, h - 8);
  for (const s of series) {
    ctx.strokeStyle = s.color;
    ctx.beginPath();
    points.forEach((p, i) => (i === 0 ? ctx.moveTo(x(p.atMillis), y(p[s.key])) : ctx.lineTo(x(p.atMillis), y(p[s.key]))));
    ctx.stroke();
  }
}

async function refresh() {
  try {
    const [health, overview, series, workOrders] = await Promise.all([
      getJson("/health/ready"), getJson("/api/overview"), getJson("/api/series"), getJson("/api/workorders")]);
    renderHealth(health);
    renderOverview(overview);
    renderWorkOrders(workOrders);
    drawChart("throughput", series.points, [
      { key: "completedPerSecond", color: "#2f6fd0" }, { key: "failedPerSecond", color: "#b3372f" }]);
    drawChart("latency", series.points, [{ key: "meanLatencyMs", color: "#8a4fd0" }]);
    document.getElementById("updated").textContent = "updated " + time(Date.now());
  } catch (e) {
    document.getElementById("updated").textContent = "refresh failed: " + e.message;
  }
}

refresh();
setInterval(refresh, REFRESH_MS);
