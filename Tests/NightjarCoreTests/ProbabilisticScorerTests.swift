// The scorers that need probabilities or decision scores, on
// LogisticRegression, a Pipeline and a regressor that has none.

import XCTest

@testable import NightjarCore

final class ProbabilisticScorerTests: XCTestCase {
  /// 60 rows, two features, a noisy linear boundary; labels "no"/"yes".
  func data() throws -> (Matrix, Labels) {
    let x = try seededMatrix(60, 2, seed: 5)
    var generator = RandomGenerator(seed: 6)
    let labels = (0..<60).map { i -> String in
      x[i * 2] + 0.5 * x[i * 2 + 1] + generator.nextNormal() > 0
        ? "yes" : "no"
    }
    return (x, .strings(labels))
  }

  func test_scorersEqualTheMetricOnTheModelsScores() throws {
    let (x, y) = try data()
    let model = LogisticRegression()
    try model.fit(x, y)
    let auc = try Scorer.named("roc_auc", operation: "t")
      .score(model, x, .labels(y))
    XCTAssertEqual(
      auc, try RankingMetrics.rocAUC(y, try model.decisionFunction(x)))
    let precision = try Scorer.named("average_precision", operation: "t")
      .score(model, x, .labels(y))
    XCTAssertEqual(
      precision,
      try RankingMetrics.averagePrecision(
        y, try model.decisionFunction(x), positive: "yes"))
    let loss = try Scorer.named("neg_log_loss", operation: "t")
      .score(model, x, .labels(y))
    XCTAssertEqual(
      loss, -(try ProbabilityMetrics.logLoss(y, try model.predictProbability(x))))
    let pipeline = try Pipeline([
      Pipeline.Step("scale", StandardScaler()),
      Pipeline.Step("clf", LogisticRegression()),
    ])
    let scores = try CrossValidation.run(
      pipeline, x, .labels(y), folds: .count(3),
      scorer: try Scorer.named("roc_auc", operation: "t"), parallel: false)
    XCTAssertEqual(scores.failures, [])
    XCTAssertTrue(scores.meanScores[0] > 0.7, "\(scores.meanScores)")
  }

  func test_multiclassAucNeedsItsOwnName() throws {
    let (x, _) = try data()
    let y = Labels.numbers((0..<60).map { Double($0 % 3) })
    let model = LogisticRegression()
    try model.fit(x, y)
    assertThrows(
      try Scorer.named("roc_auc", operation: "t").score(model, x, .labels(y)),
      "roc_auc: y has more than two classes; use 'roc_auc_ovr' or "
        + "'roc_auc_ovo'")
    let ovr = try Scorer.named("roc_auc_ovr_weighted", operation: "t")
      .score(model, x, .labels(y))
    XCTAssertEqual(
      ovr,
      try RankingMetrics.rocAUC(
        y, try model.predictProbability(x), multiClass: .ovr,
        average: .weighted))
  }

  func test_aRegressorHasNoProbabilities() throws {
    let (x, _) = try data()
    let ridge = Ridge()
    try ridge.fit(x, try Matrix(vector: (0..<60).map(Double.init)))
    assertThrows(
      try Scorer.named("neg_log_loss", operation: "t")
        .score(ridge, x, .labels(.numbers([0]))),
      "neg_log_loss: Ridge gives no probabilities or decision scores")
    XCTAssertTrue(Scorer.names.contains("roc_auc_ovo"))
  }
}
