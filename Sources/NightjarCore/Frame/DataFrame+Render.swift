// The text of a frame: an aligned table of its first and last rows.

extension DataFrame: CustomStringConvertible {
  /// The table `rendered()` gives with its defaults.
  public var description: String { rendered() }

  /// An aligned table: a header of column names, a row of types, at most
  /// `maxRows` rows (the first and last halves, "..." between), then the
  /// shape line `[rows rows x columns columns]`.
  ///
  /// Rows are numbered from 1 (as Lua counts). Columns that do not fit in
  /// `width` characters are left out from the middle, shown as "...".
  /// Numbers in a column share a number of decimals (at most 6, trailing
  /// zeros dropped), integers show none, very large or small magnitudes
  /// switch the column to exponent notation; missing values show as NaN;
  /// text longer than 24 characters is cut. Never formats more than
  /// `maxRows` rows, whatever the frame's size.
  public func rendered(maxRows: Int = 10, width: Int = 100) -> String {
    let maxRows = max(maxRows, 2)
    let shown: [Int]
    let cut = rowCount > maxRows
    if cut {
      shown = Array(0..<(maxRows / 2))
        + Array((rowCount - (maxRows - maxRows / 2))..<rowCount)
    } else {
      shown = Array(0..<rowCount)
    }
    let gapRow = cut ? maxRows / 2 : -1

    // Cells of each column: name, type, then the rows (gap included).
    let labels = [""] + [""] + shown.map { String($0 + 1) }
    var cells: [[String]] = []
    for (name, column) in zip(columnNames, columns) {
      cells.append([DataFrame.clip(name), column.type.name]
                     + column.renderedCells(shown))
    }
    let widths = cells.map { $0.map(\.count).max() ?? 0 }
    let labelWidth = labels.map(\.count).max() ?? 0
    let (left, right) = DataFrame.fittingColumns(
      widths, available: width - labelWidth)

    var lines: [String] = []
    for line in 0..<labels.count {
      var text = DataFrame.pad(labels[line], labelWidth)
      for position in left {
        text += "  " + DataFrame.pad(cells[position][line], widths[position])
      }
      if !right.isEmpty || left.count < cells.count {
        text += "  ..."
      }
      for position in right {
        text += "  " + DataFrame.pad(cells[position][line], widths[position])
      }
      lines.append(text)
      if line - 2 == gapRow - 1 && cut { lines.append("...") }
    }
    lines.append("[\(rowCount) rows x \(columnCount) columns]")
    return lines.joined(separator: "\n")
  }

  /// The columns shown on the left and on the right of "..." so that the
  /// table fits `available` characters; all of them on the left when
  /// they fit.
  static func fittingColumns(_ widths: [Int], available: Int)
    -> (left: [Int], right: [Int])
  {
    let total = widths.reduce(0) { $0 + $1 + 2 }
    if total <= available { return (Array(widths.indices), []) }
    var left: [Int] = []
    var right: [Int] = []
    var used = 5  // the "  ..." column
    var low = 0
    var high = widths.count - 1
    // Alternate sides so that both ends of the frame stay visible.
    while low <= high {
      let takeLeft = left.count <= right.count
      let position = takeLeft ? low : high
      guard used + widths[position] + 2 <= available else { break }
      used += widths[position] + 2
      if takeLeft {
        left.append(position)
        low += 1
      } else {
        right.insert(position, at: 0)
        high -= 1
      }
    }
    if left.isEmpty, let first = widths.indices.first { left = [first] }
    return (left, right)
  }

  static func pad(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
  }

  /// Text made safe for one table cell: control characters escaped and
  /// long values cut to 24 characters.
  static func clip(_ text: String) -> String {
    var safe = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\n": safe += "\\n"
      case "\r": safe += "\\r"
      case "\t": safe += "\\t"
      default: safe.unicodeScalars.append(scalar)
      }
    }
    return safe.count > 24 ? String(safe.prefix(21)) + "..." : safe
  }
}

extension Column {
  /// The shown rows as table cells in a shared format.
  func renderedCells(_ rows: [Int]) -> [String] {
    switch self {
    case .number(let values):
      let format = Column.displayFormat(rows.map { values[$0] })
      return rows.map { values[$0].isNaN ? "NaN" : format(values[$0]) }
    case .boolean(let values):
      return rows.map {
        values[$0].isNaN ? "NaN" : (values[$0] != 0 ? "true" : "false")
      }
    case .text(let codes, let levels):
      return rows.map {
        codes[$0] < 0 ? "NaN" : DataFrame.clip(levels[Int(codes[$0])])
      }
    }
  }

  /// The formatter shared by one column's shown numbers.
  static func displayFormat(_ values: [Double]) -> (Double) -> String {
    let finite = values.filter { $0.isFinite }
    if finite.allSatisfy({ $0 == $0.rounded() && abs($0) < 1e15 }) {
      return { Column.format(number: $0) }
    }
    let exponent = finite.contains {
      abs($0) >= 1e15 || (abs($0) < 1e-5 && $0 != 0)
    }
    if exponent {
      return { $0.isFinite ? CFormat.string($0, "%.6e") : format(number: $0) }
    }
    // The most decimals any value needs at 6 places, trailing zeros cut.
    let decimals = finite.map { value -> Int in
      let text = CFormat.string(value, "%.6f")
      let fraction = text.split(separator: ".").last ?? ""
      return fraction.reversed().drop { $0 == "0" }.count
    }.max() ?? 0
    let layout = "%.\(decimals)f"
    return { $0.isFinite ? CFormat.string($0, layout) : format(number: $0) }
  }
}
