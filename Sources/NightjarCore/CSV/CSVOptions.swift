// How read_csv reads a file: delimiter, header, columns, types, missing.

/// A column of a CSV file picked by name or by 1-based position
/// (`CSVOptions.columns`, pandas' `usecols`).
public enum CSVColumn: Sendable, Hashable, ExpressibleByStringLiteral,
  ExpressibleByIntegerLiteral
{
  /// The column with this header name.
  case name(String)
  /// The column at this 1-based position in the file.
  case position(Int)

  public init(stringLiteral value: String) { self = .name(value) }
  public init(integerLiteral value: Int) { self = .position(value) }
}

/// The options of `CSVReader`, with pandas' defaults where pandas has one.
public struct CSVOptions: Sendable {
  /// The field separator: one ASCII character other than the quote, CR
  /// and LF. nil (the default) sniffs it from the first 20 records among
  /// `,` `;` tab and `|`: the one found the same, non-zero number of
  /// times outside quotes on every record, most often first; else the
  /// most frequent on the first record; else `,`.
  public var delimiter: Unicode.Scalar?
  /// Whether the first record (after blank and comment lines) holds the
  /// column names. Default true. Without a header, columns are named
  /// `column_1`, `column_2`, ... unless `names` is given.
  public var hasHeader = true
  /// Column names to use instead of the header's (or when there is no
  /// header); as many as the file has columns.
  public var names: [String]?
  /// Lines that start with this ASCII character are skipped (only at the
  /// start of a line: the character inside a record is data). Default
  /// none.
  public var comment: Unicode.Scalar?
  /// The columns to read, by name or 1-based position (pandas'
  /// `usecols`); the frame keeps the file's order. Default all.
  public var columns: [CSVColumn]?
  /// Read at most this many records after the header (pandas' `nrows`).
  public var rowLimit: Int?
  /// Column types by column name, overriding inference (pandas'
  /// `dtype`). `.number` accepts numbers and true/false (as 1/0); a value
  /// that does not fit is an error naming line and column. `.text` keeps
  /// numbers as their text.
  public var types: [String: ColumnType] = [:]
  /// Field values that mean "missing", compared exactly (case matters,
  /// quoted or not). Default `defaultMissingValues`; to add to them, form
  /// the union.
  public var missingValues: Set<String> = CSVOptions.defaultMissingValues
  /// Whether empty lines are skipped (the default) or read as rows of
  /// missing values.
  public var skipBlankLines = true
  /// Worker threads; nil (the default) uses every online core. The frame
  /// is the same whatever the count.
  public var threads: Int?
  /// Called with (bytes parsed, total bytes) as the reading progresses,
  /// from worker threads but never two calls at once, with growing
  /// counts. Core never draws anything: the caller decides (nightjar's
  /// binding draws a bar on a terminal for files over 50 MB).
  public var progress: (@Sendable (Int, Int) -> Void)?
  /// The size of the pieces the file is cut into for the workers; nil
  /// picks one from the file size. Tests set it small to put piece
  /// boundaries inside quoted fields.
  var chunkBytes: Int?

  /// The missing-value strings read as missing by default: the empty
  /// field, NA, N/A, NaN, nan and null (pandas' list without its rarer
  /// spellings).
  public static let defaultMissingValues: Set<String> = [
    "", "NA", "N/A", "NaN", "nan", "null",
  ]

  /// The default options.
  public init() {}
}
