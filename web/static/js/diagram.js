/* Zoom and pan for server-rendered BPMN diagrams (no external library).
   Markup: <div class="diagram" data-diagram> with a toolbar of buttons carrying
   data-zoom="in|out|fit|reset" and a viewport .diagram__viewport containing
   .diagram__canvas with the inline SVG.  Keyboard: + / - zoom, 0 fit, arrows pan.
   Links with data-focus-element="<bpmn id>" scroll to and mark that element. */
(function () {
  "use strict";

  function setup(root) {
    var viewport = root.querySelector(".diagram__viewport");
    var canvas = root.querySelector(".diagram__canvas");
    var svg = canvas && canvas.querySelector("svg");
    var status = root.querySelector("[data-zoom-status]");
    if (!viewport || !svg) { return; }
    var box = svg.viewBox && svg.viewBox.baseVal;
    var baseW = (box && box.width) || svg.getBoundingClientRect().width || 800;
    var baseH = (box && box.height) || svg.getBoundingClientRect().height || 600;
    var scale = 1;

    function apply() {
      svg.setAttribute("width", String(Math.round(baseW * scale)));
      svg.setAttribute("height", String(Math.round(baseH * scale)));
      if (status) { status.textContent = Math.round(scale * 100) + " %"; }
    }
    function zoomTo(next, cx, cy) {
      next = Math.max(0.1, Math.min(8, next));
      var rect = viewport.getBoundingClientRect();
      var px = cx === undefined ? rect.width / 2 : cx;
      var py = cy === undefined ? rect.height / 2 : cy;
      var contentX = (viewport.scrollLeft + px) / scale;
      var contentY = (viewport.scrollTop + py) / scale;
      scale = next;
      apply();
      viewport.scrollLeft = contentX * scale - px;
      viewport.scrollTop = contentY * scale - py;
    }
    function fit() {
      var rect = viewport.getBoundingClientRect();
      var s = Math.min((rect.width - 8) / baseW, (rect.height - 8) / baseH);
      scale = Math.max(0.1, Math.min(2, s || 1));
      apply();
      viewport.scrollLeft = 0;
      viewport.scrollTop = 0;
    }

    root.querySelectorAll("[data-zoom]").forEach(function (button) {
      button.addEventListener("click", function () {
        var action = button.getAttribute("data-zoom");
        if (action === "in") { zoomTo(scale * 1.25); }
        else if (action === "out") { zoomTo(scale / 1.25); }
        else if (action === "reset") { zoomTo(1); }
        else { fit(); }
      });
    });

    viewport.addEventListener("wheel", function (event) {
      if (!event.ctrlKey && !event.metaKey) { return; }
      event.preventDefault();
      var rect = viewport.getBoundingClientRect();
      zoomTo(scale * (event.deltaY < 0 ? 1.15 : 1 / 1.15),
             event.clientX - rect.left, event.clientY - rect.top);
    }, { passive: false });

    var drag = null;
    viewport.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) { return; }
      drag = { x: event.clientX, y: event.clientY,
               left: viewport.scrollLeft, top: viewport.scrollTop };
      viewport.classList.add("is-panning");
      viewport.setPointerCapture(event.pointerId);
    });
    viewport.addEventListener("pointermove", function (event) {
      if (!drag) { return; }
      viewport.scrollLeft = drag.left - (event.clientX - drag.x);
      viewport.scrollTop = drag.top - (event.clientY - drag.y);
    });
    function endDrag() { drag = null; viewport.classList.remove("is-panning"); }
    viewport.addEventListener("pointerup", endDrag);
    viewport.addEventListener("pointercancel", endDrag);

    viewport.addEventListener("keydown", function (event) {
      var step = 60;
      if (event.key === "+" || event.key === "=") { zoomTo(scale * 1.25); }
      else if (event.key === "-") { zoomTo(scale / 1.25); }
      else if (event.key === "0") { fit(); }
      else if (event.key === "ArrowLeft") { viewport.scrollLeft -= step; }
      else if (event.key === "ArrowRight") { viewport.scrollLeft += step; }
      else if (event.key === "ArrowUp") { viewport.scrollTop -= step; }
      else if (event.key === "ArrowDown") { viewport.scrollTop += step; }
      else { return; }
      event.preventDefault();
    });

    function focusElement(id) {
      var target = null;
      svg.querySelectorAll("[data-element-id]").forEach(function (el) {
        var match = el.getAttribute("data-element-id") === id;
        el.classList.toggle("pm-selected", match);
        if (match && !target) { target = el; }
      });
      if (!target) { return false; }
      // Zoom in far enough to read the element, then centre it in the viewport.
      if (scale < 1) { scale = 1; apply(); }
      var vb = svg.getBoundingClientRect();
      var r = target.getBoundingClientRect();
      var vp = viewport.getBoundingClientRect();
      viewport.scrollLeft = (r.left - vb.left) - vp.width / 2 + r.width / 2;
      viewport.scrollTop = (r.top - vb.top) - vp.height / 2 + r.height / 2;
      viewport.focus({ preventScroll: true });
      root.scrollIntoView({ block: "start" });
      return true;
    }
    /* A link to an element of another diagram carries ?diagram=…&focus=… and loads
       that diagram; one in the diagram shown is handled here without a reload. */
    document.querySelectorAll("[data-focus-element]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (focusElement(link.getAttribute("data-focus-element"))) {
          event.preventDefault();
        }
      });
    });

    apply();
    if (root.hasAttribute("data-fit")) { fit(); }
    var wanted = new URLSearchParams(window.location.search).get("focus");
    if (wanted) { focusElement(wanted); }
  }

  document.querySelectorAll("[data-diagram]").forEach(setup);
})();
