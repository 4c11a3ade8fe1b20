// ROC AUC, the curves, average precision, log loss, the Brier score and
// classification_report against scikit-learn (Fixtures/metrics.json,
// written by scripts/fixtures/metrics_fixtures.py), and their messages.

import Foundation
import XCTest

@testable import NightjarCore

/// The cases of Fixtures/metrics.json.
private enum MetricsFixture {
  static let root: [String: JSONValue] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/metrics.json")
    guard let data = try? Data(contentsOf: url),
      case .object(let root)? = try? JSONDecoder().decode(
        JSONValue.self, from: data)
    else { return [:] }
    return root
  }()

  static func list(_ key: String) -> [[String: JSONValue]] {
    guard case .array(let items)? = root[key] else { return [] }
    return items.compactMap {
      if case .object(let item) = $0 { return item }
      return nil
    }
  }

  static func labels(_ value: JSONValue?) throws -> Labels {
    guard case .array(let items)? = value else {
      throw Fixture.FixtureError.malformed
    }
    if case .string = items.first {
      return .strings(items.map {
        if case .string(let text) = $0 { return text }
        return ""
      })
    }
    return .numbers(try items.map(Fixture.number))
  }

  static func numbers(_ value: JSONValue?) throws -> [Double] {
    guard let value else { throw Fixture.FixtureError.missing }
    return try Fixture.list(value).map(Fixture.number)
  }

  static func scores(_ item: [String: JSONValue]) throws -> Matrix {
    if case .object(let table)? = item["y_score_matrix"] {
      let shape = try numbers(table["shape"]).map { Int($0) }
      return try Matrix(shape[0], shape[1], values: try numbers(table["data"]))
    }
    return try Matrix(vector: try numbers(item["y_score"]))
  }

  static func text(_ value: JSONValue?) -> String? {
    switch value {
    case .string(let text)?: return text
    case .number(let number)?: return Labels.format(number)
    default: return nil
    }
  }
}

final class RankingMetricsTests: XCTestCase {
  func test_everyCaseAgreesWithScikitLearn() throws {
    let cases = MetricsFixture.list("cases")
    XCTAssertEqual(cases.count, 50)
    for (index, item) in cases.enumerated() {
      guard case .string(let metric)? = item["metric"],
        case .object(let options)? = item["options"]
      else { throw Fixture.FixtureError.malformed }
      let what = "case \(index) \(metric) \(options)"
      let truth = try MetricsFixture.labels(item["y_true"])
      let scores = try MetricsFixture.scores(item)
      let weights = try item["sample_weight"].map {
        try MetricsFixture.numbers($0)
      }
      let positive = MetricsFixture.text(options["pos_label"])
      let average = MetricsFixture.text(options["average"]).flatMap {
        ClassificationMetrics.Average(rawValue: $0)
      } ?? .macro
      var drop = true
      if case .bool(let flag)? = options["drop_intermediate"] { drop = flag }
      switch metric {
      case "roc_auc_score":
        let multi = MetricsFixture.text(options["multi_class"]).flatMap {
          RankingMetrics.MultiClass(rawValue: $0)
        }
        let value = try RankingMetrics.rocAUC(
          truth, scores, multiClass: multi, average: average,
          sampleWeight: weights)
        assertClose(value, try Fixture.number(item["expected"] ?? .null),
                    tolerance: 1e-12, what)
      case "average_precision_score":
        let value = try RankingMetrics.averagePrecision(
          truth, scores, positive: positive, average: average,
          sampleWeight: weights)
        assertClose(value, try Fixture.number(item["expected"] ?? .null),
                    tolerance: 1e-12, what)
      case "roc_curve", "precision_recall_curve":
        guard case .object(let expected)? = item["expected"] else {
          throw Fixture.FixtureError.malformed
        }
        let curve = metric == "roc_curve"
          ? try RankingMetrics.rocCurve(
            truth, scores, positive: positive, sampleWeight: weights,
            dropIntermediate: drop)
          : try RankingMetrics.precisionRecallCurve(
            truth, scores, positive: positive, sampleWeight: weights,
            dropIntermediate: drop)
        assertClose(curve.first, try MetricsFixture.numbers(expected["first"]),
                    tolerance: 1e-12, what + " first")
        assertClose(
          curve.second, try MetricsFixture.numbers(expected["second"]),
          tolerance: 1e-12, what + " second")
        assertClose(
          curve.thresholds,
          try MetricsFixture.numbers(expected["thresholds"]),
          tolerance: 1e-12, what + " thresholds")
      case "log_loss":
        var normalize = true
        if case .bool(let flag)? = options["normalize"] { normalize = flag }
        let labels = try options["labels"].map { try MetricsFixture.labels($0) }
        let value = try ProbabilityMetrics.logLoss(
          truth, scores, labels: labels, normalize: normalize,
          sampleWeight: weights)
        assertClose(value, try Fixture.number(item["expected"] ?? .null),
                    tolerance: 1e-12, what)
      case "brier_score_loss":
        let value = try ProbabilityMetrics.brierScore(
          truth, scores, positive: positive, sampleWeight: weights)
        assertClose(value, try Fixture.number(item["expected"] ?? .null),
                    tolerance: 1e-12, what)
      default:
        XCTFail("unknown metric \(metric)")
      }
    }
  }

  func test_classificationReportMatchesScikitLearnsTextAndNumbers() throws {
    let reports = MetricsFixture.list("reports")
    XCTAssertEqual(reports.count, 6)
    for item in reports {
      guard case .object(let options)? = item["options"],
        case .string(let text)? = item["text"],
        case .object(let table)? = item["dict"]
      else { throw Fixture.FixtureError.malformed }
      let names = try options["target_names"].map { value -> [String] in
        try Fixture.list(value).map {
          guard case .string(let name) = $0 else {
            throw Fixture.FixtureError.malformed
          }
          return name
        }
      }
      var zero = 0.0
      if case .number(let value)? = options["zero_division"] { zero = value }
      var digits = 2
      if case .number(let value)? = options["digits"] { digits = Int(value) }
      let report = try ClassificationReport(
        try MetricsFixture.labels(item["y_true"]),
        try MetricsFixture.labels(item["y_pred"]), targetNames: names,
        zeroDivision: zero)
      XCTAssertEqual(report.text(digits: digits), text)
      for row in report.classes + report.averages {
        guard case .object(let expected)? = table[row.name] else {
          XCTFail("no row \(row.name)")
          continue
        }
        func value(_ key: String) throws -> Double {
          try Fixture.number(expected[key] ?? .null)
        }
        assertClose(row.precision, try value("precision"), row.name)
        assertClose(row.recall, try value("recall"), row.name)
        assertClose(row.f1, try value("f1-score"), row.name)
        XCTAssertEqual(Double(row.support), try value("support"))
      }
      assertClose(report.accuracy, try Fixture.number(table["accuracy"] ?? .null))
    }
  }

  func test_undefinedValuesWarnAsScikitLearnDoes() throws {
    var warnings: [String] = []
    let value = try RankingMetrics.rocAUC(
      .numbers([1, 1, 1]), try Matrix(vector: [0.1, 0.5, 0.2]),
      warn: { warnings.append($0) })
    XCTAssertTrue(value.isNaN)
    XCTAssertEqual(
      warnings,
      ["roc_auc_score: only one class is present in y_true, so ROC AUC is "
        + "not defined (NaN)"])
    warnings = []
    let curve = try RankingMetrics.rocCurve(
      .numbers([0, 0]), try Matrix(vector: [0.1, 0.5]),
      warn: { warnings.append($0) })
    XCTAssertTrue(curve.second.allSatisfy(\.isNaN))
    XCTAssertEqual(
      warnings,
      ["roc_curve: no positive samples in y_true, so the true positive rate "
        + "is undefined (NaN)"])
    warnings = []
    _ = try ProbabilityMetrics.logLoss(
      .numbers([0, 1]), try Matrix(2, 2, values: [0.5, 0.6, 0.1, 0.9]),
      warn: { warnings.append($0) })
    XCTAssertEqual(
      warnings,
      ["log_loss: the rows of y_prob do not sum to 1; pass probabilities"])
  }

  func test_predictProbaColumnsWorkForBinaryScores() throws {
    let y = Labels.strings(["no", "yes", "yes", "no", "yes"])
    let p = try Matrix(vector: [0.2, 0.7, 0.4, 0.5, 0.9])
    let both = try Matrix(5, 2, values: p.toArray().flatMap { [1 - $0, $0] })
    XCTAssertEqual(
      try RankingMetrics.rocAUC(y, both), try RankingMetrics.rocAUC(y, p))
    XCTAssertEqual(
      try RankingMetrics.averagePrecision(y, both, positive: "no"),
      try RankingMetrics.averagePrecision(
        y, try Matrix(vector: both.toArray().enumerated().filter {
          $0.offset % 2 == 0
        }.map(\.element)), positive: "no"))
  }

  func test_messagesNameWhatIsWrong() throws {
    let y = Labels.numbers([0, 1, 2, 1])
    let p3 = try Matrix(4, 3, values: [
      0.2, 0.3, 0.5, 0.1, 0.8, 0.1, 0.3, 0.3, 0.4, 0.6, 0.2, 0.2,
    ])
    assertThrows(
      try RankingMetrics.rocAUC(y, p3),
      "roc_auc_score: y_true has 3 classes; set multi_class to 'ovr' or "
        + "'ovo'")
    assertThrows(
      try RankingMetrics.rocAUC(
        y, try Matrix(vector: [0.1, 0.2, 0.3, 0.4]), multiClass: .ovr),
      "roc_auc_score: y_true has 3 classes, so y_score must be rows x 3 "
        + "(one column per class), got (4)")
    assertThrows(
      try RankingMetrics.rocAUC(
        y, try Matrix(4, 2, values: [Double](repeating: 0.5, count: 8)),
        multiClass: .ovr),
      "roc_auc_score: y_true has 3 classes but y_score has 2 columns")
    assertThrows(
      try RankingMetrics.rocAUC(
        y, try Matrix(4, 3, values: [Double](repeating: 0.5, count: 12)),
        multiClass: .ovr),
      "roc_auc_score: multiclass ROC AUC needs probabilities: each row of "
        + "y_score must sum to 1 (row 1 sums to 1.5)")
    assertThrows(
      try RankingMetrics.rocAUC(y, p3, multiClass: .ovo, average: .micro),
      "roc_auc_score: average 'micro' is not available with multi_class "
        + "'ovo'")
    assertThrows(
      try RankingMetrics.rocAUC(
        y, p3, multiClass: .ovo, sampleWeight: [1, 1, 1, 1]),
      "roc_auc_score: sample_weight is not supported with multi_class 'ovo'")
    assertThrows(
      try RankingMetrics.rocAUC(.numbers([0, 1]), try Matrix(vector: [1])),
      "roc_auc_score: y_true has 2 labels but y_score has 1 rows")
    assertThrows(
      try RankingMetrics.rocAUC(.numbers([0, 1]),
                                try Matrix(vector: [1, .nan])),
      "roc_auc_score: y_score contains NaN (row 2)")
    assertThrows(
      try RankingMetrics.rocCurve(
        .strings(["a", "b"]), try Matrix(vector: [1, 2])),
      "roc_curve: y_true takes value in {'a', 'b'} and pos_label is not "
        + "specified: either make y_true take value in {0, 1} or {-1, 1} or "
        + "pass pos_label explicitly")
    assertThrows(
      try RankingMetrics.rocCurve(y, try Matrix(vector: [1, 2, 3, 4])),
      "roc_curve: y_true has 3 classes (multiclass format is not "
        + "supported); pass pos_label")
    assertThrows(
      try RankingMetrics.precisionRecallCurve(
        .numbers([0, 1]), try Matrix(vector: [1, 2]),
        sampleWeight: [1, -1]),
      "precision_recall_curve: sample_weight must be finite and >= 0 (row 2 "
        + "is -1)")
    assertThrows(
      try RankingMetrics.averagePrecision(
        .strings(["n", "y"]), try Matrix(vector: [1, 2])),
      "average_precision_score: pos_label '1' is not a label (labels: 'n', "
        + "'y'); set pos_label")
    assertThrows(
      try ProbabilityMetrics.logLoss(
        .numbers([1, 1]), try Matrix(vector: [0.5, 0.7])),
      "log_loss: y_true contains only one label (1); pass every expected "
        + "class label as labels")
    assertThrows(
      try ProbabilityMetrics.logLoss(
        .numbers([0, 1]), try Matrix(vector: [0.5, 1.5])),
      "log_loss: y_prob contains values greater than 1: 1.5")
    assertThrows(
      try ProbabilityMetrics.logLoss(y, p3, labels: .numbers([0, 1, 3])),
      "log_loss: y_true contains '2' (row 3), which is not one of labels")
    assertThrows(
      try ProbabilityMetrics.logLoss(
        y, try Matrix(4, 2, values: [Double](repeating: 0.5, count: 8))),
      "log_loss: y_true has 3 classes but y_prob has 2 columns; pass the "
        + "classes as labels")
    assertThrows(
      try ProbabilityMetrics.brierScore(
        .strings(["a", "b"]), try Matrix(vector: [0.1, 0.2])),
      "brier_score_loss: y_true takes value in {'a', 'b'} and pos_label is "
        + "not specified: either make y_true take value in {0, 1} or {-1, 1} "
        + "or pass pos_label explicitly")
    assertThrows(
      try ProbabilityMetrics.brierScore(
        y, try Matrix(vector: [0.1, 0.2, 0.3, -0.4])),
      "brier_score_loss: y_true has 3 classes but y_prob is a vector; pass "
        + "rows x classes probabilities")
    assertThrows(
      try ClassificationReport(y, y, targetNames: ["a"]),
      "classification_report: there are 3 classes but 1 target_names")
  }
}
