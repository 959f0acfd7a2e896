// The one Thai date input (core.forms.ThaiDateInput): the text box takes typed Buddhist-era dates
// and is what the form submits; the native calendar beside it is kept in sync both ways and the
// picked date is echoed in BE, because browsers' pickers show Christian-era years.
(function () {
  "use strict";
  var MONTHS = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."];
  // "ก.พ." is typed with or without its dots ("ก.พ", "กพ"): compare without them.
  var BARE = MONTHS.map(function (s) { return s.replace(/\./g, ""); });
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function parse(text) {
    var m = /^\s*(\d{1,2})\s*[\/.\- ]\s*(\S+?)\s*[\/.\- ]\s*(\d{4})\s*$/.exec(text || "");
    var iso = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(text || "");
    var d, mo, y;
    if (iso) { y = +iso[1]; mo = +iso[2]; d = +iso[3]; }
    else if (m) {
      d = +m[1]; y = +m[3];
      mo = /^\d+$/.test(m[2]) ? +m[2] : BARE.indexOf(m[2].replace(/\./g, "")) + 1;
    } else { return null; }
    if (y > 2400) { y -= 543; }
    var date = new Date(Date.UTC(y, mo - 1, d));
    if (!mo || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) { return null; }
    return y + "-" + pad(mo) + "-" + pad(d);
  }
  function be(iso) {
    var p = iso.split("-");
    return +p[2] + " " + MONTHS[+p[1] - 1] + " " + (+p[0] + 543);
  }
  function wire(box) {
    var text = box.querySelector("input[data-thai-date]");
    var pick = box.querySelector(".thai-date-pick");
    var out = box.querySelector(".thai-date-be");
    if (!text || !pick || box.dataset.wired) { return; }
    box.dataset.wired = "1";
    pick.hidden = false;
    function echo() {
      var iso = parse(text.value);
      if (iso) { pick.value = iso; out.textContent = "= " + be(iso); }
      else { out.textContent = text.value ? "?" : ""; }
    }
    text.addEventListener("input", echo);
    pick.addEventListener("change", function () {
      if (!pick.value) { return; }
      var p = pick.value.split("-");
      text.value = +p[2] + "/" + +p[1] + "/" + (+p[0] + 543);
      echo();
    });
    echo();
  }
  function wireAll(root) { (root || document).querySelectorAll(".thai-date").forEach(wire); }
  document.addEventListener("DOMContentLoaded", function () { wireAll(document); });
  document.addEventListener("htmx:afterSwap", function (e) { wireAll(e.target); });
})();
