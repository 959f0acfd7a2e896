// The publish button stays disabled, with the reason written beside it, until OPDC has ticked the
// confirmation and (when some organisations are not yet included) written the reason for the gap.
// The server checks the same again (publication_publish); this only says it before the click.
(function () {
  "use strict";
  document.querySelectorAll("form[data-publish-form]").forEach(function (form) {
    var button = form.querySelector("[data-testid=publish]");
    var why = form.querySelector("[data-testid=publish-why]");
    var confirm = form.querySelector("input[name=confirm]");
    var reason = form.querySelector("textarea[name=gap_reason]");
    if (!button || !why || !confirm || form.hasAttribute("data-nothing")) return;
    function update() {
      var missing = [];
      if (reason && !reason.value.trim()) missing.push(why.getAttribute("data-need-reason"));
      if (!confirm.checked) missing.push(why.getAttribute("data-need-confirm"));
      button.disabled = missing.length > 0;
      why.textContent = missing.join(" · ");
      why.hidden = missing.length === 0;
    }
    confirm.addEventListener("change", update);
    if (reason) reason.addEventListener("input", update);
    update();
  });
})();
