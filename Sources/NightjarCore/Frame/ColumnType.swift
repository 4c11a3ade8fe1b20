// The three kinds of values a data frame column holds.

/// What a column holds: numbers, booleans or text.
///
/// The CSV reader infers one per column and accepts one per column as an
/// override (`CSVOptions.types`); the text rendering of a frame shows
/// `name` under each column name.
public enum ColumnType: String, Sendable, CaseIterable {
  /// Float64 values (integers too); NaN is missing.
  case number
  /// true and false, stored as 1 and 0 in Float64; NaN is missing.
  case boolean
  /// Strings, stored as categorical codes into a list of levels.
  case text

  /// The word shown in a frame's type row and in messages.
  public var name: String { rawValue }
}
