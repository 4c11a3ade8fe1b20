// Frames to and from CSV files: DataFrame.readCSV and toCSV.

extension DataFrame {
  /// The frame in the CSV file at `path` (see `CSVReader` for the format,
  /// the inference of types and the errors).
  public static func readCSV(_ path: String, _ options: CSVOptions = .init())
    throws(NightjarError) -> DataFrame
  {
    try CSVReader(options).read(path)
  }

  /// Writes the frame to `path` as CSV, atomically (a temporary file
  /// renamed over `path`, so a reader never sees half a file).
  ///
  /// A header of names, then one line per row, LF line ends. Numbers are
  /// written shortest-round-trip (`3`, `0.1`, `1e-07`: reading them back
  /// gives the same Float64), booleans as `true`/`false`, missing values
  /// as empty fields. A field holding the delimiter, a quote, CR, LF or
  /// spaces at either end is quoted, quotes doubled. Reading the file
  /// back gives the same frame, except that text which looks like a
  /// number, a boolean or a missing value (`"12"`, `"true"`, `"NA"`, the
  /// empty string) is read as one, as pandas would.
  /// - Throws: `to_csv: path: reason` when the file cannot be written;
  ///   `to_csv: delimiter must be ...` for a bad delimiter.
  public func toCSV(_ path: String, delimiter: Unicode.Scalar = ",")
    throws(NightjarError)
  {
    guard delimiter.isASCII, delimiter != "\"", delimiter != "\n",
      delimiter != "\r"
    else {
      throw .invalidArgument(
        operation: "to_csv",
        message: "delimiter must be one ASCII character other than a quote "
          + "or a line break")
    }
    let separator = UInt8(delimiter.value)
    let header = columnNames.map { DataFrame.csvField($0, separator) }
    // Text levels are escaped once, not once per row.
    let cells: [CSVCells] = columns.map { column in
      switch column {
      case .number(let values): return .number(values)
      case .boolean(let values): return .boolean(values)
      case .text(let codes, let levels):
        return .text(codes, levels.map { DataFrame.csvField($0, separator) })
      }
    }

    try FileSystem.writeAtomically(path, operation: "to_csv") {
      (writer: inout FileWriter) throws(NightjarError) in
      var line: [UInt8] = []
      DataFrame.appendRecord(header, separator, to: &line)
      try writer.write(line)
      for row in 0..<rowCount {
        if row & 0xFFFF == 0xFFFF { try Cancellation.check() }
        line.removeAll(keepingCapacity: true)
        for (position, column) in cells.enumerated() {
          if position > 0 { line.append(separator) }
          column.append(row, to: &line)
        }
        line.append(0x0A)
        try writer.write(line)
      }
    }
  }

  /// The fields joined by the separator, with a line end.
  static func appendRecord(_ fields: [[UInt8]], _ separator: UInt8,
                           to line: inout [UInt8])
  {
    for (position, field) in fields.enumerated() {
      if position > 0 { line.append(separator) }
      line.append(contentsOf: field)
    }
    line.append(0x0A)
  }

  /// A text value as a CSV field: quoted (quotes doubled) when it holds
  /// the separator, a quote, CR or LF, or starts or ends with a space.
  static func csvField(_ text: String, _ separator: UInt8) -> [UInt8] {
    let bytes = Array(text.utf8)
    let needsQuotes = bytes.contains {
      $0 == separator || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D
    } || bytes.first == 0x20 || bytes.last == 0x20
    guard needsQuotes else { return bytes }
    var quoted: [UInt8] = [0x22]
    for byte in bytes {
      quoted.append(byte)
      if byte == 0x22 { quoted.append(0x22) }
    }
    quoted.append(0x22)
    return quoted
  }
}

/// A column ready for writing: values, or codes and escaped levels.
enum CSVCells {
  case number([Double])
  case boolean([Double])
  case text([Int32], [[UInt8]])

  /// Appends the field of `row` (nothing for a missing value).
  func append(_ row: Int, to line: inout [UInt8]) {
    switch self {
    case .number(let values):
      let value = values[row]
      if !value.isNaN {
        line.append(contentsOf: Column.format(number: value).utf8)
      }
    case .boolean(let values):
      let value = values[row]
      if !value.isNaN {
        line.append(contentsOf: value != 0 ? "true".utf8 : "false".utf8)
      }
    case .text(let codes, let levels):
      let code = codes[row]
      if code >= 0 { line.append(contentsOf: levels[Int(code)]) }
    }
  }
}
