/* Timeline filters: checkboxes by actor and kind, mirrored in the address (?actor=us,china&kind=rule) so a filtered
   view can be shared. Without JavaScript the page links to pre-filtered timelines. */
(function (root) {
  "use strict";

  function parse(spec) {
    return spec.split("|").map(function (pair) {
      var at = pair.indexOf(":");
      return { key: pair.slice(0, at), label: pair.slice(at + 1) };
    });
  }

  function group(doc, legend, name, options) {
    var fieldset = doc.createElement("fieldset");
    var title = doc.createElement("legend");
    title.textContent = legend;
    fieldset.appendChild(title);
    options.forEach(function (option) {
      var label = doc.createElement("label");
      var box = doc.createElement("input");
      box.type = "checkbox";
      box.name = name;
      box.value = option.key;
      box.checked = true;
      label.appendChild(box);
      label.appendChild(doc.createTextNode(" " + option.label));
      fieldset.appendChild(label);
    });
    return fieldset;
  }

  function checked(host, name) {
    var values = {};
    host.querySelectorAll("input[name='" + name + "']").forEach(function (box) { values[box.value] = box.checked; });
    return values;
  }

  function apply(doc, host, status) {
    var actors = checked(host, "actor"), kinds = checked(host, "kind");
    var items = doc.querySelectorAll(".timeline-item");
    var shown = 0;
    items.forEach(function (item) {
      var visible = actors[item.dataset.actor] && kinds[item.dataset.kind];
      item.hidden = !visible;
      if (visible) shown += 1;
    });
    // The chart's marks follow the same filters (SVG elements have no `hidden` property).
    doc.querySelectorAll(".chart-figure svg [data-actor][data-kind]").forEach(function (mark) {
      mark.style.display = actors[mark.dataset.actor] && kinds[mark.dataset.kind] ? "" : "none";
    });
    doc.querySelectorAll(".md-content h2").forEach(function (heading) {
      var list = heading.nextElementSibling;
      if (list && list.tagName === "UL") {
        var any = Array.prototype.some.call(list.children, function (li) { return !li.hidden; });
        heading.hidden = !any;
        list.hidden = !any;
      }
    });
    status.textContent = "Showing " + shown + " of " + items.length + " records.";
  }

  // The address says which boxes are ticked; a group left whole is left out of it.
  function toAddress(host) {
    var params = new URLSearchParams(root.location.search);
    ["actor", "kind"].forEach(function (name) {
      var values = checked(host, name);
      var on = Object.keys(values).filter(function (key) { return values[key]; });
      if (on.length === Object.keys(values).length) params.delete(name);
      else params.set(name, on.join(","));
    });
    var query = params.toString().replace(/%2C/g, ",");
    root.history.replaceState(null, "", root.location.pathname + (query ? "?" + query : "") + root.location.hash);
  }

  function fromAddress(host) {
    var params = new URLSearchParams(root.location.search);
    var any = false;
    ["actor", "kind"].forEach(function (name) {
      if (!params.has(name)) return;
      any = true;
      var wanted = params.get(name).split(",");
      host.querySelectorAll("input[name='" + name + "']").forEach(function (box) { box.checked = wanted.indexOf(box.value) >= 0; });
    });
    return any;
  }

  function attach(doc) {
    var host = doc.getElementById("timeline-filters");
    if (!host || host.childElementCount) return;
    // A closed disclosure takes the one line reserved for it in CSS, so the page does not jump on load.
    var details = doc.createElement("details");
    var summary = doc.createElement("summary");
    summary.textContent = "Filter by actor and kind";
    details.appendChild(summary);
    var form = doc.createElement("form");
    form.className = "timeline-filter-form";
    form.setAttribute("aria-label", "Filter the timeline");
    form.appendChild(group(doc, "Actor", "actor", parse(host.dataset.actors)));
    form.appendChild(group(doc, "Kind", "kind", parse(host.dataset.kinds)));
    var status = doc.createElement("p");
    status.setAttribute("role", "status");
    status.className = "timeline-filter-status";
    details.appendChild(form);
    details.appendChild(status);
    host.appendChild(details);
    form.addEventListener("change", function () { apply(doc, host, status); toAddress(host); });
    if (fromAddress(host)) details.open = true;
    apply(doc, host, status);
  }

  if (root.document$ && root.document$.subscribe) { root.document$.subscribe(function () { attach(root.document); }); }
  else if (root.document.readyState === "loading") { root.document.addEventListener("DOMContentLoaded", function () { attach(root.document); }); }
  else { attach(root.document); }
})(window);
