/* Service form: the Reifegrad lists follow the chosen Reifegradmodell at once.
   The model select carries data-levels = {"1.1": [["0", "0 – Offline"], …], …}; on change
   the options of #reifegrad and #target_reifegrad are rebuilt, keeping a chosen level
   when the new model has it and saying so when it does not. */
(function () {
  "use strict";
  var model = document.getElementById("reifegrad_model");
  if (!model || !model.hasAttribute("data-levels")) { return; }
  var levels;
  try { levels = JSON.parse(model.getAttribute("data-levels")); } catch (e) { return; }

  function rebuild(select) {
    if (!select) { return null; }
    var wanted = select.value;
    var first = select.options.length ? select.options[0] : null;
    var empty = first && first.value === "" ? first.textContent : "";
    var options = levels[model.value] || [];
    while (select.options.length) { select.remove(0); }
    select.add(new Option(empty, ""));
    var kept = wanted === "";
    options.forEach(function (pair) {
      var option = new Option(pair[1], pair[0]);
      if (pair[0] === wanted) { option.selected = true; kept = true; }
      select.add(option);
    });
    return kept ? null : wanted;
  }

  var note = document.getElementById("reifegrad-model-note");
  model.addEventListener("change", function () {
    var lost = [rebuild(document.getElementById("reifegrad")),
                rebuild(document.getElementById("target_reifegrad"))]
      .filter(function (v) { return v !== null; });
    if (note) {
      note.hidden = lost.length === 0;
      note.textContent = lost.length ?
        note.getAttribute("data-text").replace("{stufe}", lost.join(", ")) : "";
    }
  });
})();
