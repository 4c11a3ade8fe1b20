// OpenBLAS and LAPACKE, loaded at first use; every BLAS and LAPACK call
// in nightjar goes through this file.

import CBLAS

#if canImport(Glibc)
import Glibc
#endif

/// The BLAS and LAPACK routines nightjar calls, from Debian's OpenBLAS
/// (`libopenblas.so.0`) and LAPACKE (`liblapacke.so.3`), opened with
/// dlopen the first time linear algebra is needed.
///
/// Why not link them: OpenBLAS starts a thread pool and allocates its
/// buffers when it is loaded, about 3 ms, more than the whole start-up
/// of a recipe that never multiplies a matrix. Call `load()` (it throws
/// when a library is missing) before the first routine; the routines
/// below have the C signatures and argument order of cblas.h and
/// lapacke.h, so call sites read like C. Dimensions are `Int32`: callers
/// check that sizes fit (`checkedDimension`).
public enum OpenBLAS {
  public typealias Order = CBLAS_ORDER
  public typealias Transpose = CBLAS_TRANSPOSE
  public typealias Uplo = CBLAS_UPLO
  public typealias Side = CBLAS_SIDE
  public typealias Diagonal = CBLAS_DIAG
  typealias Pointer = UnsafePointer<Double>?
  typealias MutablePointer = UnsafeMutablePointer<Double>?
  typealias IntPointer = UnsafeMutablePointer<Int32>?

  /// The row-major layout constant LAPACKE expects (`LAPACK_ROW_MAJOR`).
  public static let rowMajor: Int32 = 101

  private struct Libraries {
    let blas: UnsafeMutableRawPointer
    let lapacke: UnsafeMutableRawPointer
  }

  /// Opened once, on first use (a Swift static is initialised once,
  /// thread-safely).
  nonisolated(unsafe) private static let libraries: Result<
    Libraries, NightjarError
  > = {
    let flags = RTLD_NOW | RTLD_GLOBAL
    guard let blas = dlopen("libopenblas.so.0", flags) else {
      return .failure(loadError("libopenblas.so.0"))
    }
    guard let lapacke = dlopen("liblapacke.so.3", flags) else {
      return .failure(loadError("liblapacke.so.3"))
    }
    return .success(Libraries(blas: blas, lapacke: lapacke))
  }()

  private static func loadError(_ name: String) -> NightjarError {
    let reason = dlerror().map { String(cString: $0) } ?? "not found"
    return .io(operation: "load", path: name,
               reason: reason + " (install libopenblas0 and liblapacke)")
  }

  /// Opens the libraries if they are not open yet.
  public static func load() throws(NightjarError) {
    if case .failure(let error) = libraries { throw error }
  }

  /// `value` as a BLAS dimension, or an error naming the operation when
  /// it does not fit in 32 bits.
  public static func checkedDimension(_ value: Int, _ operation: String)
    throws(NightjarError) -> Int32
  {
    guard let dimension = Int32(exactly: value) else {
      throw .invalidArgument(
        operation: operation,
        message: "dimension \(value) is too large for BLAS (at most "
          + "\(Int32.max))")
    }
    return dimension
  }

  private static func symbol<Function>(
    _ name: String, in lapacke: Bool = false, as type: Function.Type
  ) -> Function? {
    guard case .success(let open) = libraries,
      let address = dlsym(lapacke ? open.lapacke : open.blas, name)
    else { return nil }
    return unsafeBitCast(address, to: type)
  }

  // MARK: - BLAS (cblas.h)

  private typealias Dgemm = @convention(c) (
    Order, Transpose, Transpose, Int32, Int32, Int32, Double, Pointer,
    Int32, Pointer, Int32, Double, MutablePointer, Int32
  ) -> Void
  nonisolated(unsafe) private static let dgemmFunction = symbol(
    "cblas_dgemm", as: Dgemm.self)

  /// C = alpha op(A) op(B) + beta C (`cblas_dgemm`).
  public static func dgemm(
    _ order: Order, _ transposeA: Transpose, _ transposeB: Transpose,
    _ m: Int32, _ n: Int32, _ k: Int32, _ alpha: Double,
    _ a: UnsafePointer<Double>?, _ lda: Int32,
    _ b: UnsafePointer<Double>?, _ ldb: Int32, _ beta: Double,
    _ c: UnsafeMutablePointer<Double>?, _ ldc: Int32
  ) {
    dgemmFunction?(
      order, transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta,
      c, ldc)
  }

  private typealias Dgemv = @convention(c) (
    Order, Transpose, Int32, Int32, Double, Pointer, Int32, Pointer, Int32,
    Double, MutablePointer, Int32
  ) -> Void
  nonisolated(unsafe) private static let dgemvFunction = symbol(
    "cblas_dgemv", as: Dgemv.self)

  /// y = alpha op(A) x + beta y (`cblas_dgemv`).
  public static func dgemv(
    _ order: Order, _ transpose: Transpose, _ m: Int32, _ n: Int32,
    _ alpha: Double, _ a: UnsafePointer<Double>?, _ lda: Int32,
    _ x: UnsafePointer<Double>?, _ incx: Int32, _ beta: Double,
    _ y: UnsafeMutablePointer<Double>?, _ incy: Int32
  ) {
    dgemvFunction?(order, transpose, m, n, alpha, a, lda, x, incx, beta, y,
                   incy)
  }

  private typealias Ddot = @convention(c) (
    Int32, Pointer, Int32, Pointer, Int32
  ) -> Double
  nonisolated(unsafe) private static let ddotFunction = symbol(
    "cblas_ddot", as: Ddot.self)

  /// The dot product x . y (`cblas_ddot`).
  public static func ddot(
    _ n: Int32, _ x: UnsafePointer<Double>?, _ incx: Int32,
    _ y: UnsafePointer<Double>?, _ incy: Int32
  ) -> Double {
    ddotFunction?(n, x, incx, y, incy) ?? .nan
  }

  private typealias Daxpy = @convention(c) (
    Int32, Double, Pointer, Int32, MutablePointer, Int32
  ) -> Void
  nonisolated(unsafe) private static let daxpyFunction = symbol(
    "cblas_daxpy", as: Daxpy.self)

  /// y += alpha x (`cblas_daxpy`).
  public static func daxpy(
    _ n: Int32, _ alpha: Double, _ x: UnsafePointer<Double>?, _ incx: Int32,
    _ y: UnsafeMutablePointer<Double>?, _ incy: Int32
  ) {
    daxpyFunction?(n, alpha, x, incx, y, incy)
  }

  private typealias Dscal = @convention(c) (
    Int32, Double, MutablePointer, Int32
  ) -> Void
  nonisolated(unsafe) private static let dscalFunction = symbol(
    "cblas_dscal", as: Dscal.self)

  /// x *= alpha (`cblas_dscal`).
  public static func dscal(
    _ n: Int32, _ alpha: Double, _ x: UnsafeMutablePointer<Double>?,
    _ incx: Int32
  ) {
    dscalFunction?(n, alpha, x, incx)
  }

  private typealias Dnrm2 = @convention(c) (Int32, Pointer, Int32) -> Double
  nonisolated(unsafe) private static let dnrm2Function = symbol(
    "cblas_dnrm2", as: Dnrm2.self)

  /// The Euclidean norm of x, without overflow (`cblas_dnrm2`).
  public static func dnrm2(
    _ n: Int32, _ x: UnsafePointer<Double>?, _ incx: Int32
  ) -> Double {
    dnrm2Function?(n, x, incx) ?? .nan
  }

  private typealias Dsyrk = @convention(c) (
    Order, Uplo, Transpose, Int32, Int32, Double, Pointer, Int32, Double,
    MutablePointer, Int32
  ) -> Void
  nonisolated(unsafe) private static let dsyrkFunction = symbol(
    "cblas_dsyrk", as: Dsyrk.self)

  /// C = alpha op(A) op(A)^T + beta C, one triangle (`cblas_dsyrk`).
  public static func dsyrk(
    _ order: Order, _ uplo: Uplo, _ transpose: Transpose, _ n: Int32,
    _ k: Int32, _ alpha: Double, _ a: UnsafePointer<Double>?, _ lda: Int32,
    _ beta: Double, _ c: UnsafeMutablePointer<Double>?, _ ldc: Int32
  ) {
    dsyrkFunction?(order, uplo, transpose, n, k, alpha, a, lda, beta, c, ldc)
  }

  private typealias Threads = @convention(c) (Int32) -> Void
  nonisolated(unsafe) private static let setThreadsFunction = symbol(
    "openblas_set_num_threads", as: Threads.self)

  /// Sets how many threads OpenBLAS uses (`openblas_set_num_threads`).
  public static func setThreadCount(_ count: Int32) {
    setThreadsFunction?(count)
  }

  private typealias ThreadQuery = @convention(c) () -> Int32
  nonisolated(unsafe) private static let getThreadsFunction = symbol(
    "openblas_get_num_threads", as: ThreadQuery.self)

  /// How many threads OpenBLAS uses (1 before the library is opened).
  public static func threadCount() -> Int32 {
    getThreadsFunction?() ?? 1
  }

  // MARK: - LAPACK (lapacke.h), row-major; each returns LAPACK's info

  private typealias Dgesv = @convention(c) (
    Int32, Int32, Int32, MutablePointer, Int32, IntPointer, MutablePointer,
    Int32
  ) -> Int32
  nonisolated(unsafe) private static let dgesvFunction = symbol(
    "LAPACKE_dgesv", in: true, as: Dgesv.self)

  /// Solves A X = B by LU with partial pivoting (`LAPACKE_dgesv`).
  public static func dgesv(
    _ layout: Int32, _ n: Int32, _ nrhs: Int32,
    _ a: UnsafeMutablePointer<Double>?, _ lda: Int32,
    _ pivots: UnsafeMutablePointer<Int32>?,
    _ b: UnsafeMutablePointer<Double>?, _ ldb: Int32
  ) -> Int32 {
    dgesvFunction?(layout, n, nrhs, a, lda, pivots, b, ldb) ?? -1000
  }

  private typealias Dgelsd = @convention(c) (
    Int32, Int32, Int32, Int32, MutablePointer, Int32, MutablePointer,
    Int32, MutablePointer, Double, IntPointer
  ) -> Int32
  nonisolated(unsafe) private static let dgelsdFunction = symbol(
    "LAPACKE_dgelsd", in: true, as: Dgelsd.self)

  /// Minimum-norm least squares by SVD (`LAPACKE_dgelsd`).
  public static func dgelsd(
    _ layout: Int32, _ m: Int32, _ n: Int32, _ nrhs: Int32,
    _ a: UnsafeMutablePointer<Double>?, _ lda: Int32,
    _ b: UnsafeMutablePointer<Double>?, _ ldb: Int32,
    _ s: UnsafeMutablePointer<Double>?, _ rcond: Double,
    _ rank: UnsafeMutablePointer<Int32>?
  ) -> Int32 {
    dgelsdFunction?(layout, m, n, nrhs, a, lda, b, ldb, s, rcond, rank)
      ?? -1000
  }

  private typealias Dgetrf = @convention(c) (
    Int32, Int32, Int32, MutablePointer, Int32, IntPointer
  ) -> Int32
  nonisolated(unsafe) private static let dgetrfFunction = symbol(
    "LAPACKE_dgetrf_work", in: true, as: Dgetrf.self)

  /// LU factorisation with partial pivoting (`LAPACKE_dgetrf_work`: no
  /// NaN scan of the input, which the caller does once).
  public static func dgetrf(
    _ layout: Int32, _ m: Int32, _ n: Int32,
    _ a: UnsafeMutablePointer<Double>?, _ lda: Int32,
    _ pivots: UnsafeMutablePointer<Int32>?
  ) -> Int32 {
    dgetrfFunction?(layout, m, n, a, lda, pivots) ?? -1000
  }

  private typealias Dgetrs = @convention(c) (
    Int32, CChar, Int32, Int32, Pointer, Int32, UnsafePointer<Int32>?,
    MutablePointer, Int32
  ) -> Int32
  nonisolated(unsafe) private static let dgetrsFunction = symbol(
    "LAPACKE_dgetrs_work", in: true, as: Dgetrs.self)

  /// Solves op(A) X = B from dgetrf's factors (`LAPACKE_dgetrs_work`).
  public static func dgetrs(
    _ layout: Int32, _ transpose: CChar, _ n: Int32, _ nrhs: Int32,
    _ a: UnsafePointer<Double>?, _ lda: Int32,
    _ pivots: UnsafePointer<Int32>?,
    _ b: UnsafeMutablePointer<Double>?, _ ldb: Int32
  ) -> Int32 {
    dgetrsFunction?(layout, transpose, n, nrhs, a, lda, pivots, b, ldb)
      ?? -1000
  }

  private typealias Dgetri = @convention(c) (
    Int32, Int32, MutablePointer, Int32, UnsafePointer<Int32>?
  ) -> Int32
  nonisolated(unsafe) private static let dgetriFunction = symbol(
    "LAPACKE_dgetri", in: true, as: Dgetri.self)

  /// The inverse from an LU factorisation (`LAPACKE_dgetri`).
  public static func dgetri(
    _ layout: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Double>?,
    _ lda: Int32, _ pivots: UnsafePointer<Int32>?
  ) -> Int32 {
    dgetriFunction?(layout, n, a, lda, pivots) ?? -1000
  }

  private typealias Dpotrf = @convention(c) (
    Int32, CChar, Int32, MutablePointer, Int32
  ) -> Int32
  nonisolated(unsafe) private static let dpotrfFunction = symbol(
    "LAPACKE_dpotrf_work", in: true, as: Dpotrf.self)

  /// Cholesky factorisation (`LAPACKE_dpotrf_work`); uplo "L" or "U".
  public static func dpotrf(
    _ layout: Int32, _ uplo: CChar, _ n: Int32,
    _ a: UnsafeMutablePointer<Double>?, _ lda: Int32
  ) -> Int32 {
    dpotrfFunction?(layout, uplo, n, a, lda) ?? -1000
  }

  private typealias Dpotrs = @convention(c) (
    Int32, CChar, Int32, Int32, Pointer, Int32, MutablePointer, Int32
  ) -> Int32
  nonisolated(unsafe) private static let dpotrsFunction = symbol(
    "LAPACKE_dpotrs", in: true, as: Dpotrs.self)

  /// Solves with a Cholesky factor (`LAPACKE_dpotrs`).
  public static func dpotrs(
    _ layout: Int32, _ uplo: CChar, _ n: Int32, _ nrhs: Int32,
    _ a: UnsafePointer<Double>?, _ lda: Int32,
    _ b: UnsafeMutablePointer<Double>?, _ ldb: Int32
  ) -> Int32 {
    dpotrsFunction?(layout, uplo, n, nrhs, a, lda, b, ldb) ?? -1000
  }

  private typealias Dgeqrf = @convention(c) (
    Int32, Int32, Int32, MutablePointer, Int32, MutablePointer
  ) -> Int32
  nonisolated(unsafe) private static let dgeqrfFunction = symbol(
    "LAPACKE_dgeqrf", in: true, as: Dgeqrf.self)

  /// QR factorisation by Householder reflections (`LAPACKE_dgeqrf`).
  public static func dgeqrf(
    _ layout: Int32, _ m: Int32, _ n: Int32,
    _ a: UnsafeMutablePointer<Double>?, _ lda: Int32,
    _ tau: UnsafeMutablePointer<Double>?
  ) -> Int32 {
    dgeqrfFunction?(layout, m, n, a, lda, tau) ?? -1000
  }

  private typealias Dorgqr = @convention(c) (
    Int32, Int32, Int32, Int32, MutablePointer, Int32, Pointer
  ) -> Int32
  nonisolated(unsafe) private static let dorgqrFunction = symbol(
    "LAPACKE_dorgqr", in: true, as: Dorgqr.self)

  /// Forms Q from dgeqrf's reflections (`LAPACKE_dorgqr`).
  public static func dorgqr(
    _ layout: Int32, _ m: Int32, _ n: Int32, _ k: Int32,
    _ a: UnsafeMutablePointer<Double>?, _ lda: Int32,
    _ tau: UnsafePointer<Double>?
  ) -> Int32 {
    dorgqrFunction?(layout, m, n, k, a, lda, tau) ?? -1000
  }

  private typealias Dgesdd = @convention(c) (
    Int32, CChar, Int32, Int32, MutablePointer, Int32, MutablePointer,
    MutablePointer, Int32, MutablePointer, Int32
  ) -> Int32
  nonisolated(unsafe) private static let dgesddFunction = symbol(
    "LAPACKE_dgesdd", in: true, as: Dgesdd.self)

  /// Singular value decomposition, divide and conquer
  /// (`LAPACKE_dgesdd`).
  public static func dgesdd(
    _ layout: Int32, _ job: CChar, _ m: Int32, _ n: Int32,
    _ a: UnsafeMutablePointer<Double>?, _ lda: Int32,
    _ s: UnsafeMutablePointer<Double>?,
    _ u: UnsafeMutablePointer<Double>?, _ ldu: Int32,
    _ vt: UnsafeMutablePointer<Double>?, _ ldvt: Int32
  ) -> Int32 {
    dgesddFunction?(layout, job, m, n, a, lda, s, u, ldu, vt, ldvt) ?? -1000
  }

  private typealias Dsyevd = @convention(c) (
    Int32, CChar, CChar, Int32, MutablePointer, Int32, MutablePointer
  ) -> Int32
  nonisolated(unsafe) private static let dsyevdFunction = symbol(
    "LAPACKE_dsyevd", in: true, as: Dsyevd.self)

  /// Eigenvalues (ascending) and vectors of a symmetric matrix
  /// (`LAPACKE_dsyevd`).
  public static func dsyevd(
    _ layout: Int32, _ job: CChar, _ uplo: CChar, _ n: Int32,
    _ a: UnsafeMutablePointer<Double>?, _ lda: Int32,
    _ w: UnsafeMutablePointer<Double>?
  ) -> Int32 {
    dsyevdFunction?(layout, job, uplo, n, a, lda, w) ?? -1000
  }
}
