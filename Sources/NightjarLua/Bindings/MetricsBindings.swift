// ml.accuracy_score, precision/recall/F, confusion_matrix and the other
// metrics, with scikit-learn's names and argument order.

import CLua
import NightjarCore

/// Binds the metrics; translation only.
enum MetricsBindings {
  static func register(in state: LuaState) {
    state.define(
      "accuracy_score", group: "Metrics",
      help: """
        ml.accuracy_score(y_true, y_pred [, {sample_weight = w}]) -> number
          The fraction of rows predicted right. Labels: vectors or tables
          of numbers or strings.
        """
    ) { call throws(LuaError) in
      let truth = try call.labels(1)
      let predicted = try call.labels(2)
      _ = try call.options(3, known: ["sample_weight"],
                           tables: ["sample_weight"])
      var weights: [Double]?
      if call.type(3) == LUA_TTABLE {
        let kind = call.rawField(3, "sample_weight")  // [+1]
        defer { call.pop() }  // [-1]
        if kind != LUA_TNIL { weights = try call.numbers(-1).toArray() }
      }
      call.push(
        try MatrixBindings.core {
          try ClassificationMetrics.accuracy(
            truth, predicted, sampleWeight: weights)
        })
      return 1
    }
    for (name, metric) in [
      ("precision_score", "precision"), ("recall_score", "recall"),
      ("f1_score", "f1"), ("fbeta_score", "fbeta"),
    ] {
      state.define(
        name, group: "Metrics",
        help: """
          ml.\(name)(y_true, y_pred [, options]) -> number (or Matrix)
            \(metric == "fbeta" ? "F-beta" : metric) of the predictions.
          Options (defaults):
            average = "binary"   "binary", "micro", "macro", "weighted",
                                 or "none" for one value per class
            pos_label = 1        the positive label of "binary"
            zero_division = 0    the value of a ratio with no denominator\
          \(metric == "fbeta" ? "\n    beta = 1             recall's weight" : "")
          Example: ml.\(name)(y, p, {average = "macro"})
          """
      ) { call throws(LuaError) in
        let truth = try call.labels(1)
        let predicted = try call.labels(2)
        let values = try call.options(
          3, known: ["average", "pos_label", "zero_division", "beta"])
        let averageName = values["average"].map { value -> String in
          if case .string(let text) = value { return text }
          return "?"
        } ?? "binary"
        let average: ClassificationMetrics.Average?
        if averageName == "none" {
          average = nil
        } else if let known = ClassificationMetrics.Average(
          rawValue: averageName)
        {
          average = known
        } else {
          throw call.argumentError(
            3, "invalid option '\(averageName)' for 'average'")
        }
        var positive: String?
        switch values["pos_label"] {
        case .number(let value): positive = Labels.numbers([value]).text(at: 0)
        case .string(let text): positive = text
        default: positive = nil
        }
        var zeroDivision = 0.0
        if case .number(let value) = values["zero_division"] {
          zeroDivision = value
        }
        var beta = 1.0
        if case .number(let value) = values["beta"] { beta = value }
        let scores = try MatrixBindings.core {
          try ClassificationMetrics.precisionRecallF(
            truth, predicted, beta: beta, average: average,
            positive: positive, zeroDivision: zeroDivision, operation: name)
        }
        let chosen: [Double]
        switch metric {
        case "precision": chosen = scores.precision
        case "recall": chosen = scores.recall
        default: chosen = scores.f
        }
        if average == nil {
          try call.push(matrix: MatrixBindings.core {
            try Matrix(vector: chosen)
          })
        } else {
          call.push(chosen.first ?? .nan)
        }
        return 1
      }
    }
    state.define(
      "confusion_matrix", group: "Metrics",
      help: """
        ml.confusion_matrix(y_true, y_pred) -> Matrix, labels
          Counts C[i][j] of rows of true label i predicted as j (labels
          sorted; returned second).
        """
    ) { call throws(LuaError) in
      let truth = try call.labels(1)
      let predicted = try call.labels(2)
      let (counts, labels) = try MatrixBindings.core {
        try ClassificationMetrics.confusionMatrix(truth, predicted)
      }
      try call.push(matrix: MatrixBindings.core {
        try Matrix(rowValues: counts.map { $0.map(Double.init) })
      })
      try call.push(labels: labels)
      return 2
    }
    registerRanking(in: state)
  }
}

extension LuaCall {
  /// A numeric vector from a Matrix or a Lua sequence of numbers.
  func numbers(_ index: Int32) throws(LuaError) -> Matrix {
    if let matrix = optionalObject(Matrix.self, index) { return matrix }
    guard case .numbers(let values) = try labels(index) else {
      throw argumentError(index, "numbers expected, got strings")
    }
    return try MatrixBindings.core { try Matrix(vector: values) }
  }
}
