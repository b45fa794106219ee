/* Progress of a background job: polls the JSON URL in data-job-url every 1.5 s and
   updates the <progress> bar and the live status text; reloads the page when done. */
(function () {
  "use strict";
  var box = document.querySelector("[data-job-url]");
  if (!box) { return; }
  var url = box.getAttribute("data-job-url");
  var bar = box.querySelector("progress");
  var text = box.querySelector("[data-job-text]");
  var labels = {
    queued: box.getAttribute("data-label-queued") || "queued",
    running: box.getAttribute("data-label-running") || "running",
    done: box.getAttribute("data-label-done") || "done",
    failed: box.getAttribute("data-label-failed") || "failed"
  };

  var stale = box.querySelector("[data-job-stale]");
  var queuedPolls = 0;

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (job) {
        if (bar) {
          if (job.percent === null || job.percent === undefined) { bar.removeAttribute("value"); }
          else { bar.value = job.percent; }
        }
        if (text) {
          var msg = labels[job.status] || job.status;
          if (job.percent !== null && job.percent !== undefined && job.status === "running") {
            msg += " – " + job.percent + " %";
          }
          if (job.message) { msg += " – " + job.message; }
          if (job.error) { msg += " – " + job.error; }
          text.textContent = msg;
        }
        // Still waiting after ~12 s: most likely no worker process runs; say so.
        queuedPolls = job.status === "queued" ? queuedPolls + 1 : 0;
        if (stale) {
          if (job.status !== "queued") { stale.hidden = true; }
          else if (queuedPolls >= 8) { stale.hidden = false; }
        }
        if (job.status === "done") { window.setTimeout(function () { window.location.reload(); }, 800); }
        else if (job.status !== "failed") { window.setTimeout(poll, 1500); }
      })
      .catch(function () { window.setTimeout(poll, 4000); });
  }
  poll();
})();
