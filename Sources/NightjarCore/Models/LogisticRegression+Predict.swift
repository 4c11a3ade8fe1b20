// Scores, probabilities and labels from a fitted LogisticRegression.

#if canImport(Glibc)
import Glibc
#endif

extension LogisticRegression {
  private func fitted(_ operation: String) throws(NightjarError)
    -> (Matrix, Labels)
  {
    guard let coefficients, let classes else {
      throw Self.notFitted(operation)
    }
    return (coefficients, classes)
  }

  /// Scores x . w + b: a vector of rows for two classes (the positive
  /// class's score), rows x classes otherwise (`cblas_dgemm`).
  public func decisionFunction(_ x: Matrix) throws(NightjarError) -> Matrix {
    try scores(x, "decision_function")
  }

  /// The scores, with errors naming the method the user called.
  private func scores(_ x: Matrix, _ operation: String)
    throws(NightjarError) -> Matrix
  {
    let (coefficients, _) = try fitted(operation)
    try Validation.columns(x, expected: coefficients.columns, operation)
    let scores = try x.matmul(try coefficients.transpose())
    let outputs = coefficients.rows
    let base = scores.base
    for i in 0..<x.rows {
      for c in 0..<outputs { base[i * outputs + c] += intercepts[c] }
    }
    if outputs == 1 { return try scores.reshape(x.rows) }
    return scores
  }

  /// Class probabilities, rows x classes, columns in the order of
  /// `classes`; each row sums to 1.
  public func predictProbability(_ x: Matrix) throws(NightjarError)
    -> Matrix
  {
    let scores = try scores(x, "predict_proba")
    let (_, classes) = try fitted("predict_proba")
    let k = classes.count
    let result = try Matrix.zeros(x.rows, k)
    let out = result.base
    let z = scores.base
    if k == 2 {
      for i in 0..<x.rows {
        let e = exp(-Swift.abs(z[i]))
        let positive = z[i] >= 0 ? 1 / (1 + e) : e / (1 + e)
        out[2 * i] = 1 - positive
        out[2 * i + 1] = positive
      }
      return result
    }
    for i in 0..<x.rows {
      var largest = -Double.infinity
      for c in 0..<k { largest = Swift.max(largest, z[i * k + c]) }
      var total = 0.0
      for c in 0..<k {
        out[i * k + c] = exp(z[i * k + c] - largest)
        total += out[i * k + c]
      }
      for c in 0..<k { out[i * k + c] /= total }
    }
    return result
  }

  /// The logarithms of `predictProbability`, computed without forming
  /// tiny probabilities first (log-sigmoid and log-softmax).
  public func predictLogProbability(_ x: Matrix) throws(NightjarError)
    -> Matrix
  {
    let scores = try scores(x, "predict_log_proba")
    let (_, classes) = try fitted("predict_log_proba")
    let k = classes.count
    let result = try Matrix.zeros(x.rows, k)
    let out = result.base
    let z = scores.base
    if k == 2 {
      for i in 0..<x.rows {
        // log sigmoid(z) = -log(1 + e^-z); log(1 - sigmoid(z)) likewise.
        out[2 * i + 1] = -(Swift.max(-z[i], 0) + log1p(exp(-Swift.abs(z[i]))))
        out[2 * i] = -(Swift.max(z[i], 0) + log1p(exp(-Swift.abs(z[i]))))
      }
      return result
    }
    for i in 0..<x.rows {
      var largest = -Double.infinity
      for c in 0..<k { largest = Swift.max(largest, z[i * k + c]) }
      var total = 0.0
      for c in 0..<k { total += exp(z[i * k + c] - largest) }
      let logTotal = log(total) + largest
      for c in 0..<k { out[i * k + c] = z[i * k + c] - logTotal }
    }
    return result
  }

  /// The most probable class of each row, as a label value.
  public func predict(_ x: Matrix) throws(NightjarError) -> Labels {
    let scores = try scores(x, "predict")
    let (_, classes) = try fitted("predict")
    let k = classes.count
    let z = scores.base
    var codes = [Int](repeating: 0, count: x.rows)
    if k == 2 {
      for i in 0..<x.rows { codes[i] = z[i] > 0 ? 1 : 0 }
    } else {
      for i in 0..<x.rows {
        var best = 0
        for c in 1..<k where z[i * k + c] > z[i * k + best] { best = c }
        codes[i] = best
      }
    }
    return Labels.decode(codes, classes: classes)
  }

  /// The accuracy of `predict(x)` against y.
  public func score(_ x: Matrix, _ y: Labels) throws(NightjarError)
    -> Double
  {
    try ClassificationMetrics.accuracy(y, try predict(x))
  }
}
