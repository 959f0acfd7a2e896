/* Wide tables scroll inside their own .tablewrap box (app.css). A box that does scroll becomes a
   labelled, focusable region so keyboard users can scroll it too. No inline scripts (CSP). */
(function () {
  "use strict";
  function mark(root) {
    (root || document).querySelectorAll(".tablewrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        if (!box.hasAttribute("tabindex")) { box.setAttribute("tabindex", "0"); }
        if (!box.hasAttribute("role")) { box.setAttribute("role", "region"); }
        if (!box.hasAttribute("aria-label")) {
          var caption = box.querySelector("caption");
          box.setAttribute("aria-label", caption ? caption.textContent.trim() : (document.documentElement.lang === "en" ? "Table (scrolls sideways)" : "ตาราง (เลื่อนด้านข้างได้)"));
        }
      }
    });
  }
  function all() { mark(document); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", all); } else { all(); }
  window.addEventListener("resize", all);
  document.addEventListener("htmx:afterSwap", all);
})();
