/* Tooltips for citations (the source, on hover or focus) and glossary marks (the definition, on hover, focus or
   tap). A story chapter carries hundreds of citations: Material's built-in tooltips mount one component per element
   when the page loads, which blocked the main thread for half a second on a phone. These listen once on the document
   and build a tooltip only when one is wanted. */
(function (root) {
  "use strict";

  var TARGETS = ".md-content a.footnote-ref, .md-content abbr[title], .md-content abbr[data-tip]";
  var MARGIN = 8;
  var HIDE_DELAY_MS = 200;

  function footnoteContent(doc, ref) {
    var note = doc.getElementById(decodeURIComponent(ref.hash.slice(1)));
    if (!note) return null;
    var copy = note.cloneNode(true);
    copy.querySelectorAll(".footnote-backref").forEach(function (link) { link.remove(); });
    copy.querySelectorAll("[id]").forEach(function (node) { node.removeAttribute("id"); });
    var box = doc.createElement("div");
    while (copy.firstChild) box.appendChild(copy.firstChild);
    return box;
  }

  function abbrContent(doc, mark) {
    // The native title would show a second tooltip: keep the text aside while ours is open.
    if (mark.hasAttribute("title")) {
      mark.setAttribute("data-tip", mark.getAttribute("title"));
      mark.removeAttribute("title");
    }
    var box = doc.createElement("p");
    box.textContent = mark.getAttribute("data-tip");
    return box;
  }

  function attach(doc) {
    var view = doc.defaultView;
    var tip = null, host = null, timer = null;

    function hide() {
      clearTimeout(timer);
      if (!tip) return;
      tip.remove();
      host.removeAttribute("aria-describedby");
      if (host.hasAttribute("data-tip")) host.setAttribute("title", host.getAttribute("data-tip"));
      tip = host = null;
    }

    function place(target) {
      var rect = target.getBoundingClientRect();
      var width = Math.min(tip.offsetWidth, view.innerWidth - 2 * MARGIN);
      var left = Math.max(MARGIN, Math.min(rect.left, view.innerWidth - width - MARGIN));
      var below = rect.bottom + MARGIN + tip.offsetHeight <= view.innerHeight || rect.top < tip.offsetHeight + MARGIN;
      var top = below ? rect.bottom + MARGIN / 2 : rect.top - tip.offsetHeight - MARGIN / 2;
      tip.style.left = left + view.scrollX + "px";
      tip.style.top = top + view.scrollY + "px";
    }

    function show(target) {
      clearTimeout(timer);
      if (host === target) return;
      hide();
      var content = target.matches("a.footnote-ref") ? footnoteContent(doc, target) : abbrContent(doc, target);
      if (!content) return;
      tip = doc.createElement("div");
      tip.id = "explainer-tip";
      tip.className = "explainer-tip md-typeset";
      tip.setAttribute("role", "tooltip");
      tip.appendChild(content);
      doc.body.appendChild(tip);
      host = target;
      host.setAttribute("aria-describedby", tip.id);
      place(target);
    }

    function later() {
      clearTimeout(timer);
      timer = setTimeout(hide, HIDE_DELAY_MS);
    }

    function targetOf(event) {
      return event.target instanceof view.Element ? event.target.closest(TARGETS) : null;
    }

    doc.addEventListener("pointerover", function (event) {
      var target = targetOf(event);
      if (target && event.pointerType !== "touch") show(target);
      else if (tip && tip.contains(event.target)) clearTimeout(timer);  // readers may move onto the tooltip's link
    });
    doc.addEventListener("pointerout", function (event) {
      if (tip && (targetOf(event) === host || tip.contains(event.target))) later();
    });
    doc.addEventListener("focusin", function (event) {
      var target = targetOf(event);
      if (target) show(target);
    });
    doc.addEventListener("focusout", function (event) {
      if (targetOf(event) === host) later();
    });
    doc.addEventListener("click", function (event) {
      var target = targetOf(event);
      if (target && target.matches("abbr")) show(target);  // a tap on a glossary mark; a citation's tap follows its link
      else if (tip && !tip.contains(event.target)) hide();
    });
    doc.addEventListener("keydown", function (event) {
      if (event.key === "Escape") hide();
    });
    view.addEventListener("resize", hide);
  }

  if (typeof module !== "undefined" && module.exports) module.exports = { attach: attach };
  else if (root.document.readyState === "loading") root.document.addEventListener("DOMContentLoaded", function () { attach(root.document); });
  else attach(root.document);
})(this);
