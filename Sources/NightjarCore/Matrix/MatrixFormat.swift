// MatrixFormat: how much of a matrix `summary` prints, and how precisely.

/// Options for `Matrix.summary`: how many rows and columns are shown
/// before the middle is elided, the line width and the digits.
///
/// The defaults print at most 10 rows and 10 columns in full; a larger
/// dimension shows its first and last `edgeItems` (3) with `...` between.
/// Lines are kept within `width` (80) characters by showing fewer edge
/// columns, never fewer than one on each side. `precision` (4) is the
/// number of digits after the point (or of the mantissa in scientific
/// form).
public struct MatrixFormat: Sendable, Equatable {
  /// Rows shown in full when there are at most this many (default 10).
  public var maxRows: Int
  /// Columns shown in full when there are at most this many (default 10).
  public var maxColumns: Int
  /// Leading and trailing rows and columns shown when eliding (default 3).
  public var edgeItems: Int
  /// The longest line in characters (default 80).
  public var width: Int
  /// Digits after the decimal point, at most (default 4).
  public var precision: Int

  /// Options with the given values; out-of-range values are raised to the
  /// least meaningful one (1 row, column and edge item, width 20,
  /// precision 0) so that a summary can always be printed.
  public init(
    maxRows: Int = 10, maxColumns: Int = 10, edgeItems: Int = 3,
    width: Int = 80, precision: Int = 4
  ) {
    self.maxRows = max(1, maxRows)
    self.maxColumns = max(1, maxColumns)
    self.edgeItems = max(1, edgeItems)
    self.width = max(20, width)
    self.precision = min(17, max(0, precision))
  }

  /// The options `summary()` uses when given none: the defaults until a
  /// host changes them (the REPL's print options). Set it from one
  /// thread, before or between operations.
  nonisolated(unsafe) public static var current = MatrixFormat()
}
