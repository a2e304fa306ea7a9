/* Charts as PNG images, made in the browser. Any button with data-chart-png="<id of an SVG>"
   and data-filename saves that chart: the SVG is drawn, twice its size, on a white canvas,
   which gives the PNG. The charts carry their colours and fonts as attributes, so the drawing
   needs nothing from the page's style sheets. */
(function () {
  "use strict";
  if (window.thiduaChartPng) {
    return; /* included by several charts of one page: one listener is enough */
  }
  window.thiduaChartPng = true;

  function save(blob, filename) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function download(svg, filename) {
    var box = svg.viewBox && svg.viewBox.baseVal;
    var width = box && box.width ? box.width : svg.width.baseVal.value;
    var height = box && box.height ? box.height : svg.height.baseVal.value;
    var ratio = 2;
    var source = new XMLSerializer().serializeToString(svg);
    var image = new Image();
    image.onload = function () {
      var canvas = document.createElement("canvas");
      canvas.width = width * ratio;
      canvas.height = height * ratio;
      var context = canvas.getContext("2d");
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(function (blob) { save(blob, filename); }, "image/png");
    };
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(source);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-chart-png]");
    if (!button) {
      return;
    }
    var svg = document.getElementById(button.getAttribute("data-chart-png"));
    if (svg) {
      download(svg, button.getAttribute("data-filename") || "bieu-do.png");
    }
  });
})();
