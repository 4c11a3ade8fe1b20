// Different transformers for different columns of a data frame, side by
// side in one matrix: scikit-learn's ColumnTransformer.

/// Applies each transformer to the frame columns it names and puts the
/// results side by side, in the order of the parts, then the columns no
/// part names (the remainder) when `remainder` is passthrough.
///
/// A part is a name, what to do and the columns, by name:
/// - a transformer on numbers (StandardScaler, SimpleImputer, ...) gets
///   its columns as a matrix; number and boolean columns only.
/// - an encoder (`CategoryTransformer`: OneHotEncoder, OrdinalEncoder)
///   gets its columns as category columns, text included; a missing
///   text value is an error (fill it first).
/// - passthrough copies number and boolean columns; drop leaves them out.
///
/// `transform` finds the columns by name, so the frame may hold more
/// columns, in any order; the remainder is the set `fit` saw. Parameters
/// are `remainder` and `part__parameter` (`num__with_mean`), as in
/// scikit-learn, so a pipeline's search names them `step__part__name`.
public final class ColumnTransformer: FrameTransformer {
  public static let name = "ColumnTransformer"

  /// What a part does with its columns.
  public enum Action {
    case transform(any Transformer)
    case passthrough
    case drop
  }

  /// One (name, action, columns) triple.
  public struct Part {
    public let name: String
    public let action: Action
    public let columns: [String]

    public init(_ name: String, _ action: Action, _ columns: [String]) {
      self.name = name
      self.action = action
      self.columns = columns
    }
  }

  /// What happens to the columns no part names.
  public enum Remainder: String, CaseIterable {
    case drop, passthrough
  }

  public let parts: [Part]
  /// Default drop.
  public var remainder = Remainder.drop
  /// The remainder columns `fit` found, in frame order; nil before fit.
  public private(set) var remainderColumns: [String]?

  /// Errors: no parts, a repeated, empty or "remainder" name, a name
  /// with "__", a part without columns.
  public init(_ parts: [Part]) throws(NightjarError) {
    guard !parts.isEmpty else {
      throw .invalidArgument(operation: Self.name, message: "no transformers")
    }
    var seen: Set<String> = []
    for part in parts {
      guard !part.name.isEmpty, !part.name.contains("__"),
        part.name != "remainder"
      else {
        throw .invalidArgument(
          operation: Self.name,
          message: "a part is named '\(part.name)'; names must be "
            + "non-empty, not 'remainder' and without '__'")
      }
      guard seen.insert(part.name).inserted else {
        throw .invalidArgument(
          operation: Self.name, message: "two parts are named '\(part.name)'")
      }
      guard !part.columns.isEmpty else {
        throw .invalidArgument(
          operation: Self.name,
          message: "part '\(part.name)' selects no columns")
      }
    }
    self.parts = parts
  }

  public var isFitted: Bool { remainderColumns != nil }

  public var parameters: [String: ParameterValue] {
    var all: [String: ParameterValue] = [
      "remainder": .string(remainder.rawValue)
    ]
    for part in parts {
      guard case .transform(let transformer) = part.action else { continue }
      for (name, value) in transformer.parameters {
        all[part.name + "__" + name] = value
      }
    }
    return all
  }

  public func setParameter(_ name: String, _ value: ParameterValue)
    throws(NightjarError)
  {
    if name == "remainder" {
      let text = try value.choice(
        Remainder.allCases.map(\.rawValue), for: name, in: Self.name)
      remainder = Remainder(rawValue: text) ?? .drop
      return
    }
    guard let separator = name.firstRange(of: "__"),
      let part = parts.first(where: {
        $0.name == String(name[..<separator.lowerBound])
      }),
      case .transform(let transformer) = part.action
    else { throw Self.unknownParameter(name) }
    try transformer.setParameter(
      String(name[separator.upperBound...]), value)
  }

  public func cloned() -> ColumnTransformer {
    let copies = parts.map { part -> Part in
      guard case .transform(let transformer) = part.action else {
        return part
      }
      return Part(part.name, .transform(transformer.cloned()), part.columns)
    }
    // The parts were valid when this transformer was made.
    let copy = (try? ColumnTransformer(copies)) ?? self
    copy.remainder = remainder
    return copy
  }

  public func fit(_ frame: DataFrame, target y: Target? = nil)
    throws(NightjarError)
  {
    let named = Set(parts.flatMap(\.columns))
    let rest = frame.columnNames.filter { !named.contains($0) }
    for part in parts {
      for column in part.columns {
        _ = try frame.position(of: column, operation: "fit")
      }
    }
    if remainder == .passthrough {
      try checkNumeric(frame, rest, "fit", part: nil)
    }
    for part in parts {
      guard case .transform(let transformer) = part.action else { continue }
      if let encoder = transformer as? any CategoryTransformer {
        try encoder.fit(columns: categories(frame, part, "fit"))
      } else {
        let x = try numbers(frame, part.columns, "fit", part: part)
        try transformer.fit(x, target: y)
      }
    }
    remainderColumns = rest
  }

  /// The parts' outputs side by side, then the remainder.
  public func transform(_ frame: DataFrame) throws(NightjarError) -> Matrix {
    guard let rest = remainderColumns else {
      throw Self.notFitted("transform")
    }
    var outputs: [Matrix] = []
    for part in parts {
      switch part.action {
      case .drop:
        continue
      case .passthrough:
        outputs.append(
          try numbers(frame, part.columns, "transform", part: part))
      case .transform(let transformer):
        if let encoder = transformer as? any CategoryTransformer {
          outputs.append(try encoder.transform(
            columns: categories(frame, part, "transform")))
        } else {
          outputs.append(try transformer.transform(
            try numbers(frame, part.columns, "transform", part: part)))
        }
      }
    }
    if remainder == .passthrough && !rest.isEmpty {
      outputs.append(try numbers(frame, rest, "transform", part: nil))
    }
    return try Self.sideBySide(outputs, rows: frame.rowCount)
  }

  /// Number and boolean columns as a matrix; text is an error naming the
  /// part (nil: the remainder).
  private func numbers(
    _ frame: DataFrame, _ names: [String], _ operation: String, part: Part?
  ) throws(NightjarError) -> Matrix {
    try checkNumeric(frame, names, operation, part: part)
    return try frame.toMatrix(names)
  }

  /// Checks that the columns exist and hold no text.
  private func checkNumeric(
    _ frame: DataFrame, _ names: [String], _ operation: String, part: Part?
  ) throws(NightjarError) {
    for name in names {
      let column = frame.columns[
        try frame.position(of: name, operation: operation)]
      guard column.type == .text else { continue }
      let user: String
      switch part?.action {
      case .transform(let transformer)?:
        user = "part '\(part?.name ?? "")' gives it to a "
          + "\(type(of: transformer).name), which takes numbers"
      case .passthrough?:
        user = "part '\(part?.name ?? "")' passes it through"
      default:
        user = "remainder = \"passthrough\" passes it through"
      }
      throw .invalidArgument(
        operation: operation,
        message: "column '\(name)' holds text and \(user); encode it "
          + "with an encoder")
    }
  }

  /// A part's columns as category columns; missing text is an error.
  private func categories(
    _ frame: DataFrame, _ part: Part, _ operation: String
  ) throws(NightjarError) -> [Labels] {
    var result: [Labels] = []
    for name in part.columns {
      let column = frame.columns[
        try frame.position(of: name, operation: operation)]
      if let numbers = column.numbers {
        result.append(.numbers(numbers))
        continue
      }
      let strings = column.strings
      if let row = strings.firstIndex(where: { $0 == nil }) {
        throw .invalidArgument(
          operation: operation,
          message: "text column '\(name)' of part '\(part.name)' has a "
            + "missing value in row \(row + 1); fill it first (fillna)")
      }
      result.append(.strings(strings.map { $0 ?? "" }))
    }
    return result
  }

  /// The matrices' columns in order (a vector counts as one column);
  /// no parts give rows x 0.
  static func sideBySide(_ parts: [Matrix], rows: Int)
    throws(NightjarError) -> Matrix
  {
    let widths = parts.map { $0.isVector ? 1 : $0.columns }
    for (part, width) in zip(parts, widths)
    where part.count != rows * width {
      throw .shapeMismatch(
        operation: "transform",
        message: "a transformer gave \(part.shapeText) for \(rows) rows")
    }
    let total = widths.reduce(0, +)
    let result = try Matrix.zeros(rows, total)
    let out = result.base
    var offset = 0
    for (part, width) in zip(parts, widths) {
      let source = part.base
      for row in 0..<rows {
        for column in 0..<width {
          out[row * total + offset + column] = source[row * width + column]
        }
      }
      offset += width
    }
    return result
  }
}
