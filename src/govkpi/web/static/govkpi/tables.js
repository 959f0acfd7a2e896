/* Wide tables scroll inside their own .tablewrap box (app.css). A box that does scroll becomes a
   labelled, focusable region so keyboard users can scroll it too. No inline scripts (CSP).
   Each region is named after its caption or the heading above it, and no two share a name
   (screen readers list regions by name: "ตาราง" five times tells nobody which is which). */
(function () {
  "use strict";
  function headingBefore(box) {
    var node = box;
    while (node && node !== document.body) {
      var sibling = node.previousElementSibling;
      while (sibling) {
        if (/^H[1-4]$/.test(sibling.tagName)) { return sibling.textContent.trim(); }
        sibling = sibling.previousElementSibling;
      }
      node = node.parentElement;
    }
    return "";
  }
  function mark(root) {
    var used = {};
    document.querySelectorAll(".tablewrap[aria-label]").forEach(function (box) { used[box.getAttribute("aria-label")] = true; });
    (root || document).querySelectorAll(".tablewrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        if (!box.hasAttribute("tabindex")) { box.setAttribute("tabindex", "0"); }
        if (!box.hasAttribute("role")) { box.setAttribute("role", "region"); }
        if (!box.hasAttribute("aria-label")) {
          var caption = box.querySelector("caption");
          var generic = document.documentElement.lang === "en" ? "Table (scrolls sideways)" : "ตาราง (เลื่อนด้านข้างได้)";
          var base = (caption ? caption.textContent.trim() : headingBefore(box)) || generic;
          var label = base, n = 2;
          while (used[label]) { label = base + " (" + n + ")"; n += 1; }
          used[label] = true;
          box.setAttribute("aria-label", label);
        }
      }
    });
  }
  function all() { mark(document); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", all); } else { all(); }
  window.addEventListener("resize", all);
  document.addEventListener("htmx:afterSwap", all);
})();
