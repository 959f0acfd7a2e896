// "Select all" on OPDC's verification queue: ticks or clears every row's checkbox on this page, and
// shows how many are chosen. Without JavaScript each row is still ticked by hand.
(function () {
  "use strict";
  document.querySelectorAll("[data-select-all]").forEach(function (all) {
    var form = all.form;
    if (!form) return;
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=result]"));
    var count = form.querySelector("[data-testid=selected-count]");
    function show() {
      var n = boxes.filter(function (b) { return b.checked; }).length;
      all.checked = n > 0 && n === boxes.length;
      all.indeterminate = n > 0 && n < boxes.length;
      if (count) count.textContent = String(n);
    }
    all.addEventListener("change", function () {
      boxes.forEach(function (b) { b.checked = all.checked; });
      show();
    });
    boxes.forEach(function (b) { b.addEventListener("change", show); });
    show();
  });
})();
