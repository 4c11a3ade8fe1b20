// Accuracy, precision, recall, F-scores and the confusion matrix, on
// labels that are values (numbers or strings).

/// scikit-learn's classification metrics, with its argument order
/// (truth first) and its definitions of averages and zero division.
public enum ClassificationMetrics {
  /// How per-class scores are combined.
  public enum Average: String, CaseIterable {
    /// The score of the positive class only (two labels at most).
    case binary
    /// From the total true and false positives over all classes.
    case micro
    /// The unweighted mean over classes.
    case macro
    /// The mean over classes weighted by their true counts.
    case weighted
  }

  /// Both label columns encoded against their sorted union: the codes of
  /// each row and the union itself.
  static func encode(
    _ truth: Labels, _ predicted: Labels, _ operation: String
  ) throws(NightjarError) -> (truth: [Int], predicted: [Int], labels: Labels)
  {
    guard truth.count == predicted.count else {
      throw .shapeMismatch(
        operation: operation,
        message: "y_true has \(truth.count) labels but y_pred has "
          + "\(predicted.count)")
    }
    guard truth.count > 0 else {
      throw .invalidArgument(operation: operation, message: "y_true is empty")
    }
    let union: Labels
    switch (truth, predicted) {
    case (.numbers(let a), .numbers(let b)): union = .numbers(a + b)
    case (.strings(let a), .strings(let b)): union = .strings(a + b)
    default:
      throw .invalidArgument(
        operation: operation,
        message: "y_true holds \(truth.kind) but y_pred holds "
          + "\(predicted.kind)")
    }
    let labels = try union.classes(operation)
    let t = (truth.encode(with: labels) ?? []).map { Int($0) }
    let p = (predicted.encode(with: labels) ?? []).map { Int($0) }
    return (t, p, labels)
  }

  /// The fraction of rows whose prediction equals the truth (weighted by
  /// `sampleWeight` when given).
  public static func accuracy(
    _ truth: Labels, _ predicted: Labels, sampleWeight: [Double]? = nil
  ) throws(NightjarError) -> Double {
    let (t, p, _) = try encode(truth, predicted, "accuracy_score")
    var right = 0.0
    var total = 0.0
    for i in 0..<t.count {
      let w = sampleWeight?[i] ?? 1
      if t[i] == p[i] { right += w }
      total += w
    }
    return total > 0 ? right / total : 0
  }

  /// Counts C[i][j] of rows whose truth is label i and prediction label
  /// j, labels sorted (or as given in `labels`).
  public static func confusionMatrix(
    _ truth: Labels, _ predicted: Labels, labels: Labels? = nil
  ) throws(NightjarError) -> (counts: [[Int]], labels: Labels) {
    var (t, p, found) = try encode(truth, predicted, "confusion_matrix")
    if let labels {
      found = labels
      t = (truth.encode(with: labels) ?? []).map { Int($0) }
      p = (predicted.encode(with: labels) ?? []).map { Int($0) }
    }
    let k = found.count
    var counts = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
    for i in 0..<t.count where t[i] >= 0 && p[i] >= 0 {
      counts[t[i]][p[i]] += 1
    }
    return (counts, found)
  }

  /// What `precisionRecallF` returns: the three scores (per class when
  /// `average` is nil) and the support of each class.
  public struct Scores {
    public var precision: [Double]
    public var recall: [Double]
    public var f: [Double]
    public var support: [Int]
    public var labels: Labels
  }

  /// Precision, recall and F-beta, averaged as asked. `positive` names
  /// the positive label for `.binary` (default: the label 1); a ratio
  /// whose denominator is 0 is `zeroDivision` (scikit-learn's default
  /// "warn" gives 0).
  public static func precisionRecallF(
    _ truth: Labels, _ predicted: Labels, beta: Double = 1,
    average: Average?, positive: String? = nil, zeroDivision: Double = 0,
    operation: String
  ) throws(NightjarError) -> Scores {
    guard beta >= 0 else {
      throw .invalidArgument(
        operation: operation, message: "beta must be at least 0")
    }
    let (t, p, labels) = try encode(truth, predicted, operation)
    let k = labels.count
    var truePositives = [Double](repeating: 0, count: k)
    var predictedCounts = [Double](repeating: 0, count: k)
    var support = [Int](repeating: 0, count: k)
    for i in 0..<t.count {
      support[t[i]] += 1
      predictedCounts[p[i]] += 1
      if t[i] == p[i] { truePositives[t[i]] += 1 }
    }
    var selected = Array(0..<k)
    if average == .binary {
      guard k <= 2 else {
        throw .invalidArgument(
          operation: operation,
          message: "y has \(k) classes but average is 'binary'; choose "
            + "'micro', 'macro' or 'weighted'")
      }
      let wanted = positive ?? "1"
      guard let index = (0..<k).first(where: { labels.text(at: $0) == wanted })
      else {
        let names = (0..<k).map { "'\(labels.text(at: $0))'" }
        throw .invalidArgument(
          operation: operation,
          message: "pos_label '\(wanted)' is not a label (labels: "
            + names.joined(separator: ", ") + "); set pos_label")
      }
      selected = [index]
    }
    func ratio(_ a: Double, _ b: Double) -> Double {
      b > 0 ? a / b : zeroDivision
    }
    func fScore(_ tp: Double, _ predictedCount: Double, _ actual: Double)
      -> Double
    {
      // (1 + b^2) tp / ((1 + b^2) tp + b^2 fn + fp), from the counts.
      let b2 = beta * beta
      let denominator = (1 + b2) * tp + b2 * (actual - tp)
        + (predictedCount - tp)
      return denominator > 0 ? (1 + b2) * tp / denominator : zeroDivision
    }
    if average == .micro {
      var tp = 0.0
      var predictedTotal = 0.0
      var actual = 0.0
      for c in selected {
        tp += truePositives[c]
        predictedTotal += predictedCounts[c]
        actual += Double(support[c])
      }
      return Scores(
        precision: [ratio(tp, predictedTotal)], recall: [ratio(tp, actual)],
        f: [fScore(tp, predictedTotal, actual)],
        support: [Int(actual)], labels: labels)
    }
    var precision: [Double] = []
    var recall: [Double] = []
    var f: [Double] = []
    for c in selected {
      precision.append(ratio(truePositives[c], predictedCounts[c]))
      recall.append(ratio(truePositives[c], Double(support[c])))
      f.append(fScore(truePositives[c], predictedCounts[c],
                      Double(support[c])))
    }
    let chosenSupport = selected.map { support[$0] }
    guard let average, average != .binary else {
      return Scores(precision: precision, recall: recall, f: f,
                    support: chosenSupport, labels: labels)
    }
    func mean(_ values: [Double]) -> Double {
      if average == .weighted {
        let total = Double(chosenSupport.reduce(0, +))
        guard total > 0 else { return zeroDivision }
        var sum = 0.0
        for (value, count) in zip(values, chosenSupport) {
          sum += value * Double(count)
        }
        return sum / total
      }
      return values.reduce(0, +) / Double(Swift.max(1, values.count))
    }
    return Scores(
      precision: [mean(precision)], recall: [mean(recall)], f: [mean(f)],
      support: [chosenSupport.reduce(0, +)], labels: labels)
  }
}
