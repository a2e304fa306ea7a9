/* A long export shows its progress. A link with data-download-progress="<id>" is fetched by
   this script instead of being followed: the element <id> holds a <progress> that fills with
   the bytes received of the response's Content-Length, and a status line (role="status")
   whose words come from its data-msg-* attributes, already in the reader's language. The
   received file is then saved under the name the server gave it. Without script, or in a
   browser that cannot stream a response, the link downloads as any link does. */
(function () {
  "use strict";
  if (window.thiduaDownloadProgress) {
    return;
  }
  window.thiduaDownloadProgress = true;

  function kilobytes(bytes) {
    return Math.max(1, Math.round(bytes / 1024)).toLocaleString(document.documentElement.lang || "vi");
  }

  function filenameOf(response, link) {
    var header = response.headers.get("Content-Disposition") || "";
    var match = /filename="?([^";]+)"?/.exec(header);
    return match ? match[1] : (link.getAttribute("download") || "tai-ve");
  }

  function save(blob, filename) {
    var anchor = document.createElement("a");
    anchor.href = URL.createObjectURL(blob);
    anchor.download = filename;
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(function () { URL.revokeObjectURL(anchor.href); }, 1000);
  }

  function start(link, box) {
    var bar = box.querySelector("progress");
    var status = box.querySelector("[role=status]");
    var say = function (key, received, total) {
      var text = box.getAttribute("data-msg-" + key) || "";
      status.textContent = text
        .replace("{received}", kilobytes(received || 0))
        .replace("{total}", kilobytes(total || 0));
    };
    link.setAttribute("aria-disabled", "true");
    bar.hidden = false;
    bar.value = 0;
    fetch(link.href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok || !response.body) {
          throw new Error("HTTP " + response.status);
        }
        var total = Number(response.headers.get("Content-Length")) || 0;
        var type = response.headers.get("Content-Type") || "application/octet-stream";
        var name = filenameOf(response, link);
        var reader = response.body.getReader();
        var chunks = [];
        var received = 0;
        if (total) {
          bar.max = total;
        } else {
          bar.removeAttribute("value"); /* an indeterminate bar: the size is not known */
        }
        say(total ? "loading" : "loading-unknown", 0, total);
        var pump = function () {
          return reader.read().then(function (step) {
            if (step.done) {
              return;
            }
            chunks.push(step.value);
            received += step.value.length;
            if (total) {
              bar.value = Math.min(received, total);
            }
            say(total ? "loading" : "loading-unknown", received, total);
            return pump();
          });
        };
        return pump().then(function () {
          save(new Blob(chunks, { type: type }), name);
          if (total) {
            bar.value = total;
          }
          say("done");
        });
      })
      .catch(function () {
        bar.hidden = true;
        say("failed");
      })
      .then(function () {
        link.removeAttribute("aria-disabled");
      });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-download-progress]");
    if (!link || !window.fetch || !window.ReadableStream) {
      return;
    }
    var box = document.getElementById(link.getAttribute("data-download-progress"));
    if (!box || !box.querySelector("progress") || !box.querySelector("[role=status]")) {
      return;
    }
    event.preventDefault();
    if (link.getAttribute("aria-disabled") !== "true") {
      start(link, box);
    }
  });
})();
