// Matrix display: a short summary with the shape and the corner values.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Matrix {
  /// How the printed cells of a summary are written, chosen from those
  /// cells alone.
  private enum CellStyle {
    case integer
    case fixed(decimals: Int)
    case scientific(digits: Int)
  }

  /// A short text for people: the shape on the first line (`Matrix 3x4`,
  /// `Vector (5)`), then the values with aligned columns. Dimensions
  /// above `maxRows` or `maxColumns` show only their first and last
  /// `MatrixFormat.edgeItems` with `...` between, and edge columns are
  /// dropped until lines fit in `width`: a big matrix is never printed
  /// whole. Arguments left nil come from `MatrixFormat.current`.
  ///
  /// Cells are integers without decimals when every printed cell is
  /// integral (below 1e16), scientific when a printed magnitude is at
  /// least 1e8 or a non-zero one below 1e-4, fixed otherwise, with as few
  /// decimals (at most `precision`) as the printed cells need. NaN and
  /// infinities print as `nan`, `inf`, `-inf`. An empty matrix prints its
  /// shape alone; a released one `Matrix 0x0 (released)`.
  public func summary(
    maxRows: Int? = nil, maxColumns: Int? = nil, width: Int? = nil,
    precision: Int? = nil
  ) -> String {
    let current = MatrixFormat.current
    return summary(
      format: MatrixFormat(
        maxRows: maxRows ?? current.maxRows,
        maxColumns: maxColumns ?? current.maxColumns,
        edgeItems: current.edgeItems, width: width ?? current.width,
        precision: precision ?? current.precision))
  }

  /// The summary with every option taken from `format`.
  public func summary(format: MatrixFormat) -> String {
    if isReleased { return "Matrix 0x0 (released)" }
    let header = isVector ? "Vector (\(columns))" : "Matrix \(shapeText)"
    if isEmpty { return header }
    let shownRows = Matrix.shownIndices(
      rows, limit: format.maxRows, edge: format.edgeItems)
    var edge = columns <= format.maxColumns ? columns : format.edgeItems
    while true {
      let shownColumns =
        edge >= columns
        ? Matrix.shownIndices(columns, limit: columns, edge: columns)
        : Matrix.shownIndices(columns, limit: 0, edge: edge)
      let lines = layout(shownRows, shownColumns, format)
      let longest = lines.map(\.count).max() ?? 0
      if longest <= format.width || edge <= 1 {
        return ([header] + lines).joined(separator: "\n")
      }
      edge = Swift.min(edge, (columns - 1) / 2) - 1
      edge = Swift.max(1, edge)
    }
  }

  /// The indices to print out of `count`: all when `count <= limit` or
  /// the edges would overlap, else the first and last `edge` with nil
  /// marking the elided middle.
  private static func shownIndices(
    _ count: Int, limit: Int, edge: Int
  ) -> [Int?] {
    if count <= limit || 2 * edge >= count { return Array(0..<count) }
    return Array(0..<edge) + [nil] + Array((count - edge)..<count)
  }

  /// The text lines for the chosen rows and columns.
  private func layout(
    _ shownRows: [Int?], _ shownColumns: [Int?], _ format: MatrixFormat
  ) -> [String] {
    var printed = [Double]()
    for i in shownRows.compactMap({ $0 }) {
      for j in shownColumns.compactMap({ $0 }) {
        printed.append(base[i * columns + j])
      }
    }
    let style = Matrix.cellStyle(printed, precision: format.precision)
    let cellWidth =
      printed.map {
        Matrix.formatCell($0, style).count
      }.max() ?? 1
    func pad(_ text: String) -> String {
      String(repeating: " ", count: Swift.max(0, cellWidth - text.count)) + text
    }
    var lines = [String]()
    for i in shownRows {
      guard let i else {
        lines.append("  ...")
        continue
      }
      let cells = shownColumns.map { j -> String in
        guard let j else { return "..." }
        return pad(Matrix.formatCell(base[i * columns + j], style))
      }
      lines.append("  " + cells.joined(separator: "  "))
    }
    return lines
  }

  /// Chooses how to write `values` (the printed cells); see `summary`.
  private static func cellStyle(
    _ values: [Double], precision: Int
  ) -> CellStyle {
    let finite = values.filter(\.isFinite)
    if finite.allSatisfy({ $0 == $0.rounded() && $0.magnitude < 1e16 }) {
      return .integer
    }
    let magnitudes = finite.map(\.magnitude)
    let largest = magnitudes.max() ?? 0
    let smallest = magnitudes.filter { $0 > 0 }.min() ?? 0
    if largest >= 1e8 || (smallest > 0 && smallest < 1e-4) {
      let digits =
        finite.map {
          significantDecimals(
            CFormat.string($0, "%.\(precision)e"), exponent: true)
        }.max() ?? 1
      return .scientific(digits: Swift.max(1, digits))
    }
    let decimals =
      finite.map {
        significantDecimals(
          CFormat.string($0, "%.\(precision)f"), exponent: false)
      }.max() ?? 1
    return .fixed(decimals: Swift.max(1, decimals))
  }

  /// The digits after the point in `text` once trailing zeros (before
  /// any exponent) are dropped.
  private static func significantDecimals(
    _ text: String, exponent: Bool
  ) -> Int {
    var mantissa = Substring(text)
    if exponent, let e = text.firstIndex(of: "e") { mantissa = text[..<e] }
    guard let point = mantissa.firstIndex(of: ".") else { return 0 }
    let fraction = mantissa[mantissa.index(after: point)...]
    return fraction.count - fraction.reversed().prefix { $0 == "0" }.count
  }

  private static func formatCell(_ value: Double, _ style: CellStyle) -> String
  {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    switch style {
    case .integer: return CFormat.string(value, "%.0f")
    case .fixed(let decimals): return CFormat.string(value, "%.\(decimals)f")
    case .scientific(let digits): return CFormat.string(value, "%.\(digits)e")
    }
  }

  /// A number as messages write it: integral values without a decimal
  /// point (`3`, `-2`), others in Swift's shortest form (`0.5`, `1e-05`),
  /// `nan`, `inf`, `-inf`.
  public static func formatScalar(_ value: Double) -> String {
    if value.isFinite && value == value.rounded() && value.magnitude < 1e15 {
      return CFormat.string(value == 0 ? 0 : value, "%.0f")
    }
    return "\(value)"
  }
}

extension Matrix: CustomStringConvertible {
  /// The summary with the current `MatrixFormat`.
  public var description: String { summary() }
}
