// ml.classification_report, ml.roc_auc_score, ml.roc_curve,
// ml.precision_recall_curve, ml.average_precision_score, ml.log_loss and
// ml.brier_score_loss.

import CLua
import NightjarCore

/// The options the ranking and probabilistic metrics read, translated.
private struct MetricOptions {
  var positive: String?
  var average: ClassificationMetrics.Average = .macro
  var multiClass: RankingMetrics.MultiClass?
  var sampleWeight: [Double]?
  var labels: Labels?
  var flags: [String: Bool] = [:]
  var digits = 2
  var zeroDivision = 0.0
  var targetNames: [String]?
}

/// The warnings a metric sent while it ran.
private final class CollectedWarnings {
  var lines: [String] = []
}

extension MetricsBindings {
  static func registerRanking(in state: LuaState) {
    registerReport(in: state)
    registerCurves(in: state)
    registerScores(in: state)
  }

  // MARK: Reading arguments

  /// Scores or probabilities at `index`: a Matrix (a vector, or rows x
  /// classes) or a table of numbers or of rows.
  private static func scores(_ call: LuaCall, _ index: Int32)
    throws(LuaError) -> Matrix
  {
    if call.type(index) == LUA_TTABLE {
      return try MatrixBindings.readMatrix(call, index)
    }
    return try call.object(Matrix.self, index)
  }

  /// The options table at `index`, limited to `known`.
  private static func options(
    _ call: LuaCall, _ index: Int32, known: Set<String>
  ) throws(LuaError) -> MetricOptions {
    let tables: Set<String> = ["sample_weight", "labels", "target_names"]
    let values = try call.options(index, known: known, tables: tables)
    var result = MetricOptions()
    switch values["pos_label"] {
    case .number(let value)?:
      result.positive = Labels.numbers([value]).text(at: 0)
    case .string(let text)?: result.positive = text
    case .boolean?:
      throw call.argumentError(index, "pos_label must be a number or string")
    default: break
    }
    if case .string(let name)? = values["average"] {
      guard let average = ClassificationMetrics.Average(rawValue: name),
        average != .binary
      else {
        throw call.argumentError(
          index, "invalid option '\(name)' for 'average'")
      }
      result.average = average
    }
    if case .string(let name)? = values["multi_class"], name != "raise" {
      guard let choice = RankingMetrics.MultiClass(rawValue: name) else {
        throw call.argumentError(
          index, "invalid option '\(name)' for 'multi_class'")
      }
      result.multiClass = choice
    }
    for (name, value) in values {
      if case .boolean(let flag) = value { result.flags[name] = flag }
    }
    if case .number(let value)? = values["digits"] {
      guard let whole = Int(exactly: value), whole >= 0, whole <= 15 else {
        throw call.argumentError(
          index, "digits must be a whole number from 0 to 15")
      }
      result.digits = whole
    }
    if case .number(let value)? = values["zero_division"] {
      result.zeroDivision = value
    }
    guard call.type(index) == LUA_TTABLE else { return result }
    for name in tables where known.contains(name) {
      let kind = call.rawField(index, name)  // [+1]
      defer { call.pop() }  // [-1]
      if kind == LUA_TNIL { continue }
      switch name {
      case "sample_weight": result.sampleWeight = try call.numbers(-1).toArray()
      case "labels": result.labels = try call.labels(-1)
      default:
        guard case .strings(let names) = try call.labels(-1) else {
          throw call.argumentError(index, "target_names must be strings")
        }
        result.targetNames = names
      }
    }
    return result
  }

  /// Runs a Core metric, collecting its warnings and writing them to
  /// stderr once it has returned.
  private static func run<T>(
    _ call: LuaCall,
    _ body: (@escaping RankingMetrics.Warn) throws(NightjarError) -> T
  ) throws(LuaError) -> T {
    let collected = CollectedWarnings()
    let result: T
    do throws(NightjarError) {
      result = try body { collected.lines.append($0) }
    } catch {
      throw LuaError(error)
    }
    call.emit(warnings: collected.lines)
    return result
  }

  // MARK: classification_report

  private static func registerReport(in state: LuaState) {
    state.define(
      "classification_report", group: "Metrics",
      help: """
        ml.classification_report(y_true, y_pred [, options]) -> string
          Precision, recall, F1 and support of each class, then accuracy
          and the macro and weighted averages, as scikit-learn's text
          table (print it).
        Options (defaults):
          digits = 2            decimals of the numbers
          output_dict = false   true: a table instead, {["yes"] =
                                {precision, recall, ["f1-score"],
                                support}, accuracy = x, ["macro avg"] =
                                {...}, ["weighted avg"] = {...}}
          target_names = nil    names to show instead of the labels
          zero_division = 0     the value of a ratio with no denominator
        Example: print(ml.classification_report(yte, m:predict(Xte)))
        """
    ) { call throws(LuaError) in
      let truth = try call.labels(1)
      let predicted = try call.labels(2)
      let chosen = try options(
        call, 3,
        known: ["digits", "output_dict", "target_names", "zero_division"])
      let report = try MatrixBindings.core {
        try ClassificationReport(
          truth, predicted, targetNames: chosen.targetNames,
          zeroDivision: chosen.zeroDivision)
      }
      guard chosen.flags["output_dict"] == true else {
        call.push(report.text(digits: chosen.digits))
        return 1
      }
      let L = call.L
      lua_createtable(L, 0, Int32(report.classes.count + 3))  // [+1]
      for row in report.classes + report.averages {
        lua_createtable(L, 0, 4)  // [+1]
        for (key, value) in [
          ("precision", row.precision), ("recall", row.recall),
          ("f1-score", row.f1),
        ] {
          call.push(value)  // [+1]
          lua_setfield(L, -2, key)  // [-1]
        }
        call.push(row.support)  // [+1]
        lua_setfield(L, -2, "support")  // [-1]
        lua_setfield(L, -2, row.name)  // [-1]
      }
      call.push(report.accuracy)  // [+1]
      lua_setfield(L, -2, "accuracy")  // [-1]
      return 1
    }
  }

  // MARK: Curves

  private static func registerCurves(in state: LuaState) {
    state.define(
      "roc_curve", group: "Metrics",
      help: """
        ml.roc_curve(y_true, y_score [, options]) -> fpr, tpr, thresholds
          The ROC curve: false and true positive rates (vectors) at each
          threshold, thresholds descending from inf; y_score is one score
          per row (or predict_proba's rows x 2).
        Options (defaults):
          pos_label = nil            the positive label (needed unless y
                                     is {0, 1} or {-1, 1})
          sample_weight = nil        a weight per row
          drop_intermediate = true   drop points on straight segments
        Example: local fpr, tpr = ml.roc_curve(y, m:decision_function(X))
        """
    ) { call throws(LuaError) in
      let truth = try call.labels(1)
      let values = try scores(call, 2)
      let chosen = try options(
        call, 3, known: ["pos_label", "sample_weight", "drop_intermediate"])
      let curve = try run(call) { (warn) throws(NightjarError) in
        try RankingMetrics.rocCurve(
          truth, values, positive: chosen.positive,
          sampleWeight: chosen.sampleWeight,
          dropIntermediate: chosen.flags["drop_intermediate"] ?? true,
          warn: warn)
      }
      try pushCurve(call, curve)
      return 3
    }
    state.define(
      "precision_recall_curve", group: "Metrics",
      help: """
        ml.precision_recall_curve(y_true, y_score [, options])
          -> precision, recall, thresholds
          Precision and recall (vectors) at each threshold, recall
          decreasing to a last point (recall 0, precision 1); thresholds
          ascending, one fewer than the points.
        Options (defaults):
          pos_label = nil             the positive label (needed unless y
                                      is {0, 1} or {-1, 1})
          sample_weight = nil         a weight per row
          drop_intermediate = false   keep only the ends of each run of
                                      equal recall
        Example: local p, r = ml.precision_recall_curve(y, proba:col(2))
        """
    ) { call throws(LuaError) in
      let truth = try call.labels(1)
      let values = try scores(call, 2)
      let chosen = try options(
        call, 3, known: ["pos_label", "sample_weight", "drop_intermediate"])
      let curve = try run(call) { (warn) throws(NightjarError) in
        try RankingMetrics.precisionRecallCurve(
          truth, values, positive: chosen.positive,
          sampleWeight: chosen.sampleWeight,
          dropIntermediate: chosen.flags["drop_intermediate"] ?? false,
          warn: warn)
      }
      try pushCurve(call, curve)
      return 3
    }
  }

  /// Pushes a curve's three vectors. [+3]
  private static func pushCurve(_ call: LuaCall, _ curve: RankingMetrics.Curve)
    throws(LuaError)
  {
    for values in [curve.first, curve.second, curve.thresholds] {
      try call.push(matrix: MatrixBindings.core { try Matrix(vector: values) })
    }
  }

  // MARK: Scores

  private static func registerScores(in state: LuaState) {
    state.define(
      "roc_auc_score", group: "Metrics",
      help: """
        ml.roc_auc_score(y_true, y_score [, options]) -> number
          The area under the ROC curve: 1 ranks every positive first, 0.5
          is chance. Binary y: one score per row for the larger label (or
          predict_proba's rows x 2). More classes: rows x classes
          probabilities and multi_class. One class in y_true gives NaN
          and a warning.
        Options (defaults):
          multi_class = nil      "ovr" (each class against the rest) or
                                 "ovo" (each pair), for 3+ classes
          average = "macro"      or "weighted", or "micro" (ovr only)
          sample_weight = nil    a weight per row (not with "ovo")
        Example: print(ml.roc_auc_score(y, m:predict_proba(X)))
        """
    ) { call throws(LuaError) in
      let truth = try call.labels(1)
      let values = try scores(call, 2)
      let chosen = try options(
        call, 3, known: ["multi_class", "average", "sample_weight"])
      call.push(try run(call) { (warn) throws(NightjarError) in
        try RankingMetrics.rocAUC(
          truth, values, multiClass: chosen.multiClass,
          average: chosen.average, sampleWeight: chosen.sampleWeight,
          warn: warn)
      })
      return 1
    }
    state.define(
      "average_precision_score", group: "Metrics",
      help: """
        ml.average_precision_score(y_true, y_score [, options]) -> number
          The precision-recall curve summarised as sum (R_n - R_n-1) P_n
          (no interpolation). More classes: rows x classes scores, each
          class against the rest, averaged.
        Options (defaults):
          pos_label = 1          the positive label of binary y
          average = "macro"      or "weighted" or "micro", 3+ classes
          sample_weight = nil    a weight per row
        Example: print(ml.average_precision_score(y, m:decision_function(X)))
        """
    ) { call throws(LuaError) in
      let truth = try call.labels(1)
      let values = try scores(call, 2)
      let chosen = try options(
        call, 3, known: ["pos_label", "average", "sample_weight"])
      call.push(try run(call) { (warn) throws(NightjarError) in
        try RankingMetrics.averagePrecision(
          truth, values, positive: chosen.positive, average: chosen.average,
          sampleWeight: chosen.sampleWeight, warn: warn)
      })
      return 1
    }
    state.define(
      "log_loss", group: "Metrics",
      help: """
        ml.log_loss(y_true, y_prob [, options]) -> number
          Cross-entropy: the mean of -log(p of the true class), p clipped
          to [eps, 1 - eps] (eps = 2.2e-16) as scikit-learn does. y_prob:
          rows x classes (columns in sorted label order, as predict_proba)
          or the positive class's probabilities.
        Options (defaults):
          labels = nil           every class, when y_true lacks some
          normalize = true       false: the sum instead of the mean
          sample_weight = nil    a weight per row
        Example: print(ml.log_loss(y, m:predict_proba(X)))
        """
    ) { call throws(LuaError) in
      let truth = try call.labels(1)
      let values = try scores(call, 2)
      let chosen = try options(
        call, 3, known: ["labels", "normalize", "sample_weight"])
      call.push(try run(call) { (warn) throws(NightjarError) in
        try ProbabilityMetrics.logLoss(
          truth, values, labels: chosen.labels,
          normalize: chosen.flags["normalize"] ?? true,
          sampleWeight: chosen.sampleWeight, warn: warn)
      })
      return 1
    }
    state.define(
      "brier_score_loss", group: "Metrics",
      help: """
        ml.brier_score_loss(y_true, y_prob [, options]) -> number
          The mean squared difference between probabilities and the
          one-hot truth, halved for two classes (the classic mean of
          (y - p)^2). y_prob: the positive class's probabilities or rows x
          classes.
        Options (defaults):
          pos_label = nil        the positive label of a vector y_prob
                                 (nil: 1 for {0, 1}, else the larger)
          labels = nil           every class, when y_true lacks some
          sample_weight = nil    a weight per row
          scale_by_half = nil    true or false; nil halves for 2 classes
        Example: print(ml.brier_score_loss(y, m:predict_proba(X):col(2)))
        """
    ) { call throws(LuaError) in
      let truth = try call.labels(1)
      let values = try scores(call, 2)
      let chosen = try options(
        call, 3,
        known: ["pos_label", "labels", "sample_weight", "scale_by_half"])
      call.push(try run(call) { (warn) throws(NightjarError) in
        try ProbabilityMetrics.brierScore(
          truth, values, positive: chosen.positive, labels: chosen.labels,
          sampleWeight: chosen.sampleWeight,
          scaleByHalf: chosen.flags["scale_by_half"], warn: warn)
      })
      return 1
    }
  }
}
