/* "Can this be sold to China?": a chip's status on a date, with the same logic as generator/engine.py and
   generator/status.py. Thresholds, measures, chips and every word shown come from the exported data
   (data/rules.json), never from this file. */
(function (root) {
  "use strict";

  var YES = "yes", NO = "no", UNKNOWN = "unknown", DISPUTED = "disputed";
  var MAX_DOUBTS = 6;

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
    var checks = [];
    Object.keys(criterion.bounds).forEach(function (metric) {
      var bound = criterion.bounds[metric];
      var value = m[metric];
      [["min", function (v, t) { return v >= t; }], ["below", function (v, t) { return v < t; }]].forEach(function (pair) {
        var threshold = bound[pair[0]];
        if (threshold === undefined) return;
        var check = { metric: metric, op: pair[0], threshold: threshold, value: value };
        checks.push(check);
        if (value === null) { check.outcome = UNKNOWN; missing.push(metric); } else { check.outcome = pair[1](value, threshold) ? YES : NO; }
        outcomes.push(check.outcome);
      });
    });
    return { outcome: allOf(outcomes), missing: missing, checks: checks, dataCenterOk: dataCenterOk };
  }

  function runParagraph(paragraph, m) {
    var results = paragraph.any_of.map(function (c) { return runCriterion(c, m); });
    return {
      label: paragraph.label,
      outcome: anyOf(results.map(function (r) { return r.outcome; })),
      tests: results.map(function (r, i) { return { where: results.length === 1 ? paragraph.label : paragraph.label + " test " + (i + 1), result: r }; }),
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
    var tests = [].concat.apply([], paragraphs.map(function (p) { return p.tests; }));
    var result = { rule: rule.id, status: "undecidable", paragraphs: [], missing: missing, tests: tests };
    if (exempt === YES) { result.status = "exempt"; result.missing = []; return result; }
    if (paragraphs.every(function (p) { return p.outcome === NO; })) { result.status = "not-controlled"; result.missing = []; return result; }
    var caught = -1;
    for (var i = 0; i < paragraphs.length; i++) { if (paragraphs[i].outcome === YES) { caught = i; break; } }
    if (caught >= 0 && exempt === NO) {
      result.status = "controlled";
      result.missing = [];
      result.paragraphs = paragraphs.slice(0, caught + 1)
        .filter(function (p) { return p.outcome !== NO; }).map(function (p) { return p.label; });
    }
    return result;
  }

  function classifyAll(inputs, data) {
    var m = metrics(inputs, data.narrow_bits);
    return { metrics: m, results: data.rules.map(function (rule) { return classify(m, rule); }) };
  }

  /* ---- status on a date (generator/status.py) ---- */

  function reached(when, day) {
    if (day >= when.end) return YES;
    if (day < when.start) return NO;
    return DISPUTED;
  }

  function inForce(control, day) {
    var started = reached(control.starts, day);
    var ended = control.ends ? reached(control.ends, day) : NO;
    if (started === NO || ended === YES) return NO;
    if (started === YES && ended === NO) return YES;
    return DISPUTED;
  }

  /* statusByRule: {ruleId: engine status} for the chip; chipId: null for typed figures. */
  function applies(control, chipId, statusByRule) {
    if (!control.rule) return chipId !== null && control.chips.indexOf(chipId) >= 0 ? YES : NO;
    var status = statusByRule[control.rule];
    if (status === "controlled") return YES;
    if (status === "depends") return DISPUTED;
    if (status === "undecidable") return UNKNOWN;
    return NO;
  }

  function combine(side, chosen, data) {
    if (!chosen.length) return [data.nothing[side]];
    var ordered = chosen.slice().sort(function (a, b) {
      var x = [a.starts.start, a.starts.end, data.strictness[a.effect] || 0];
      var y = [b.starts.start, b.starts.end, data.strictness[b.effect] || 0];
      for (var i = 0; i < 3; i++) { if (x[i] < y[i]) return -1; if (x[i] > y[i]) return 1; }
      return 0;
    });
    if (side === "export") return [ordered[ordered.length - 1].effect];
    var effects = [];
    ordered.forEach(function (c) { if (effects.indexOf(c.effect) < 0) effects.push(c.effect); });
    return effects;
  }

  function answer(side, entries, data) {
    var relevant = entries.filter(function (e) { return e.control.side === side && e.applies !== NO && e.inForce !== NO; });
    var sure = relevant.filter(function (e) { return e.applies === YES && e.inForce === YES; }).map(function (e) { return e.control; });
    var doubtful = relevant.filter(function (e) { return !(e.applies === YES && e.inForce === YES); });
    var measures = [];
    relevant.forEach(function (e) { if (measures.indexOf(e.control.measure) < 0) measures.push(e.control.measure); });
    if (doubtful.length > MAX_DOUBTS) return { statuses: ["undecidable"], alternatives: [], measures: measures };
    var possible = [], seen = {}, byMask = {};
    var n = doubtful.length;
    for (var mask = (1 << n) - 1; mask >= 0; mask--) {
      var chosen = sure.slice();
      doubtful.forEach(function (e, i) { if (mask & (1 << (n - 1 - i))) chosen.push(e.control); });
      var outcome = combine(side, chosen, data);
      byMask[mask] = outcome.join("+");
      if (!seen[byMask[mask]]) { seen[byMask[mask]] = true; possible.push(outcome); }
    }
    if (possible.length === 1) return { statuses: possible[0], alternatives: [], measures: measures };
    /* "Cannot be decided" when a missing spec alone can change the answer; otherwise sources or dates are in dispute. */
    var decisive = false;
    doubtful.forEach(function (e, i) {
      if (e.applies !== UNKNOWN) return;
      var bit = 1 << (n - 1 - i);
      Object.keys(byMask).forEach(function (m) { if (byMask[m] !== byMask[Number(m) ^ bit]) decisive = true; });
    });
    return { statuses: [decisive ? "undecidable" : "depends"], alternatives: possible, measures: measures };
  }

  function statusOn(chipId, statusByRule, day, data) {
    var entries = data.controls.map(function (c) {
      return { control: c, applies: applies(c, chipId, statusByRule), inForce: inForce(c, day) };
    });
    return { export: answer("export", entries, data), import: answer("import", entries, data) };
  }

  /* ---- the page ---- */

  function number(value, digits) {
    return value === null ? "unknown" : value.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  function readNumber(form, name) {
    var raw = form.elements[name].value.trim();
    if (raw === "") return null;
    var value = Number(raw);
    return isFinite(value) && value >= 0 ? value : null;
  }

  /* "9 April 2025", as the site writes days; anything but a full day is shown as typed. */
  function readableDay(iso) {
    var when = new Date(iso + "T00:00:00Z");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || isNaN(when.getTime())) return iso;
    return when.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  function sideLabel(words, result) {
    function said(statuses) { return statuses.map(function (s) { return words[s]; }).join(" · "); }
    if (!result.alternatives.length) return said(result.statuses);
    return said(result.statuses) + " (" + result.alternatives.map(function (a) { return said(a).toLowerCase(); }).join(" or ") + ")";
  }

  function margin(check, labels) {
    var spec = labels.metrics[check.metric];
    var need = check.op === "min" ? "at least" : "under";
    var threshold = number(check.threshold, spec.decimals);
    if (check.value === null) return spec.label + " unknown (needs to be " + need + " " + threshold + ")";
    var distance = check.value - check.threshold;
    if (distance === 0) return spec.label + " " + number(check.value, spec.decimals) + " is exactly at " + threshold;
    var percent = check.threshold ? " (" + Math.round(Math.abs(distance) / check.threshold * 100) + "%)" : "";
    return spec.label + " " + number(check.value, spec.decimals) + " is " + number(Math.abs(distance), spec.decimals) +
      percent + (distance > 0 ? " above " : " below ") + threshold;
  }

  /* Why the figures give the status, test by test, in the words of generator/explain.py's reasons(): each test's
     first failing check when nothing catches the chip, the test that catches it, or the figures missing. */
  function reasons(r, labels) {
    function words(checks) { return checks.map(function (c) { return margin(c, labels); }).join("; "); }
    if (r.status === "controlled") {
      var met = r.tests.filter(function (t) { return t.result.outcome === YES; })[0];
      return met ? [met.where + ": " + words(met.result.checks)] : [];
    }
    if (r.status === "undecidable") {
      return r.missing.map(function (m) { return labels.metrics[m].label + " unknown: the data set lacks the chip's " + labels.metrics[m].missing; });
    }
    if (r.status !== "not-controlled") return [];
    var found = [];
    r.tests.forEach(function (t) {
      var failing = t.result.checks.filter(function (c) { return c.outcome === NO; });
      var text = failing.length ? t.where + ": " + margin(failing[0], labels) : !t.result.dataCenterOk ? t.where + ": applies only to data-centre chips" : null;
      if (text && found.indexOf(text) < 0) found.push(text);
    });
    return found;
  }

  function render(target, data, day, chip, classified) {
    var labels = data.labels;
    var statusByRule = {};
    if (chip) { statusByRule = chip.status; } else { classified.results.forEach(function (r) { statusByRule[r.rule] = r.status; }); }
    var status = statusOn(chip ? chip.id : null, statusByRule, day, data);
    var names = {};
    data.controls.forEach(function (c) { names[c.measure] = c.name; });
    var m = classified.metrics;
    /* A picked chip is described as its page describes it: every source's figures, the engine's reasons. */
    var values = Object.keys(labels.metrics).map(function (key) {
      return escapeHtml(labels.metrics[key].label) + ": " + escapeHtml(chip ? chip.metrics[key] : number(m[key], labels.metrics[key].decimals));
    });
    /* A Chinese company's chip: US export rules do not decide its sale in China, as its page says. */
    var chinese = chip && chip.made_in_china;
    var exportLine = chinese ? "" : "US export rules: <strong>" + escapeHtml(sideLabel(labels.export_statuses, status.export)) + "</strong><br>";
    var lines = [
      "<p><strong>" + escapeHtml(chip ? chip.name : "Your chip") + " on " + escapeHtml(readableDay(day)) + "</strong></p>",
      "<p>" + exportLine + "China: <strong>" + escapeHtml(sideLabel(labels.import_statuses, status.import)) + "</strong></p>"
    ];
    if (chinese) lines.push("<p>" + escapeHtml(chip.made_in_china) + "</p>");
    if (!chip) lines.push("<p>" + escapeHtml(data.typed_figures) + "</p>");
    var measures = (chinese ? [] : status.export.measures).concat(status.import.measures);
    if (measures.length) {
      lines.push("<p>Measures in force that apply:</p><ul>" + measures.map(function (id) {
        return "<li><a href=\"../../measures/" + encodeURIComponent(id) + "/\">" + escapeHtml(names[id]) + "</a></li>";
      }).join("") + "</ul>");
    }
    lines.push("<p>Under each version of the thresholds (" + values.join(" · ") + "):</p><ul>");
    classified.results.forEach(function (r, i) {
      var rule = data.rules[i];
      var engineStatus = statusByRule[rule.id];
      var detail = r.paragraphs.length ? " (" + r.paragraphs.join(" or ") + ")" : "";
      var checks = (chip ? [chip.verdicts[rule.id]] : reasons(r, labels)).map(escapeHtml).join("<br>");
      lines.push("<li><strong>" + escapeHtml(rule.name) + "</strong>: " + escapeHtml(labels.statuses[engineStatus] + (chip ? "" : detail)) +
        (checks ? "<br><small>" + checks + "</small>" : "") + "</li>");
    });
    lines.push("</ul><p><small>" + escapeHtml(data.not_covered) + "</small></p>");
    target.innerHTML = lines.join("");
  }

  function fill(form, chip) {
    var inputs = chip.inputs;
    form.elements.throughput.value = inputs.throughput === null ? "" : inputs.throughput;
    form.elements.bits.value = String(inputs.bits || 16);
    form.elements.area.value = inputs.area === null ? "" : inputs.area;
    form.elements.io.value = inputs.io === null ? "" : inputs.io;
    form.elements.datacenter.value = inputs.data_center ? "yes" : "no";
  }

  function attach(doc) {
    var form = doc.getElementById("chip-checker");
    var dataNode = doc.getElementById("chip-checker-rules");
    if (!form || !dataNode) return;
    var data = JSON.parse(dataNode.textContent);
    var target = doc.getElementById("chip-checker-result");
    var byId = {};
    data.chips.forEach(function (c) { byId[c.id] = c; });
    if (!form.elements.day.value) form.elements.day.value = data.today;
    function update(event) {
      if (event) event.preventDefault();
      var chip = byId[form.elements.chip.value] || null;
      var inputs = {
        throughput: readNumber(form, "throughput"),
        bits: Number(form.elements.bits.value),
        area: readNumber(form, "area"),
        io: readNumber(form, "io"),
        dataCenter: form.elements.datacenter.value === "yes"
      };
      render(target, data, form.elements.day.value || data.today, chip, classifyAll(inputs, data));
    }
    form.elements.chip.addEventListener("change", function () {
      var chip = byId[form.elements.chip.value];
      if (chip) fill(form, chip);
      update();
    });
    form.addEventListener("submit", update);
    form.addEventListener("input", function (event) {
      if (event.target.name !== "chip" && event.target.name !== "day") form.elements.chip.value = "";
      update();
    });
  }

  var api = { classifyAll: classifyAll, metrics: metrics, statusOn: statusOn, reasons: reasons };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
  if (root.document) {
    if (root.document$ && root.document$.subscribe) { root.document$.subscribe(function () { attach(root.document); }); }
    else if (root.document.readyState === "loading") { root.document.addEventListener("DOMContentLoaded", function () { attach(root.document); }); }
    else { attach(root.document); }
  }
})(typeof window !== "undefined" ? window : globalThis);
