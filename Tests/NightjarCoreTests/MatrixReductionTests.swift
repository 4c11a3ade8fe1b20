// Tests of reductions over all elements and along each axis.

import XCTest

@testable import NightjarCore

final class MatrixReductionTests: XCTestCase {
  /// Checks every reduction of fixture case `index` against NumPy.
  private func checkCase(_ index: Int) throws {
    let r: [Any] = ["reductions", index]
    func at(_ key: String) -> [Any] { r + [key] }
    let a = try Fixture.matrix(path: r + ["input"])
    let tolerance = 1e-11
    func near(_ observed: Double, _ key: String, line: UInt = #line) throws {
      assertClose(
        observed, try Fixture.number(Fixture.value(at(key))),
        tolerance: tolerance, "case \(index) \(key)", line: line)
    }
    func near(_ observed: Matrix, _ key: String, line: UInt = #line) throws {
      XCTAssertTrue(observed.isVector, "case \(index) \(key) is a vector")
      let expected = try Fixture.doubles(path: at(key))
      assertClose(
        observed.toArray(), expected, tolerance: tolerance,
        "case \(index) \(key)", line: line)
    }
    try near(try a.sum(), "sum")
    try near(try a.sum(over: .rows), "sum_axis1")
    try near(try a.sum(over: .columns), "sum_axis2")
    try near(try a.mean(), "mean")
    try near(try a.mean(over: .rows), "mean_axis1")
    try near(try a.mean(over: .columns), "mean_axis2")
    for ddof in [0, 1] {
      try near(try a.variance(ddof: ddof), "var_ddof\(ddof)")
      try near(try a.variance(over: .rows, ddof: ddof), "var_ddof\(ddof)_axis1")
      try near(
        try a.variance(over: .columns, ddof: ddof), "var_ddof\(ddof)_axis2")
      try near(try a.standardDeviation(ddof: ddof), "std_ddof\(ddof)")
      try near(
        try a.standardDeviation(over: .rows, ddof: ddof),
        "std_ddof\(ddof)_axis1")
      try near(
        try a.standardDeviation(over: .columns, ddof: ddof),
        "std_ddof\(ddof)_axis2")
    }
    try near(try a.minimum(), "min")
    try near(try a.maximum(), "max")
    try near(try a.minimum(over: .rows), "min_axis1")
    try near(try a.maximum(over: .columns), "max_axis2")
    try near(Double(try a.argmin()), "argmin")
    try near(Double(try a.argmax()), "argmax")
    try near(try a.argmin(over: .rows), "argmin_axis1")
    try near(try a.argmax(over: .columns), "argmax_axis2")
    try near(try a.median(), "median")
    try near(try a.median(over: .rows), "median_axis1")
    try near(try a.median(over: .columns), "median_axis2")
    for q in ["0", "0.1", "0.25", "0.5", "0.9", "1"] {
      let expected = try Fixture.number(Fixture.value(at("quantile") + [q]))
      assertClose(
        try a.quantile(Double(q) ?? .nan), expected, tolerance: tolerance,
        "case \(index) quantile \(q)")
    }
    try near(try a.quantile(0.3, over: .rows), "quantile_axis1_0.3")
    try near(try a.quantile(0.7, over: .columns), "quantile_axis2_0.7")
    try near(try a.cumsum(), "cumsum")
    assertClose(
      try a.cumsum(over: .rows), try Fixture.matrix(path: at("cumsum_axis1")),
      tolerance: tolerance, "case \(index) cumsum_axis1")
    assertClose(
      try a.cumsum(over: .columns),
      try Fixture.matrix(path: at("cumsum_axis2")),
      tolerance: tolerance, "case \(index) cumsum_axis2")
    try near(try a.norm(), "norm_fro")
    try near(try a.norm(.one), "norm_1")
    try near(try a.norm(.infinity), "norm_inf")
    try near(Double(try a.countNonzero()), "count_nonzero")
    try near(try a.countNonzero(over: .rows), "count_nonzero_axis1")
  }

  func test_reductionsMatchNumPyOnEveryFixtureCase() throws {
    let cases = try Fixture.count("reductions")
    XCTAssertEqual(cases, 4)
    for index in 0..<cases { try checkCase(index) }
  }

  func test_vectorReductionsMatchNumPy() throws {
    let v = try Fixture.matrix("vector", "input")
    assertClose(try v.sum(), try Fixture.double("vector", "sum"))
    assertClose(try v.mean(), try Fixture.double("vector", "mean"))
    assertClose(
      try v.variance(ddof: 1), try Fixture.double("vector", "var_ddof1"))
    assertClose(try v.median(), try Fixture.double("vector", "median"))
    assertClose(
      try v.quantile(0.37), try Fixture.double("vector", "quantile_0.37"))
    assertClose(try v.norm(), try Fixture.double("vector", "norm_2"))
    assertClose(try v.norm(.one), try Fixture.double("vector", "norm_1"))
    assertClose(try v.norm(.infinity), try Fixture.double("vector", "norm_inf"))
    XCTAssertEqual(try v.sum(over: .rows).toArray(), [try v.sum()])
    assertThrows(try v.sum(over: .columns), "sum: a vector has only axis 1")
  }

  func test_largeSumsAreAccurateAndIndependentOfChunking() throws {
    // 0.1 cannot be represented exactly; naive left-to-right summation of
    // three million copies drifts by about 1e-7 relative, pairwise by far
    // less.
    let n = 3_000_000
    let tenths = try Matrix.full(n, value: 0.1)
    assertClose(try tenths.sum(), 0.1 * Double(n), tolerance: 1e-13, "sum")
    let tall = try Matrix.full(n / 3, 3, value: 0.1)
    for value in try tall.sum(over: .rows).toArray() {
      assertClose(value, 0.1 * Double(n / 3), tolerance: 1e-12, "column sum")
    }
    let x = try seededMatrix(1500, 700, seed: 8)
    let bySum = try x.sum(over: .rows).sum()
    assertClose(try x.sum(), bySum, tolerance: 1e-10, "total vs columns")
    XCTAssertEqual(try x.sum(), try x.copy().sum(), "same bits every run")
  }

  func test_negativeDdofIsRejected() throws {
    let x = try Matrix(vector: [1, 2, 3])
    assertThrows(
      try x.variance(ddof: -1), "var: ddof must not be negative, got -1")
    assertThrows(
      try x.standardDeviation(over: .rows, ddof: Int.min),
      "std: ddof must not be negative, got -9223372036854775808")
  }

  func test_varianceIsAccurateForALargeMean() throws {
    // Values 1e9 + {1, 2, 3, 4}: a one-pass formula loses every digit.
    let x = try Matrix(4, 1, values: [1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4])
    assertClose(try x.variance(), 1.25, tolerance: 1e-9)
    assertClose(try x.variance(over: .rows).toArray(), [1.25], tolerance: 1e-9)
  }

  func test_emptyAndNaNInputs() throws {
    let empty = try Matrix.zeros(0, 3)
    XCTAssertEqual(try empty.sum(), 0)
    XCTAssertEqual(try empty.sum(over: .rows).toArray(), [0, 0, 0])
    XCTAssertTrue(try empty.mean().isNaN)
    XCTAssertTrue(try empty.median().isNaN)
    XCTAssertTrue(try Matrix(vector: [1]).variance(ddof: 1).isNaN)
    assertThrows(try empty.minimum(), "min: empty input has no minimum")
    assertThrows(
      try empty.maximum(over: .rows), "max: empty input has no maximum")
    assertThrows(try empty.argmin(), "argmin: empty input has no minimum")
    XCTAssertFalse(try empty.any())
    XCTAssertTrue(try empty.all())
    let withNaN = try Matrix(2, 2, values: [1, .nan, 3, 0])
    XCTAssertTrue(try withNaN.sum().isNaN)
    XCTAssertTrue(try withNaN.minimum().isNaN)
    XCTAssertTrue(try withNaN.median().isNaN)
    XCTAssertEqual(try withNaN.argmax(), 1)
    let columnMax = try withNaN.maximum(over: .rows).toArray()
    XCTAssertEqual(columnMax[0], 3)
    XCTAssertTrue(columnMax[1].isNaN)
    XCTAssertEqual(try withNaN.argmin(over: .rows).toArray(), [0, 0])
    XCTAssertEqual(try withNaN.countNonzero(), 3)
    XCTAssertTrue(try withNaN.any())
    XCTAssertFalse(try withNaN.all())
    XCTAssertEqual(try withNaN.all(over: .columns).toArray(), [1, 0])
    XCTAssertEqual(try withNaN.any(over: .rows).toArray(), [1, 1])
    assertThrows(
      try withNaN.quantile(1.5), "quantile: q must be in [0, 1], got 1.5")
    assertThrows(
      try withNaN.quantile(-1, over: .rows),
      "quantile: q must be in [0, 1], got -1")
  }

  func test_wideAndTallMatricesReduceOverRowsCorrectly() throws {
    for (rows, columns) in [(3, 5000), (5000, 3), (1, 1), (1200, 1100)] {
      let x = try seededMatrix(rows, columns, seed: UInt64(rows + columns))
      let sums = try x.sum(over: .rows)
      let minimums = try x.minimum(over: .rows)
      let maximums = try x.argmax(over: .rows)
      for j in stride(from: 0, to: columns, by: max(1, columns / 7)) {
        var total = 0.0
        var least = Double.infinity
        var best = 0
        for i in 0..<rows {
          total += x[i, j]
          least = min(least, x[i, j])
          if x[i, j] > x[best, j] { best = i }
        }
        assertClose(sums[j], total, tolerance: 1e-11, "\(rows)x\(columns) sum")
        XCTAssertEqual(minimums[j], least)
        XCTAssertEqual(maximums[j], Double(best))
      }
    }
  }
}
