// L-BFGS, its line search and OWL-QN on problems with known minima.

import XCTest

@testable import NightjarCore

final class OptimizeTests: XCTestCase {
  /// f(x) = sum_i (i + 1) (x_i - 1)^2: minimum 0 at all ones.
  private let quadratic: LBFGS.Objective = { x, g in
    var f = 0.0
    for i in 0..<5 {
      let d = x[i] - 1
      f += Double(i + 1) * d * d
      g[i] = 2 * Double(i + 1) * d
    }
    return f
  }

  /// Rosenbrock's valley in 2 dimensions: minimum 0 at (1, 1).
  private let rosenbrock: LBFGS.Objective = { x, g in
    let a = 1 - x[0]
    let b = x[1] - x[0] * x[0]
    g[0] = -2 * a - 400 * x[0] * b
    g[1] = 200 * b
    return a * a + 100 * b * b
  }

  func test_lbfgsFindsTheMinimumOfAQuadratic() throws {
    var x = [Double](repeating: 0, count: 5)
    var solver = LBFGS()
    solver.gradientTolerance = 1e-10
    let result = try solver.minimize(&x, quadratic)
    XCTAssertTrue(result.converged)
    for value in x { XCTAssertEqual(value, 1, accuracy: 1e-9) }
    XCTAssertEqual(result.history.count, result.iterations + 1)
    XCTAssertEqual(result.history.last ?? .nan, result.objective)
  }

  func test_lbfgsSolvesRosenbrock() throws {
    var x = [-1.2, 1.0]
    var solver = LBFGS()
    solver.gradientTolerance = 1e-8
    solver.maxIterations = 500
    let result = try solver.minimize(&x, rosenbrock)
    XCTAssertEqual(result.stop, .gradientTolerance)
    XCTAssertEqual(x[0], 1, accuracy: 1e-6)
    XCTAssertEqual(x[1], 1, accuracy: 1e-6)
    // the history never goes up: every step decreased the objective
    for (before, after) in zip(result.history, result.history.dropFirst()) {
      XCTAssertLessThanOrEqual(after, before)
    }
  }

  func test_lbfgsReportsAnExhaustedBudget() throws {
    var x = [-1.2, 1.0]
    var solver = LBFGS()
    solver.maxIterations = 3
    let result = try solver.minimize(&x, rosenbrock)
    XCTAssertEqual(result.stop, .maxIterations)
    XCTAssertFalse(result.converged)
    XCTAssertEqual(result.iterations, 3)
  }

  func test_lbfgsStopsWhenInterrupted() {
    var x = [-1.2, 1.0]
    Cancellation.isRequested = { true }
    defer { Cancellation.isRequested = { false } }
    XCTAssertThrowsError(try LBFGS().minimize(&x, rosenbrock)) { error in
      XCTAssertEqual(error as? NightjarError, .interrupted)
    }
  }

  /// 0.5 |x - a|^2 + lambda |x|_1 has the soft-threshold solution
  /// sign(a) max(|a| - lambda, 0), zeros exactly.
  func test_owlqnSoftThresholds() throws {
    let a = [3.0, -0.5, 0.2, -2.0, 0.0]
    let lambda = [1.0, 1.0, 1.0, 0.5, 1.0]
    var x = [Double](repeating: 0.1, count: 5)
    var solver = OWLQN()
    solver.gradientTolerance = 1e-10
    let result = try solver.minimize(&x, l1: lambda) { x, g in
      var f = 0.0
      for i in 0..<5 {
        let d = x[i] - a[i]
        f += 0.5 * d * d
        g[i] = d
      }
      return f
    }
    XCTAssertTrue(result.converged)
    let expected = [2.0, 0.0, 0.0, -1.5, 0.0]
    for (value, want) in zip(x, expected) {
      XCTAssertEqual(value, want, accuracy: 1e-9)
    }
    XCTAssertEqual(x[1], 0)  // exactly zero, not merely small
    XCTAssertEqual(x[2], 0)
  }

  func test_owlqnWithoutPenaltyMatchesLbfgs() throws {
    var x = [Double](repeating: 0, count: 5)
    var solver = OWLQN()
    solver.gradientTolerance = 1e-10
    _ = try solver.minimize(&x, l1: [0, 0, 0, 0, 0], smooth: quadratic)
    for value in x { XCTAssertEqual(value, 1, accuracy: 1e-8) }
  }
}
