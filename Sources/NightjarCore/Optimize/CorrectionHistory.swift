// The (s, y) pairs of the last steps, and the two-loop recursion.

/// The last `size` correction pairs of a quasi-Newton method: steps
/// s = x+ - x and gradient changes y = g+ - g, oldest first.
struct CorrectionHistory {
  let size: Int
  let dimension: Int
  private(set) var steps: [[Double]] = []
  private(set) var changes: [[Double]] = []
  private(set) var inverseCurvatures: [Double] = []

  init(size: Int, dimension: Int) {
    self.size = max(1, size)
    self.dimension = dimension
  }

  var isEmpty: Bool { steps.isEmpty }

  mutating func clear() {
    steps.removeAll()
    changes.removeAll()
    inverseCurvatures.removeAll()
  }

  /// Remembers a pair unless its curvature s.y is not clearly positive
  /// (L-BFGS-B's rule: skip when s.y <= eps y.y), which keeps the
  /// inverse-Hessian estimate positive definite.
  mutating func add(step: [Double], change: [Double]) {
    let curvature = Vector.dot(step, change)
    guard curvature > Double.ulpOfOne * Vector.dot(change, change) else {
      return
    }
    if steps.count == size {
      steps.removeFirst()
      changes.removeFirst()
      inverseCurvatures.removeFirst()
    }
    steps.append(step)
    changes.append(change)
    inverseCurvatures.append(1 / curvature)
  }

  /// H v for the L-BFGS inverse-Hessian estimate H, by the two-loop
  /// recursion (Nocedal and Wright, algorithm 7.4), with the initial
  /// estimate scaled by s.y / y.y of the newest pair.
  func multiplyInverseHessian(_ vector: [Double]) -> [Double] {
    var q = vector
    guard let newestStep = steps.last, let newestChange = changes.last
    else { return q }
    var alphas = [Double](repeating: 0, count: steps.count)
    for i in stride(from: steps.count - 1, through: 0, by: -1) {
      alphas[i] = inverseCurvatures[i] * Vector.dot(steps[i], q)
      Vector.addScaled(&q, -alphas[i], changes[i])
    }
    let gamma = Vector.dot(newestStep, newestChange)
      / Vector.dot(newestChange, newestChange)
    for j in 0..<q.count { q[j] *= gamma }
    for i in 0..<steps.count {
      let beta = inverseCurvatures[i] * Vector.dot(changes[i], q)
      Vector.addScaled(&q, alphas[i] - beta, steps[i])
    }
    return q
  }
}

/// Small dense vector helpers for the optimisers (n is the number of
/// coefficients, small next to the data: plain loops suffice).
enum Vector {
  static func dot(_ a: [Double], _ b: [Double]) -> Double {
    var sum = 0.0
    for i in 0..<min(a.count, b.count) { sum += a[i] * b[i] }
    return sum
  }

  static func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }

  static func maxAbs(_ a: [Double]) -> Double {
    var largest = 0.0
    for value in a {
      if !(abs(value) <= largest) { largest = abs(value) }  // NaN wins
    }
    return largest
  }

  /// objective(x, gradient) on arrays; NaN for an empty x, which has no
  /// buffer to pass.
  static func evaluate(
    _ objective: LBFGS.Objective, at x: [Double], gradient: inout [Double]
  ) throws(NightjarError) -> Double {
    var value = Double.nan
    var failure: NightjarError?
    x.withUnsafeBufferPointer { point in
      gradient.withUnsafeMutableBufferPointer { output in
        guard let point = point.baseAddress, let output = output.baseAddress
        else { return }
        do throws(NightjarError) {
          value = try objective(point, output)
        } catch {
          failure = error
        }
      }
    }
    if let failure { throw failure }
    return value
  }

  /// a += k b.
  static func addScaled(_ a: inout [Double], _ k: Double, _ b: [Double]) {
    for i in 0..<min(a.count, b.count) { a[i] += k * b[i] }
  }
}
