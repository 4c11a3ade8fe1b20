// The one place NightjarCore calls LAPACKE: each routine wrapped once.

import CBLAS

/// Thin wrappers over the LAPACKE routines Matrix uses. Each returns
/// LAPACK's `info` (0 success, > 0 a numerical condition the caller turns
/// into a message, < 0 a bad argument, which would be a bug here).
///
/// Row-major high-level LAPACKE routines copy the matrix into a
/// column-major buffer whose size they compute in 32-bit arithmetic, so
/// `checkElements` refuses matrices above `Int32.max` elements before
/// calling them. The LU and Cholesky wrappers instead hand the row-major
/// buffer to LAPACK as column-major, i.e. they factor the transpose;
/// callers account for that (see `Matrix+LinearAlgebra.swift`).
enum LAPACK {
  static func character(_ letter: Unicode.Scalar) -> CChar {
    CChar(truncatingIfNeeded: UInt8(ascii: letter))
  }

  /// Refuses a row-major LAPACKE call whose internal copy would overflow
  /// LAPACK's 32-bit element count.
  static func checkElements(
    _ rows: Int, _ columns: Int, _ operation: String
  ) throws(NightjarError) {
    let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
    guard !overflow, count <= Int(Int32.max) else {
      throw .invalidArgument(
        operation: operation,
        message: "a \(rows)x\(columns) matrix exceeds LAPACK's limit of "
          + "\(Int32.max) elements")
    }
  }

  /// LU factorisation with partial pivoting of the n x n column-major
  /// matrix at `a` (`dgetrf`); `pivots` receives n 1-based row swaps.
  static func getrf(
    _ a: UnsafeMutablePointer<Double>, n: Int,
    pivots: UnsafeMutablePointer<Int32>, operation: String
  ) throws(NightjarError) -> Int32 {
    let n32 = try BLAS.dimension(n, operation)
    return OpenBLAS.dgetrf(
      LAPACK_COL_MAJOR, n32, n32, a, Swift.max(1, n32), pivots)
  }

  /// Solves op(A) X = B from `getrf`'s factors of the column-major A
  /// (`dgetrs`); `transposed` picks op(A) = A^T. B is n x nrhs,
  /// column-major.
  static func getrs(
    _ a: UnsafePointer<Double>, n: Int, pivots: [Int32],
    _ b: UnsafeMutablePointer<Double>, nrhs: Int, transposed: Bool,
    operation: String
  ) throws(NightjarError) -> Int32 {
    let n32 = try BLAS.dimension(n, operation)
    let nrhs32 = try BLAS.dimension(nrhs, operation)
    return OpenBLAS.dgetrs(
      LAPACK_COL_MAJOR, character(transposed ? "T" : "N"), n32, nrhs32, a,
      Swift.max(1, n32), pivots, b, Swift.max(1, n32))
  }

  /// The inverse from `getrf`'s factors, in place (`dgetri`).
  static func getri(
    _ a: UnsafeMutablePointer<Double>, n: Int, pivots: [Int32],
    operation: String
  ) throws(NightjarError) -> Int32 {
    let n32 = try BLAS.dimension(n, operation)
    return OpenBLAS.dgetri(
      LAPACK_COL_MAJOR, n32, a, Swift.max(1, n32), pivots)
  }

  /// Cholesky factor U with A = U^T U of the column-major symmetric n x n
  /// A, read from and written to its upper triangle (`dpotrf`, 'U').
  static func potrf(
    _ a: UnsafeMutablePointer<Double>, n: Int, operation: String
  ) throws(NightjarError) -> Int32 {
    let n32 = try BLAS.dimension(n, operation)
    return OpenBLAS.dpotrf(
      LAPACK_COL_MAJOR, character("U"), n32, a, Swift.max(1, n32))
  }

  /// Householder QR of the row-major m x n A (`dgeqrf`): R above the
  /// diagonal, reflectors below, k = min(m, n) scalars in `tau`.
  static func geqrf(
    _ a: UnsafeMutablePointer<Double>, m: Int, n: Int,
    tau: UnsafeMutablePointer<Double>, operation: String
  ) throws(NightjarError) -> Int32 {
    try checkElements(m, n, operation)
    let m32 = try BLAS.dimension(m, operation)
    let n32 = try BLAS.dimension(n, operation)
    return OpenBLAS.dgeqrf(
      LAPACK_ROW_MAJOR, m32, n32, a, Swift.max(1, n32), tau)
  }

  /// The first `columns` columns of Q from `geqrf`'s reflectors, in the
  /// row-major buffer of leading dimension `leading` (`dorgqr`).
  static func orgqr(
    _ a: UnsafeMutablePointer<Double>, m: Int, columns: Int, reflectors: Int,
    leading: Int, tau: UnsafePointer<Double>, operation: String
  ) throws(NightjarError) -> Int32 {
    try checkElements(m, leading, operation)
    return OpenBLAS.dorgqr(
      LAPACK_ROW_MAJOR, try BLAS.dimension(m, operation),
      try BLAS.dimension(columns, operation),
      try BLAS.dimension(reflectors, operation), a,
      Swift.max(1, try BLAS.dimension(leading, operation)), tau)
  }

  /// The singular value decomposition of the row-major m x n A by divide
  /// and conquer (`dgesdd`). `job` is "A" (U m x m, V^T n x n), "S"
  /// (U m x k, V^T k x n) or "N" (values only; `u` and `vt` unused).
  static func gesdd(
    _ a: UnsafeMutablePointer<Double>, m: Int, n: Int, job: Unicode.Scalar,
    s: UnsafeMutablePointer<Double>, u: UnsafeMutablePointer<Double>,
    uColumns: Int, vt: UnsafeMutablePointer<Double>, vtColumns: Int,
    operation: String
  ) throws(NightjarError) -> Int32 {
    try checkElements(m, n, operation)
    return OpenBLAS.dgesdd(
      LAPACK_ROW_MAJOR, character(job), try BLAS.dimension(m, operation),
      try BLAS.dimension(n, operation), a,
      Swift.max(1, try BLAS.dimension(n, operation)), s, u,
      Swift.max(1, try BLAS.dimension(uColumns, operation)), vt,
      Swift.max(1, try BLAS.dimension(vtColumns, operation)))
  }

  /// Eigenvalues (ascending, into `w`) and eigenvectors (columns of `a`,
  /// overwritten) of the row-major symmetric n x n A read from its lower
  /// triangle (`dsyevd`, 'V', 'L').
  static func syevd(
    _ a: UnsafeMutablePointer<Double>, n: Int,
    w: UnsafeMutablePointer<Double>, operation: String
  ) throws(NightjarError) -> Int32 {
    try checkElements(n, n, operation)
    let n32 = try BLAS.dimension(n, operation)
    return OpenBLAS.dsyevd(
      LAPACK_ROW_MAJOR, character("V"), character("L"), n32, a,
      Swift.max(1, n32), w)
  }

  /// Minimum-norm least squares by SVD (`dgelsd`): row-major A m x n, B
  /// `rows` x nrhs with rows = max(m, n), overwritten by the solution
  /// in its first n rows; singular values into `s`, rank into `rank`.
  static func gelsd(
    _ a: UnsafeMutablePointer<Double>, m: Int, n: Int,
    _ b: UnsafeMutablePointer<Double>, nrhs: Int,
    s: UnsafeMutablePointer<Double>, rcond: Double,
    rank: UnsafeMutablePointer<Int32>, operation: String
  ) throws(NightjarError) -> Int32 {
    try checkElements(m, n, operation)
    try checkElements(Swift.max(m, n), nrhs, operation)
    let n32 = try BLAS.dimension(n, operation)
    let nrhs32 = try BLAS.dimension(nrhs, operation)
    return OpenBLAS.dgelsd(
      LAPACK_ROW_MAJOR, try BLAS.dimension(m, operation), n32, nrhs32, a,
      Swift.max(1, n32), b, Swift.max(1, nrhs32), s, rcond, rank)
  }

  /// Solves A X = B from `potrf`'s factor U of the column-major n x n A
  /// (`dpotrs`, 'U'); B is n x nrhs, column-major, overwritten by X.
  static func potrs(
    _ a: UnsafePointer<Double>, n: Int, _ b: UnsafeMutablePointer<Double>,
    nrhs: Int, operation: String
  ) throws(NightjarError) -> Int32 {
    let n32 = try BLAS.dimension(n, operation)
    let nrhs32 = try BLAS.dimension(nrhs, operation)
    return OpenBLAS.dpotrs(
      LAPACK_COL_MAJOR, character("U"), n32, nrhs32, a, Swift.max(1, n32), b,
      Swift.max(1, n32))
  }
}
