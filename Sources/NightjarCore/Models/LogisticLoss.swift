// The penalised cross-entropy of a linear classifier and its gradient,
// computed in one pass over the rows.

import Dispatch

#if canImport(Glibc)
import Glibc
#endif

/// The objective scikit-learn's `lbfgs` solver minimises for logistic
/// regression, on a row-major design matrix X (rows x features):
///
///     L(W, b) = (1 / S) sum_i s_i loss_i + l2 / (2 C S) |W|^2
///
/// where s_i are the sample weights (class weights folded in), S their
/// sum and loss_i the cross-entropy of row i. With two classes there is
/// one coefficient row and loss_i = log(1 + e^z) - t_i z for
/// z = x_i . w + b and t_i in {0, 1}; with K > 2 classes, K rows and
/// loss_i = logsumexp(z) - z_{y_i}. The intercept is never penalised.
///
/// Parameters are laid out as the K (or 1) coefficient rows, row-major,
/// then the K (or 1) intercepts when fitted. Rows are processed in
/// blocks of a fixed size, each block's sums kept apart and added in
/// block order, so the result is the same whatever the thread count.
/// Each row is read once: its dot products, then its share of the
/// gradient while it is still in cache (half the memory traffic of a
/// product followed by a transposed product).
struct LogisticLoss {
  let x: UnsafePointer<Double>
  let rows: Int
  let features: Int
  /// The class index of each row, 0 ..< classCount.
  let classIndex: [Int32]
  /// The weight of each row (sample weight times class weight).
  let weights: [Double]
  /// K; 2 means the binary model with one coefficient row.
  let classCount: Int
  let fitIntercept: Bool
  /// The coefficient of the squared L2 norm in the objective, already
  /// divided by the weight sum (1 / (C S) for penalty l2).
  let l2: Double

  /// The sum of the weights, S.
  let weightSum: Double

  /// Coefficient rows: 1 for binary, K otherwise.
  var outputs: Int { classCount == 2 ? 1 : classCount }

  /// The number of parameters.
  var parameterCount: Int { outputs * (features + (fitIntercept ? 1 : 0)) }

  static let blockRows = 2048

  init(
    x: UnsafePointer<Double>, rows: Int, features: Int, classIndex: [Int32],
    weights: [Double], classCount: Int, fitIntercept: Bool, l2: Double
  ) {
    self.x = x
    self.rows = rows
    self.features = features
    self.classIndex = classIndex
    self.weights = weights
    self.classCount = classCount
    self.fitIntercept = fitIntercept
    self.l2 = l2
    var sum = 0.0
    for weight in weights { sum += weight }
    self.weightSum = sum
  }

  /// L at `parameters`, its gradient written to `gradient`.
  func evaluate(
    _ parameters: UnsafePointer<Double>,
    _ gradient: UnsafeMutablePointer<Double>
  ) throws(NightjarError) -> Double {
    try Cancellation.check()
    let count = parameterCount
    let blocks = (rows + Self.blockRows - 1) / Self.blockRows
    let stride = count + 1  // each block: gradient, then its loss
    let partial = UnsafeMutablePointer<Double>.allocate(
      capacity: max(1, blocks * stride))
    defer { partial.deallocate() }
    partial.initialize(repeating: 0, count: max(1, blocks * stride))
    let work = { (block: Int) in
      let first = block * Self.blockRows
      let last = min(self.rows, first + Self.blockRows)
      let sums = partial + block * stride
      if self.outputs == 1 {
        sums[count] = self.binaryBlock(first, last, parameters, sums)
      } else {
        sums[count] = self.multinomialBlock(first, last, parameters, sums)
      }
    }
    if blocks > 1 && rows * features >= 1 << 15 {
      DispatchQueue.concurrentPerform(iterations: blocks, execute: work)
    } else {
      for block in 0..<blocks { work(block) }
    }
    // Add the blocks in order; scale by 1/S; add the penalty.
    for j in 0..<count { gradient[j] = 0 }
    var loss = 0.0
    for block in 0..<blocks {
      let sums = partial + block * stride
      for j in 0..<count { gradient[j] += sums[j] }
      loss += sums[count]
    }
    let scale = weightSum > 0 ? 1 / weightSum : 0
    for j in 0..<count { gradient[j] *= scale }
    loss *= scale
    let penalised = outputs * features
    var squares = 0.0
    for j in 0..<penalised {
      squares += parameters[j] * parameters[j]
      gradient[j] += l2 * parameters[j]
    }
    return loss + 0.5 * l2 * squares
  }

  // Rows first..<last of the binary model: adds the block's unscaled
  // gradient to `sums` and returns its loss. With e = exp(-|z|):
  // log(1 + e^z) = max(z, 0) + log(1 + e), sigmoid(z) = 1/(1+e) for
  // z >= 0 and e/(1+e) otherwise; one exp and one log per row, no
  // overflow. log(1 + e) rather than log1p(e): log is twice as fast, and
  // since e <= 1 its error is below 1.2e-16 absolute per row, far under
  // the solver's tolerances.
  private func binaryBlock(
    _ first: Int, _ last: Int, _ parameters: UnsafePointer<Double>,
    _ sums: UnsafeMutablePointer<Double>
  ) -> Double {
    let p = features
    let intercept = fitIntercept ? parameters[p] : 0
    var loss = 0.0
    var interceptGradient = 0.0
    classIndex.withUnsafeBufferPointer { classes in
      weights.withUnsafeBufferPointer { weight in
        for i in first..<last {
          let row = x + i * p
          let z = LogisticLoss.dot(row, parameters, p) + intercept
          let e = exp(-abs(z))
          let target = Double(classes[i])
          loss += weight[i] * (max(z, 0) + log(1 + e) - target * z)
          let probability = z >= 0 ? 1 / (1 + e) : e / (1 + e)
          let residual = weight[i] * (probability - target)
          for j in 0..<p { sums[j] += residual * row[j] }
          interceptGradient += residual
        }
      }
    }
    if fitIntercept { sums[p] += interceptGradient }
    return loss
  }

  // Rows first..<last of the multinomial model (K rows of coefficients):
  // softmax probabilities from the log-sum-exp shifted by the largest
  // score, so no exp overflows.
  private func multinomialBlock(
    _ first: Int, _ last: Int, _ parameters: UnsafePointer<Double>,
    _ sums: UnsafeMutablePointer<Double>
  ) -> Double {
    let p = features
    let k = classCount
    let intercepts = parameters + k * p
    var scores = [Double](repeating: 0, count: k)
    var loss = 0.0
    classIndex.withUnsafeBufferPointer { classes in
      weights.withUnsafeBufferPointer { weight in
        for i in first..<last {
          let row = x + i * p
          var largest = -Double.infinity
          for c in 0..<k {
            var z = LogisticLoss.dot(row, parameters + c * p, p)
            if fitIntercept { z += intercepts[c] }
            scores[c] = z
            largest = max(largest, z)
          }
          let label = Int(classes[i])
          let labelScore = scores[label]
          var total = 0.0
          for c in 0..<k {
            scores[c] = exp(scores[c] - largest)
            total += scores[c]
          }
          loss += weight[i] * (log(total) + largest - labelScore)
          for c in 0..<k {
            let probability = scores[c] / total
            let residual = weight[i]
              * (probability - (c == label ? 1 : 0))
            let g = sums + c * p
            for j in 0..<p { g[j] += residual * row[j] }
            if fitIntercept { sums[k * p + c] += residual }
          }
        }
      }
    }
    return loss
  }

  /// x . y over n values, with four running sums so the loop pipelines
  /// (the order of additions is fixed, so results repeat exactly).
  @inline(__always)
  static func dot(
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int
  ) -> Double {
    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
    var j = 0
    while j + 4 <= n {
      s0 += a[j] * b[j]
      s1 += a[j + 1] * b[j + 1]
      s2 += a[j + 2] * b[j + 2]
      s3 += a[j + 3] * b[j + 3]
      j += 4
    }
    while j < n {
      s0 += a[j] * b[j]
      j += 1
    }
    return (s0 + s1) + (s2 + s3)
  }
}
