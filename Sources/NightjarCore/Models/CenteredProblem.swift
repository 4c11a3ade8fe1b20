// A least-squares problem with its intercept removed: X and y centred on
// their (weighted) means and rows scaled by the square roots of the
// weights, the form every linear model here solves.

#if canImport(Glibc)
import Glibc
#endif

/// X (rows x features) and y (rows) transformed so that a model without
/// intercept fitted to them is the weighted model with intercept:
///
///     x'_ij = sqrt(s_i) (x_ij - m_j),   y'_i = sqrt(s_i) (y_i - c)
///
/// with m and c the means of the columns of X and of y weighted by s.
/// Minimising |y' - X' w|^2 (plus a penalty on w alone) then minimises
/// sum_i s_i (y_i - x_i w - b)^2 with b = c - m . w, the intercept
/// scikit-learn reports; the penalty never touches b. Without an
/// intercept m and c are 0; without weights s_i = 1.
///
/// The design is stored either row by row (`byRows`: rows x features,
/// for LAPACK and BLAS level 3) or feature by feature (`byFeatures`:
/// features x rows, each column of X' contiguous, for coordinate
/// descent), written in one pass over X.
struct CenteredProblem {
  enum Layout { case byRows, byFeatures }

  let rows: Int
  let features: Int
  let layout: Layout
  /// X', in `layout`.
  let design: Matrix
  /// y', a vector of rows.
  let target: Matrix
  /// m, the weighted column means of X (zeros without intercept).
  let featureOffsets: [Double]
  /// c, the weighted mean of y (0 without intercept).
  let targetOffset: Double

  /// Rows of X transposed per block by `byFeatures`: 32 rows of a
  /// thousand features stay in L2 cache while each column is written.
  static let blockRows = 32

  /// Builds X' and y'. Inputs must already be checked (finite, shapes
  /// agree, weights non-negative with a positive sum).
  init(
    x: Matrix, y: Matrix, weights: [Double]?, fitIntercept: Bool,
    layout: Layout, operation: String
  ) throws(NightjarError) {
    let n = x.rows
    let p = x.columns
    rows = n
    features = p
    self.layout = layout
    design = layout == .byRows
      ? try Matrix(uninitializedRows: n, columns: p, operation: operation)
      : try Matrix(uninitializedRows: p, columns: n, operation: operation)
    target = try Matrix(uninitializedCount: n, operation: operation)
    let means = try Matrix.zeros(p)
    let m = means.base
    var yOffset = 0.0
    let source = UnsafePointer(x.base)
    let values = UnsafePointer(y.base)
    // Ones without weights: multiplying by 1 is exact and keeps one
    // loop for both cases.
    let roots = try Matrix.ones(n)
    let r = roots.base
    if let weights {
      for i in 0..<n { r[i] = weights[i].squareRoot() }
    }
    let block = CenteredProblem.blockRows
    // Weighted means as sums of s_i x_ij over the sum of s_i, one
    // sequential pass over the rows (row-major reads).
    if fitIntercept {
      var weightSum = 0.0
      for i in 0..<n {
        if i % (64 * block) == 0 { try Cancellation.check() }
        let s = weights?[i] ?? 1
        let row = source + i * p
        for j in 0..<p { m[j] += s * row[j] }
        yOffset += s * values[i]
        weightSum += s
      }
      for j in 0..<p { m[j] /= weightSum }
      yOffset /= weightSum
    }
    targetOffset = yOffset
    featureOffsets = means.toArray()
    let out = design.base
    let targetOut = target.base
    // y' and X' in one pass; for byFeatures, X is transposed a block of
    // rows at a time so that the rows read stay in cache while the
    // strided writes go to each feature's column.
    for i in 0..<n { targetOut[i] = r[i] * (values[i] - yOffset) }
    var start = 0
    while start < n {
      if start % (64 * block) == 0 { try Cancellation.check() }
      let end = Swift.min(n, start + block)
      switch layout {
      case .byRows:
        for i in start..<end {
          let row = source + i * p
          let result = out + i * p
          for j in 0..<p { result[j] = r[i] * (row[j] - m[j]) }
        }
      case .byFeatures:
        for j in 0..<p {
          let column = out + j * n
          for i in start..<end {
            column[i] = r[i] * (source[i * p + j] - m[j])
          }
        }
      }
      start = end
    }
  }

  /// The intercept c - m . w for coefficients w (0 without intercept,
  /// where m and c are 0).
  func intercept(_ coefficients: UnsafePointer<Double>) -> Double {
    var product = 0.0
    for j in 0..<features { product += featureOffsets[j] * coefficients[j] }
    return targetOffset - product
  }
}
