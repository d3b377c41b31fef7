// While a job runs, ask the API for its progress every few seconds, say it in
// the page's status region, and reload once the job has finished. Without
// JavaScript the page refreshes itself instead (a <noscript> meta refresh).
const box = document.querySelector("[data-job-progress]");

async function poll() {
  let job;
  try {
    const response = await fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" } });
    if (!response.ok) return true;
    job = await response.json();
  } catch {
    return true;
  }
  if (job.status === "succeeded" || job.status === "failed") {
    window.location.reload();
    return false;
  }
  const message = box.querySelector("[data-job-message]");
  message.textContent =
    job.status === "queued" ? "Waiting to start." : `Working: ${Math.round(job.progress * 100)}% done (${job.message}).`;
  return true;
}

if (box) {
  const tick = async () => {
    if (await poll()) window.setTimeout(tick, 3000);
  };
  window.setTimeout(tick, 2000);
}
