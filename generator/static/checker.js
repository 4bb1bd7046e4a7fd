/* "Check a chip": classifies typed figures under each rule, with the same logic as generator/engine.py.
   Thresholds and every word shown come from the exported data (data/rules.json), never from this file. */
(function (root) {
  "use strict";

  var YES = "yes", NO = "no", UNKNOWN = "unknown";

  function allOf(outcomes) {
    if (outcomes.indexOf(NO) >= 0) return NO;
    if (outcomes.indexOf(UNKNOWN) >= 0) return UNKNOWN;
    return YES;
  }

  function anyOf(outcomes) {
    if (outcomes.indexOf(YES) >= 0) return YES;
    if (outcomes.indexOf(UNKNOWN) >= 0) return UNKNOWN;
    return NO;
  }

  /* inputs: {throughput, bits, area, io, dataCenter}; null means unknown. */
  function metrics(inputs, narrowBits) {
    var tpp = null;
    if (inputs.throughput !== null && inputs.bits !== null && inputs.bits <= narrowBits) {
      tpp = inputs.throughput * inputs.bits;
    }
    var density = tpp !== null && inputs.area ? tpp / inputs.area : null;
    return { tpp: tpp, performance_density: density, interconnect_gbs: inputs.io, data_center: inputs.dataCenter };
  }

  function runCriterion(criterion, m) {
    var outcomes = [];
    var dataCenterOk = criterion.data_center === undefined || criterion.data_center === m.data_center;
    outcomes.push(dataCenterOk ? YES : NO);
    var missing = [];
    Object.keys(criterion.bounds).forEach(function (metric) {
      var bound = criterion.bounds[metric];
      var value = m[metric];
      [["min", function (v, t) { return v >= t; }], ["below", function (v, t) { return v < t; }]].forEach(function (pair) {
        var threshold = bound[pair[0]];
        if (threshold === undefined) return;
        if (value === null) { outcomes.push(UNKNOWN); missing.push(metric); return; }
        outcomes.push(pair[1](value, threshold) ? YES : NO);
      });
    });
    return { outcome: allOf(outcomes), missing: missing };
  }

  function runParagraph(paragraph, m) {
    var results = paragraph.any_of.map(function (c) { return runCriterion(c, m); });
    return {
      label: paragraph.label,
      outcome: anyOf(results.map(function (r) { return r.outcome; })),
      missing: [].concat.apply([], results.map(function (r) { return r.outcome === UNKNOWN ? r.missing : []; }))
    };
  }

  function classify(m, rule) {
    var paragraphs = rule.paragraphs.map(function (p) { return runParagraph(p, m); });
    var exemptions = (rule.exemptions || []).map(function (e) { return runCriterion(e.test, m); });
    var exempt = exemptions.length ? anyOf(exemptions.map(function (r) { return r.outcome; })) : NO;
    var missingMetrics = [].concat.apply([], paragraphs.map(function (p) { return p.missing; }))
      .concat([].concat.apply([], exemptions.map(function (r) { return r.outcome === UNKNOWN ? r.missing : []; })));
    var missing = [];
    missingMetrics.forEach(function (metric) { if (missing.indexOf(metric) < 0) missing.push(metric); });
    if (exempt === YES) return { rule: rule.id, status: "exempt", paragraphs: [], missing: [] };
    if (paragraphs.every(function (p) { return p.outcome === NO; })) {
      return { rule: rule.id, status: "not-controlled", paragraphs: [], missing: [] };
    }
    var caught = -1;
    for (var i = 0; i < paragraphs.length; i++) { if (paragraphs[i].outcome === YES) { caught = i; break; } }
    if (caught >= 0 && exempt === NO) {
      var labels = paragraphs.slice(0, caught + 1)
        .filter(function (p) { return p.outcome !== NO; }).map(function (p) { return p.label; });
      return { rule: rule.id, status: "controlled", paragraphs: labels, missing: [] };
    }
    return { rule: rule.id, status: "undecidable", paragraphs: [], missing: missing };
  }

  function classifyAll(inputs, data) {
    var m = metrics(inputs, data.narrow_bits);
    return { metrics: m, results: data.rules.map(function (rule) { return classify(m, rule); }) };
  }

  function number(value, digits) {
    return value === null ? "unknown" : value.toLocaleString("en", { maximumFractionDigits: digits });
  }

  function readNumber(form, name) {
    var raw = form.elements[name].value.trim();
    if (raw === "") return null;
    var value = Number(raw);
    return isFinite(value) && value >= 0 ? value : null;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  function render(target, outcome, data) {
    var m = outcome.metrics;
    var metrics = data.labels.metrics;
    var values = Object.keys(metrics).map(function (key) {
      return escapeHtml(metrics[key].label) + ": <strong>" + number(m[key], metrics[key].decimals) + "</strong>";
    });
    var lines = ["<p>" + values.join(" · ") + "</p>", "<ul>"];
    outcome.results.forEach(function (r, i) {
      var rule = data.rules[i];
      var missing = r.missing.map(function (key) { return metrics[key].missing; });
      var detail = r.paragraphs.length ? " (" + r.paragraphs.join(" or ") + ")" : missing.length ? ": missing " + missing.join(", ") : "";
      lines.push("<li><strong>" + escapeHtml(rule.name) + "</strong>: " + escapeHtml(data.labels.statuses[r.status] + detail) + "</li>");
    });
    lines.push("</ul>");
    target.innerHTML = lines.join("");
  }

  function attach(doc) {
    var form = doc.getElementById("chip-checker");
    var data = doc.getElementById("chip-checker-rules");
    if (!form || !data) return;
    var rules = JSON.parse(data.textContent);
    var target = doc.getElementById("chip-checker-result");
    function update(event) {
      if (event) event.preventDefault();
      var inputs = {
        throughput: readNumber(form, "throughput"),
        bits: Number(form.elements.bits.value),
        area: readNumber(form, "area"),
        io: readNumber(form, "io"),
        dataCenter: form.elements.datacenter.value === "yes"
      };
      render(target, classifyAll(inputs, rules), rules);
    }
    form.addEventListener("submit", update);
    form.addEventListener("input", update);
  }

  var api = { classifyAll: classifyAll, metrics: metrics };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
  if (root.document) {
    if (root.document$ && root.document$.subscribe) { root.document$.subscribe(function () { attach(root.document); }); }
    else if (root.document.readyState === "loading") { root.document.addEventListener("DOMContentLoaded", function () { attach(root.document); }); }
    else { attach(root.document); }
  }
})(typeof window !== "undefined" ? window : globalThis);
