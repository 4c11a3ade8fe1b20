// Linear algebra on LAPACK: solve, lstsq, inv, det, cholesky, qr, svd, eigh.

extension Matrix {
  /// The result of `leastSquares`.
  public struct LeastSquaresSolution {
    /// The minimum-norm x minimising ||A x - b||: a vector (n) when b is
    /// a vector, else n x k.
    public let solution: Matrix
    /// The sum of squared residuals per right-hand side (a vector of k, or
    /// of 1 when b is a vector) when A has full column rank and more rows
    /// than columns; an empty vector otherwise, as in NumPy.
    public let residuals: Matrix
    /// The effective rank of A.
    public let rank: Int
    /// The singular values of A, descending (a vector of min(m, n)).
    public let singularValues: Matrix
  }

  /// Throws `<operation>: matrix must be square, got 3x4` unless square
  /// (a vector is never square).
  func checkSquare(_ operation: String) throws(NightjarError) {
    guard !isVector, rows == columns else {
      throw .invalidArgument(
        operation: operation,
        message: "matrix must be square, got \(shapeText)")
    }
  }

  /// Throws `<operation>: input contains NaN or infinity`: LAPACK's
  /// results are meaningless then, and some routines would not return.
  func checkFinite(_ operation: String) throws(NightjarError) {
    let values = base
    let finite = try Matrix.totalSum(values, count: count, IsFiniteOperation())
    guard Int(finite) == count else {
      throw .invalidArgument(
        operation: operation, message: "input contains NaN or infinity")
    }
  }

  /// Turns a negative LAPACK `info` (an argument LAPACK rejected) into an
  /// error; it signals a bug in this file, never bad user input.
  static func checkArguments(
    _ info: Int32, _ routine: String, _ operation: String
  ) throws(NightjarError) {
    if info < 0 {
      throw .numerical(
        operation: operation,
        message: "LAPACK \(routine) rejected argument \(-info)")
    }
  }

  // MARK: LU: solve, inv, det

  /// A copy of this square matrix factored by LU with partial pivoting,
  /// as LAPACK sees it: the row-major buffer read column-major is the
  /// transpose, so the factors are those of A^T (`dgetrf`). Returns the
  /// factors, the pivots and whether U has an exact zero on its diagonal
  /// (A singular).
  private func factorLU(
    _ operation: String
  ) throws(NightjarError) -> (factors: Matrix, pivots: [Int32], singular: Bool)
  {
    try checkSquare(operation)
    try checkFinite(operation)
    let factors = try copy()
    let n = rows
    let pivotBuffer = UnsafeMutablePointer<Int32>.allocate(
      capacity: Swift.max(1, n))
    defer { pivotBuffer.deallocate() }
    let info = try LAPACK.getrf(
      factors.base, n: n, pivots: pivotBuffer, operation: operation)
    let pivots = Array(UnsafeBufferPointer(start: pivotBuffer, count: n))
    try Matrix.checkArguments(info, "dgetrf", operation)
    return (factors, pivots, info > 0)
  }

  /// The solution x of A x = b for square A (this matrix, n x n) and b a
  /// vector (n) or matrix (n x k); x has b's shape. LU with partial
  /// pivoting (`dgetrf`, then `dgetrs` with the factors of A^T read
  /// transposed). Throws `solve: matrix must be square, got 3x4`,
  /// `solve: shapes 3x3 and (4) do not align`, `solve: matrix is
  /// singular` (an exact zero pivot) or `solve: input contains NaN or
  /// infinity`. An ill-conditioned A gives an inaccurate x, not an error.
  public func solve(_ b: Matrix) throws(NightjarError) -> Matrix {
    try checkSquare("solve")
    let length = b.isVector ? b.columns : b.rows
    guard length == rows else {
      throw .shapeMismatch(
        operation: "solve",
        message: "shapes \(shapeText) and \(b.shapeText) do not align")
    }
    try b.checkFinite("solve")
    if rows == 0 { return try b.copy() }
    let (factors, pivots, singular) = try factorLU("solve")
    if singular {
      throw .numerical(operation: "solve", message: "matrix is singular")
    }
    let columnsOfB = b.isVector ? 1 : b.columns
    // LAPACK wants B column-major: a vector or a single column already
    // is; otherwise solve with the transpose of B and transpose back.
    let work = columnsOfB == 1 ? try b.copy() : try b.transpose()
    let info = try LAPACK.getrs(
      factors.base, n: rows, pivots: pivots, work.base, nrhs: columnsOfB,
      transposed: true, operation: "solve")
    try Matrix.checkArguments(info, "dgetrs", "solve")
    return columnsOfB == 1 ? work : try work.transpose()
  }

  /// The inverse of this square matrix, by LU (`dgetrf` and `dgetri` on
  /// the transpose, whose inverse read back row-major is the inverse of
  /// A). Throws `inv: matrix must be square, got 3x4` or `inv: matrix is
  /// singular`. Prefer `solve` to multiplying by an inverse.
  public func inverse() throws(NightjarError) -> Matrix {
    if rows == 0 && !isVector { return try copy() }
    let (factors, pivots, singular) = try factorLU("inv")
    if singular {
      throw .numerical(operation: "inv", message: "matrix is singular")
    }
    let info = try LAPACK.getri(
      factors.base, n: rows, pivots: pivots, operation: "inv")
    try Matrix.checkArguments(info, "dgetri", "inv")
    if info > 0 {
      throw .numerical(operation: "inv", message: "matrix is singular")
    }
    return factors
  }

  /// The determinant of this square matrix: the product of U's diagonal
  /// from LU (`dgetrf`; det A^T = det A) with the sign of the row swaps.
  /// 0 when a pivot is exactly 0; 1 for a 0x0 matrix. May overflow to an
  /// infinity or underflow to 0 for large matrices, as NumPy's `det`.
  /// Throws `det: matrix must be square, got 3x4`.
  public func determinant() throws(NightjarError) -> Double {
    if rows == 0 && !isVector { return 1 }
    let (factors, pivots, singular) = try factorLU("det")
    if singular { return 0 }
    var product = 1.0
    for i in 0..<rows {
      product *= factors.base[i * rows + i]
      if pivots[i] != Int32(i + 1) { product = -product }
    }
    return product
  }

  // MARK: Cholesky, QR

  /// The lower-triangular L with L L^T = A for a symmetric positive
  /// definite A (this matrix), reading only A's lower triangle as NumPy
  /// does (`dpotrf` with 'U' on the column-major view, which is the same
  /// triangle). Throws `cholesky: matrix must be square, got 3x4` or
  /// `cholesky: matrix is not positive definite`.
  public func cholesky() throws(NightjarError) -> Matrix {
    try checkSquare("cholesky")
    try checkFinite("cholesky")
    let factor = try copy()
    let info = try LAPACK.potrf(factor.base, n: rows, operation: "cholesky")
    try Matrix.checkArguments(info, "dpotrf", "cholesky")
    if info > 0 {
      throw .numerical(
        operation: "cholesky", message: "matrix is not positive definite")
    }
    // LAPACK wrote the factor in the row-major lower triangle and left
    // A's strict upper triangle as it was: clear it.
    for i in 0..<rows {
      for j in (i + 1)..<Swift.max(i + 1, columns) {
        factor.base[i * columns + j] = 0
      }
    }
    return factor
  }

  /// The reduced QR decomposition of this m x n matrix: Q (m x k) with
  /// orthonormal columns and upper-triangular R (k x n), k = min(m, n),
  /// A = Q R (NumPy's default "reduced" mode). Householder reflections
  /// (`dgeqrf`, then `dorgqr` for Q). Signs of Q's columns and R's rows
  /// are LAPACK's. Throws `qr: input contains NaN or infinity`, or for a
  /// vector `qr: expected a matrix, got (3)`.
  public func qr() throws(NightjarError) -> (q: Matrix, r: Matrix) {
    try checkMatrix("qr")
    try checkFinite("qr")
    let m = rows
    let n = columns
    let k = Swift.min(m, n)
    if k == 0 {
      return (try Matrix.zeros(m, 0), try Matrix.zeros(0, n))
    }
    let work = try copy()
    let tau = try Matrix(uninitializedCount: k, operation: "qr")
    let info = try LAPACK.geqrf(
      work.base, m: m, n: n, tau: tau.base,
      operation: "qr")
    try Matrix.checkArguments(info, "dgeqrf", "qr")
    let r = try Matrix.zeros(k, n)
    for i in 0..<k {
      for j in i..<n { r.base[i * n + j] = work.base[i * n + j] }
    }
    let orgqrInfo = try LAPACK.orgqr(
      work.base, m: m, columns: k, reflectors: k, leading: n,
      tau: tau.base, operation: "qr")
    try Matrix.checkArguments(orgqrInfo, "dorgqr", "qr")
    let q = try work.columns(at: Array(0..<k))
    return (q, r)
  }

  /// Throws `<operation>: expected a matrix, got (3)` for a vector.
  func checkMatrix(_ operation: String) throws(NightjarError) {
    if isVector {
      throw .invalidArgument(
        operation: operation, message: "expected a matrix, got \(shapeText)")
    }
  }

  // MARK: SVD, eigh, lstsq

  /// The singular value decomposition A = U diag(s) V^T of this m x n
  /// matrix by divide and conquer (`dgesdd`). Reduced by default (U
  /// m x k, s of k descending, V^T k x n, k = min(m, n)); `full` gives U
  /// m x m and V^T n x n, NumPy's default. Signs of singular vector pairs
  /// are LAPACK's. Throws `svd: did not converge` (rare) or `svd: input
  /// contains NaN or infinity`.
  public func svd(
    full: Bool = false
  ) throws(NightjarError) -> (u: Matrix, s: Matrix, vt: Matrix) {
    try checkMatrix("svd")
    try checkFinite("svd")
    let m = rows
    let n = columns
    let k = Swift.min(m, n)
    let uColumns = full ? m : k
    let vtRows = full ? n : k
    let u = try Matrix.zeros(m, uColumns)
    let s = try Matrix.zeros(k)
    let vt = try Matrix.zeros(vtRows, n)
    if k == 0 {
      if full {
        return (try Matrix.identity(m), s, try Matrix.identity(n))
      }
      return (u, s, vt)
    }
    let work = try copy()
    let info = try LAPACK.gesdd(
      work.base, m: m, n: n, job: full ? "A" : "S", s: s.base, u: u.base,
      uColumns: uColumns, vt: vt.base, vtColumns: n, operation: "svd")
    try Matrix.checkArguments(info, "dgesdd", "svd")
    if info > 0 {
      throw .numerical(operation: "svd", message: "did not converge")
    }
    return (u, s, vt)
  }

  /// The singular values of this matrix, descending, without the vectors
  /// (`dgesdd` with job 'N'); a vector of min(m, n).
  public func singularValues() throws(NightjarError) -> Matrix {
    try checkMatrix("svd")
    try checkFinite("svd")
    let k = Swift.min(rows, columns)
    let s = try Matrix.zeros(k)
    if k == 0 { return s }
    let work = try copy()
    let unused = try Matrix.zeros(1)
    let info = try LAPACK.gesdd(
      work.base, m: rows, n: columns, job: "N", s: s.base, u: unused.base,
      uColumns: 1, vt: unused.base, vtColumns: columns, operation: "svd")
    try Matrix.checkArguments(info, "dgesdd", "svd")
    if info > 0 {
      throw .numerical(operation: "svd", message: "did not converge")
    }
    return s
  }

  /// The eigenvalues (a vector, ascending) and eigenvectors (the columns
  /// of an n x n orthogonal matrix, column i for value i) of this
  /// symmetric matrix, reading only its lower triangle as NumPy's `eigh`
  /// (`dsyevd`, divide and conquer). Symmetry is not checked. Throws
  /// `eigh: matrix must be square, got 3x4` or `eigh: did not converge`.
  public func eigh() throws(NightjarError) -> (values: Matrix, vectors: Matrix)
  {
    try checkSquare("eigh")
    try checkFinite("eigh")
    let values = try Matrix.zeros(rows)
    let vectors = try copy()
    if rows == 0 { return (values, vectors) }
    let info = try LAPACK.syevd(
      vectors.base, n: rows, w: values.base, operation: "eigh")
    try Matrix.checkArguments(info, "dsyevd", "eigh")
    if info > 0 {
      throw .numerical(operation: "eigh", message: "did not converge")
    }
    return (values, vectors)
  }

  /// The least-squares solution of A x = b for this m x n matrix A and b
  /// a vector (m) or matrix (m x k), minimum norm when A is rank
  /// deficient (`dgelsd`, SVD based). Singular values below `rcond`
  /// times the largest are treated as 0; the default is machine epsilon
  /// times max(m, n), NumPy's. Throws `lstsq: shapes 3x2 and (4) do not
  /// align` or `lstsq: SVD did not converge`.
  public func leastSquares(
    _ b: Matrix, rcond: Double? = nil
  ) throws(NightjarError) -> LeastSquaresSolution {
    try checkMatrix("lstsq")
    let m = rows
    let n = columns
    let length = b.isVector ? b.columns : b.rows
    guard length == m else {
      throw .shapeMismatch(
        operation: "lstsq",
        message: "shapes \(shapeText) and \(b.shapeText) do not align")
    }
    try checkFinite("lstsq")
    try b.checkFinite("lstsq")
    let k = b.isVector ? 1 : b.columns
    let height = Swift.max(m, n)
    let rhs = try Matrix.zeros(height, k)
    rhs.base.update(from: b.base, count: m * k)
    let singular = try Matrix.zeros(Swift.min(m, n))
    var rank: Int32 = 0
    if m > 0 && n > 0 && k > 0 {
      let work = try copy()
      let threshold = rcond ?? Double.ulpOfOne * Double(height)
      let info = try LAPACK.gelsd(
        work.base, m: m, n: n, rhs.base, nrhs: k, s: singular.base,
        rcond: threshold, rank: &rank, operation: "lstsq")
      try Matrix.checkArguments(info, "dgelsd", "lstsq")
      if info > 0 {
        throw .numerical(operation: "lstsq", message: "SVD did not converge")
      }
    } else if m > 0 && n > 0 {
      rank = Int32(
        try singularValues().greaterThan(
          Double.ulpOfOne * Double(height)
        ).countNonzero())
    }
    let solution = try rhs.rows(in: 0..<n)
    let shaped = b.isVector ? try solution.reshape(-1) : solution
    var residuals = try Matrix.zeros(0)
    if m > n && Int(rank) == n {
      residuals = try rhs.rows(in: n..<m).power(2).sum(over: .rows)
    }
    return LeastSquaresSolution(
      solution: shaped, residuals: residuals, rank: Int(rank),
      singularValues: singular)
  }
}
