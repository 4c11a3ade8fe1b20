// classification_report: per-class precision, recall, F1 and support,
// then accuracy and the macro and weighted averages.

/// scikit-learn's `classification_report`, as numbers and as its text
/// table.
///
/// One row per class (sorted labels, or `targetNames` in their place),
/// then the averages: "accuracy" (micro precision, recall and F1 all
/// equal it for single-label problems), "macro avg" and "weighted avg".
/// A ratio with no denominator is `zeroDivision` (scikit-learn's
/// default "warn" gives 0).
public struct ClassificationReport {
  /// One line of the report.
  public struct Row: Equatable {
    public let name: String
    public let precision: Double
    public let recall: Double
    public let f1: Double
    public let support: Int
  }

  /// The classes, in label order.
  public let classes: [Row]
  /// The fraction of rows predicted right.
  public let accuracy: Double
  /// "macro avg" and "weighted avg", in that order.
  public let averages: [Row]

  /// The report of `predicted` against `truth`. Errors as
  /// `ClassificationMetrics.precisionRecallF`, and a `targetNames` list
  /// whose length is not the number of classes.
  public init(
    _ truth: Labels, _ predicted: Labels, targetNames: [String]? = nil,
    zeroDivision: Double = 0
  ) throws(NightjarError) {
    let operation = "classification_report"
    let perClass = try ClassificationMetrics.precisionRecallF(
      truth, predicted, average: nil, zeroDivision: zeroDivision,
      operation: operation)
    let labels = perClass.labels
    if let targetNames, targetNames.count != labels.count {
      throw .invalidArgument(
        operation: operation,
        message: "there are \(labels.count) classes but "
          + "\(targetNames.count) target_names")
    }
    let names = targetNames
      ?? (0..<labels.count).map { labels.text(at: $0) }
    classes = names.indices.map {
      Row(
        name: names[$0], precision: perClass.precision[$0],
        recall: perClass.recall[$0], f1: perClass.f[$0],
        support: perClass.support[$0])
    }
    accuracy = try ClassificationMetrics.accuracy(truth, predicted)
    let total = perClass.support.reduce(0, +)
    var averages: [Row] = []
    for average in [ClassificationMetrics.Average.macro, .weighted] {
      let scores = try ClassificationMetrics.precisionRecallF(
        truth, predicted, average: average, zeroDivision: zeroDivision,
        operation: operation)
      averages.append(
        Row(
          name: average.rawValue + " avg",
          precision: scores.precision.first ?? .nan,
          recall: scores.recall.first ?? .nan, f1: scores.f.first ?? .nan,
          support: total))
    }
    self.averages = averages
  }

  /// The text table scikit-learn prints: names right-aligned to the
  /// longest (at least "weighted avg"), each number in 10 columns with
  /// `digits` decimals, support as a whole number; a blank line after
  /// the header and after the classes.
  public func text(digits: Int = 2) -> String {
    let width = Swift.max(
      classes.map(\.name.count).max() ?? 0, "weighted avg".count, digits)
    func pad(_ text: String, _ size: Int) -> String {
      String(repeating: " ", count: Swift.max(0, size - text.count)) + text
    }
    func number(_ value: Double) -> String {
      " " + pad(CFormat.string(value, "%.\(digits)f"), 9)
    }
    func line(_ row: Row) -> String {
      pad(row.name, width) + " " + number(row.precision)
        + number(row.recall) + number(row.f1)
        + " " + pad(String(row.support), 9) + "\n"
    }
    var out = pad("", width) + " "
    for header in ["precision", "recall", "f1-score", "support"] {
      out += " " + pad(header, 9)
    }
    out += "\n\n"
    for row in classes { out += line(row) }
    out += "\n"
    let total = averages.first?.support ?? 0
    out += pad("accuracy", width) + " " + String(repeating: " ", count: 20)
      + number(accuracy) + " " + pad(String(total), 9) + "\n"
    for row in averages { out += line(row) }
    return out
  }
}
