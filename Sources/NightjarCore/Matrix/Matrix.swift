// Matrix: a dense row-major Float64 matrix or vector that owns its buffer.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A dense matrix (rank 2, rows x columns) or vector (rank 1, n elements)
/// of `Double`, stored contiguously in row-major order in a buffer it
/// owns.
///
/// Decisions every caller should know:
/// - No views. Every operation returns a new matrix; slicing copies. The
///   in-place operations are separate methods whose names say so
///   (`addAssign`, `clipAssign`, `fill`, `set(row:column:to:)`); in Lua
///   they are the names ending in `_` (`add_`, `clip_`, `fill_`).
/// - A vector stores `rows == 1` and `columns == n`, reports its shape as
///   `(n)` and in broadcasting acts as a row, like NumPy's 1-D arrays.
///   Shapes are written `3x4` for a matrix and `(4)` for a vector in
///   every message.
/// - Indices: `subscript`, the `offset` arguments and the results of
///   `argmin`, `argmax` and `argsort` count from 0, as Swift does. The
///   methods that take indices a person typed (`get`, `set`, `select`,
///   `Matrix.resolveIndex`) count from 1, accept negative indices from
///   the end and take inclusive ranges, as the Lua API does.
/// - Axes: `Axis.rows` (Lua's axis 1, NumPy's axis 0) collapses the rows
///   and gives one value per column; `Axis.columns` (Lua's axis 2) gives
///   one value per row. Reductions along an axis return vectors.
/// - `release()` frees the buffer at once and leaves an empty 0x0
///   matrix with `isReleased == true`: later use sees an empty matrix
///   and never touches freed memory.
/// - Error messages name the operation as the Lua API spells it (`add`,
///   `matmul`, `solve`), since those are the words a user typed.
///
/// The buffer is 64-byte aligned and counted by `byteCount`, so a host
/// with a garbage collector can report it. A matrix is not safe to
/// mutate from two threads at once; reading from many threads is.
public final class Matrix {
  /// The number of rows; 1 for a vector.
  public private(set) var rows: Int
  /// The number of columns; the length for a vector.
  public private(set) var columns: Int
  /// Whether this is a rank-1 vector rather than a rank-2 matrix.
  public private(set) var isVector: Bool
  /// Whether `release()` has freed the buffer.
  public private(set) var isReleased = false
  /// The first element; `count` elements follow in row-major order.
  /// Points at a shared never-written sentinel when `count` is 0.
  private(set) var base: UnsafeMutablePointer<Double>

  /// Makes a matrix whose elements are not yet written. Every public
  /// constructor and operation goes through here, so the size checks
  /// and the allocation failure are reported in one place.
  init(
    uninitializedRows rows: Int, columns: Int, isVector: Bool = false,
    operation: String
  ) throws(NightjarError) {
    guard rows >= 0, columns >= 0 else {
      throw .invalidArgument(
        operation: operation,
        message: "dimensions must not be negative, got \(rows)x\(columns)")
    }
    let (count, countOverflow) = rows.multipliedReportingOverflow(
      by: columns)
    let (bytes, bytesOverflow) = count.multipliedReportingOverflow(
      by: MemoryLayout<Double>.stride)
    guard !countOverflow, !bytesOverflow else {
      throw .invalidArgument(
        operation: operation,
        message: "\(Matrix.sizeText(rows, columns, isVector)) is too large "
          + "to address")
    }
    self.rows = rows
    self.columns = columns
    self.isVector = isVector
    if count == 0 {
      base = Matrix.emptySentinel
      return
    }
    // Large buffers are aligned to 2 MB and offered transparent huge
    // pages: one page fault per 2 MB instead of per 4 KB, and far fewer
    // TLB misses in BLAS's packing (measured: a 2000x2000 dgemm on two
    // cores runs about twice as fast).
    let huge = bytes >= Matrix.hugePageThreshold
    var raw: UnsafeMutableRawPointer?
    let alignment = huge ? Matrix.hugePageSize : 64
    guard posix_memalign(&raw, alignment, bytes) == 0, let raw else {
      throw .invalidArgument(
        operation: operation,
        message: "cannot allocate \(bytes) bytes for "
          + Matrix.sizeText(rows, columns, isVector))
    }
    #if os(Linux)
      if huge { _ = madvise(raw, bytes, MADV_HUGEPAGE) }
    #endif
    base = raw.bindMemory(to: Double.self, capacity: count)
  }

  /// `a 3x4 matrix` or `a vector of 5 elements`, for size messages.
  static func sizeText(
    _ rows: Int, _ columns: Int, _ isVector: Bool
  ) -> String {
    isVector ? "a vector of \(columns) elements" : "a \(rows)x\(columns) matrix"
  }

  /// Buffers from this size up use huge pages (where the system offers
  /// them on request).
  static let hugePageThreshold = 1 << 22

  /// The huge page size on x86-64 and most ARM64 Linux systems.
  static let hugePageSize = 1 << 21

  /// Makes a vector of `count` elements whose values are not yet written.
  convenience init(
    uninitializedCount count: Int, operation: String
  ) throws(NightjarError) {
    try self.init(
      uninitializedRows: 1, columns: count, isVector: true,
      operation: operation)
  }

  /// Makes an uninitialized matrix of the same shape and rank as `other`.
  convenience init(
    uninitializedLike other: Matrix, operation: String
  ) throws(NightjarError) {
    try self.init(
      uninitializedRows: other.rows, columns: other.columns,
      isVector: other.isVector, operation: operation)
  }

  deinit {
    if base != Matrix.emptySentinel { free(base) }
  }

  /// A never-written, never-freed buffer shared by all empty matrices,
  /// so that `base` is never optional and an empty matrix costs nothing.
  nonisolated(unsafe) static let emptySentinel: UnsafeMutablePointer<Double> =
    .allocate(capacity: 8)

  /// Frees the buffer now instead of when the last reference goes.
  ///
  /// The matrix becomes an empty 0x0 matrix (rank 2) and `isReleased`
  /// becomes true; later operations see an empty matrix, never freed
  /// memory. Releasing twice does nothing.
  public func release() {
    if base != Matrix.emptySentinel { free(base) }
    base = Matrix.emptySentinel
    rows = 0
    columns = 0
    isVector = false
    isReleased = true
  }

  /// Gives this matrix another shape over the same elements, in place;
  /// only for freshly made results that nobody else has seen. The count
  /// must not change.
  func reinterpret(rows: Int, columns: Int, isVector: Bool) {
    precondition(rows * columns == count, "reinterpret must keep the count")
    self.rows = rows
    self.columns = columns
    self.isVector = isVector
  }

  /// The number of elements, rows x columns.
  public var count: Int { rows * columns }

  /// Whether the matrix holds no element.
  public var isEmpty: Bool { rows == 0 || columns == 0 }

  /// 1 for a vector, 2 for a matrix.
  public var rank: Int { isVector ? 1 : 2 }

  /// `[n]` for a vector, `[rows, columns]` for a matrix.
  public var shape: [Int] { isVector ? [columns] : [rows, columns] }

  /// The bytes the element buffer occupies (8 per element), for a host
  /// that tells its garbage collector about memory it cannot see.
  public var byteCount: Int { count * MemoryLayout<Double>.stride }

  /// The shape as messages write it: `3x4` for a matrix, `(4)` for a
  /// vector.
  public var shapeText: String {
    Matrix.shapeText(rows: rows, columns: columns, isVector: isVector)
  }

  /// `a * b` for a dimension, or an error when it overflows `Int`.
  static func product(
    _ a: Int, _ b: Int, _ operation: String
  ) throws(NightjarError) -> Int {
    let (product, overflow) = a.multipliedReportingOverflow(by: b)
    guard !overflow else {
      throw .invalidArgument(
        operation: operation,
        message: "a dimension of \(a) x \(b) is too large to address")
    }
    return product
  }

  static func shapeText(rows: Int, columns: Int, isVector: Bool) -> String {
    isVector ? "(\(columns))" : "\(rows)x\(columns)"
  }

  /// The element at a 0-based row and column (row-major offset
  /// `row * columns + column`). Out-of-range indices are a programming
  /// error and stop the program; use `get(row:column:)` for indices
  /// a person typed.
  public subscript(row: Int, column: Int) -> Double {
    get {
      precondition(
        row >= 0 && row < rows && column >= 0 && column < columns,
        "Matrix subscript [\(row), \(column)] outside \(shapeText)")
      return base[row * columns + column]
    }
    set {
      precondition(
        row >= 0 && row < rows && column >= 0 && column < columns,
        "Matrix subscript [\(row), \(column)] outside \(shapeText)")
      base[row * columns + column] = newValue
    }
  }

  /// The element at a 0-based offset in row-major order (the index of a
  /// vector). Out of range is a programming error and stops the program.
  public subscript(offset: Int) -> Double {
    get {
      precondition(
        offset >= 0 && offset < count,
        "Matrix offset \(offset) outside \(count) elements")
      return base[offset]
    }
    set {
      precondition(
        offset >= 0 && offset < count,
        "Matrix offset \(offset) outside \(count) elements")
      base[offset] = newValue
    }
  }

  /// Calls `body` with the elements in row-major order, read-only.
  public func withUnsafeBufferPointer<Result, Failure: Error>(
    _ body: (UnsafeBufferPointer<Double>) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try body(UnsafeBufferPointer(start: base, count: count))
  }

  /// Calls `body` with the elements in row-major order, writable. The
  /// pointer must not escape `body`.
  public func withUnsafeMutableBufferPointer<Result, Failure: Error>(
    _ body: (UnsafeMutableBufferPointer<Double>) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try body(UnsafeMutableBufferPointer(start: base, count: count))
  }
}
