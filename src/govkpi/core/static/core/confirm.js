// Irreversible steps (core/_confirm.html): the opener is a link to the confirm page; with
// JavaScript it opens the same <dialog> in place, so typed fields of the page are kept.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    var opener = target.closest("[data-confirm]");
    if (opener) {
      var dialog = document.getElementById(opener.getAttribute("data-confirm"));
      if (dialog && typeof dialog.showModal === "function") {
        event.preventDefault();
        if (!dialog.open) dialog.showModal();
        var first = dialog.querySelector("button");
        if (first) first.focus();
      }
      return;
    }
    var cancel = target.closest("[data-confirm-cancel]");
    if (cancel) {
      var open = cancel.closest("dialog");
      if (open && open.open && !new URLSearchParams(location.search).has("confirm")) {
        event.preventDefault();
        open.close();
      }
    }
  });
})();
