// Metric warnings as the real binary writes them: on stderr, after what
// was printed before.

import XCTest

final class MetricsCLITests: XCTestCase {
  func test_undefinedAucIsNaNWithAWarningOnStderr() throws {
    let result = try Binary.run([
      "-e",
      "io.write('before\\n'); "
        + "local v = ml.roc_auc_score({1, 1}, {0.2, 0.7}); "
        + "print(v ~= v)",
    ])
    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(result.output, "before\ntrue\n")
    XCTAssertEqual(
      result.error,
      "nightjar: warning: roc_auc_score: only one class is present in "
        + "y_true, so ROC AUC is not defined (NaN)\n")
  }
}
