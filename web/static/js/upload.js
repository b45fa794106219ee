/* Drag-and-drop for the model upload form.  The plain <input type=file multiple> keeps
   working without this script; with it, files dropped on the zone are put into that
   input (DataTransfer) and listed, and the form is submitted as usual. */
(function () {
  "use strict";
  var zone = document.querySelector("[data-dropzone]");
  if (!zone) { return; }
  var input = document.getElementById(zone.getAttribute("data-dropzone"));
  var list = zone.querySelector("[data-dropzone-list]");
  if (!input) { return; }

  function show(files) {
    if (!list) { return; }
    list.textContent = "";
    Array.prototype.forEach.call(files, function (file) {
      var item = document.createElement("li");
      item.textContent = file.name + " (" + Math.max(1, Math.round(file.size / 1024)) + " KB)";
      list.appendChild(item);
    });
  }

  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.add("is-over");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.remove("is-over");
    });
  });
  zone.addEventListener("drop", function (event) {
    var dropped = event.dataTransfer && event.dataTransfer.files;
    if (!dropped || !dropped.length) { return; }
    var transfer = new DataTransfer();
    Array.prototype.forEach.call(input.files || [], function (f) { transfer.items.add(f); });
    Array.prototype.forEach.call(dropped, function (f) { transfer.items.add(f); });
    input.files = transfer.files;
    show(input.files);
  });
  input.addEventListener("change", function () { show(input.files); });
})();
