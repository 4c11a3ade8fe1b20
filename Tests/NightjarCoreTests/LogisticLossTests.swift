// The logistic objective: its gradient against finite differences, and
// the same value whatever the number of threads.

import XCTest

@testable import NightjarCore

final class LogisticLossTests: XCTestCase {
  /// A seeded design of `rows` x `features` and labels of `classes`.
  private func problem(rows: Int, features: Int, classes: Int)
    -> ([Double], [Int32], [Double])
  {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53) * 2 - 1
    }
    let x = (0..<rows * features).map { _ in next() * 3 }
    let labels = (0..<rows).map { _ in
      Int32(min(classes - 1, Int((next() + 1) / 2 * Double(classes))))
    }
    let weights = (0..<rows).map { _ in 0.5 + (next() + 1) / 2 }
    return (x, labels, weights)
  }

  private func checkGradient(classes: Int, intercept: Bool) throws {
    let (x, labels, weights) = problem(rows: 300, features: 4,
                                       classes: classes)
    try x.withUnsafeBufferPointer { buffer in
      let loss = LogisticLoss(
        x: buffer.baseAddress!, rows: 300, features: 4, classIndex: labels,
        weights: weights, classCount: classes, fitIntercept: intercept,
        l2: 0.3)
      let n = loss.parameterCount
      var parameters = (0..<n).map { Double($0 % 5) * 0.1 - 0.2 }
      var gradient = [Double](repeating: 0, count: n)
      _ = try loss.evaluate(parameters, &gradient)
      var scratch = [Double](repeating: 0, count: n)
      for j in 0..<n {
        let h = 1e-6
        parameters[j] += h
        let up = try loss.evaluate(parameters, &scratch)
        parameters[j] -= 2 * h
        let down = try loss.evaluate(parameters, &scratch)
        parameters[j] += h
        XCTAssertEqual(gradient[j], (up - down) / (2 * h), accuracy: 1e-7,
                       "parameter \(j)")
      }
    }
  }

  func test_binaryGradientMatchesFiniteDifferences() throws {
    try checkGradient(classes: 2, intercept: true)
    try checkGradient(classes: 2, intercept: false)
  }

  func test_multinomialGradientMatchesFiniteDifferences() throws {
    try checkGradient(classes: 3, intercept: true)
    try checkGradient(classes: 4, intercept: false)
  }

  func test_binaryLossAtZeroIsLogTwo() throws {
    let (x, labels, weights) = problem(rows: 50, features: 3, classes: 2)
    let value = try x.withUnsafeBufferPointer { buffer in
      let loss = LogisticLoss(
        x: buffer.baseAddress!, rows: 50, features: 3, classIndex: labels,
        weights: weights, classCount: 2, fitIntercept: true, l2: 1)
      var gradient = [Double](repeating: 0, count: 4)
      return try loss.evaluate([0, 0, 0, 0], &gradient)
    }
    XCTAssertEqual(value, log(2.0), accuracy: 1e-15)
  }

  func test_resultDoesNotDependOnBlocking() throws {
    // Many blocks (run in parallel) against the sum computed row by row.
    let rows = 3 * LogisticLoss.blockRows + 17
    let (x, labels, weights) = problem(rows: rows, features: 16,
                                       classes: 2)
    try x.withUnsafeBufferPointer { buffer in
      let loss = LogisticLoss(
        x: buffer.baseAddress!, rows: rows, features: 16,
        classIndex: labels, weights: weights, classCount: 2,
        fitIntercept: true, l2: 0)
      let parameters = (0..<17).map { Double($0) * 0.01 }
      var gradient = [Double](repeating: 0, count: 17)
      let first = try loss.evaluate(parameters, &gradient)
      for _ in 0..<5 {
        var again = [Double](repeating: 0, count: 17)
        XCTAssertEqual(try loss.evaluate(parameters, &again), first)
        XCTAssertEqual(again, gradient)
      }
    }
  }
}
