// One integer code per category, column by column.

/// Encodes each input column as integer codes 0, 1, ..., k - 1 for its
/// sorted categories, as scikit-learn's OrdinalEncoder. Codes are
/// values, not positions, so they count from 0 as in scikit-learn (and
/// -1 stays free for unknown categories).
///
/// Categories are learned per column and sorted: numbers ascending with
/// NaN last, strings in byte order. NaN is a category that is not
/// coded: it becomes `encodedMissingValue` (NaN by default). A category
/// not seen by `fit` is an error, or becomes `unknownValue` with
/// `handleUnknown` "use_encoded_value".
///
/// Input: a Matrix, rows x features (a vector is one feature), or
/// category columns (`Labels`), the form a data frame's columns take.
/// Infinity is an error. Output: rows x features of codes.
public final class OrdinalEncoder: Transformer, Persistable {
  public static let name = "OrdinalEncoder"

  /// What a category unseen by `fit` does in `transform`.
  public enum UnknownHandling: String, CaseIterable {
    case error
    case useEncodedValue = "use_encoded_value"
  }

  /// Default error.
  public var handleUnknown = UnknownHandling.error
  /// The code of unknown categories with "use_encoded_value": a whole
  /// number that is no category's code (-1, say) or NaN. Default nil.
  public var unknownValue: Double?
  /// The code of NaN in the input. Default NaN.
  public var encodedMissingValue = Double.nan

  /// The learned categories of each feature, after fit.
  public var categories: [Labels]? { indices?.map(\.categories) }
  private var indices: [CategoryIndex]?

  public init() {}

  public var isFitted: Bool { indices != nil }

  /// The number of input features, after fit.
  public var featureCount: Int { indices?.count ?? 0 }

  public var parameters: [String: ParameterValue] {
    ["handle_unknown": .string(handleUnknown.rawValue),
     "unknown_value": unknownValue.map { .number($0) } ?? .none,
     "encoded_missing_value": .number(encodedMissingValue)]
  }

  /// `unknown_value` and `encoded_missing_value` take a whole number or
  /// NaN (also as the text "nan", as model files write it).
  public func setParameter(_ name: String, _ value: ParameterValue)
    throws(NightjarError)
  {
    switch name {
    case "handle_unknown":
      let text = try value.choice(
        UnknownHandling.allCases.map(\.rawValue), for: name, in: Self.name)
      handleUnknown = UnknownHandling(rawValue: text) ?? .error
    case "unknown_value":
      if case .none = value {
        unknownValue = nil
      } else {
        unknownValue = try Self.code(value, name)
      }
    case "encoded_missing_value":
      encodedMissingValue = try Self.code(value, name)
    default: throw Self.unknownParameter(name)
    }
  }

  /// A whole number or NaN.
  private static func code(_ value: ParameterValue, _ name: String)
    throws(NightjarError) -> Double
  {
    if case .string("nan") = value { return .nan }
    if case .number(let number) = value,
      number.isNaN || Int(exactly: number) != nil
    {
      return number
    }
    throw .invalidArgument(
      operation: Self.name,
      message: "'\(name)' must be a whole number or NaN, got \(value)")
  }

  public func cloned() -> OrdinalEncoder {
    let copy = OrdinalEncoder()
    copy.handleUnknown = handleUnknown
    copy.unknownValue = unknownValue
    copy.encodedMissingValue = encodedMissingValue
    return copy
  }

  /// Learns the categories of each column of X.
  public func fit(_ x: Matrix, target y: Target? = nil) throws(NightjarError)
  {
    try PreprocessingInput.check(x, "fit", allowNaN: true)
    try fit(columns: PreprocessingInput.categoryColumns(x))
  }

  /// Learns the categories of each column. The codes for unknown and
  /// missing values must not be codes of categories.
  public func fit(columns: [Labels]) throws(NightjarError) {
    _ = try PreprocessingInput.checkColumns(columns, "fit")
    try checkUnknownValue()

    let indices = try CategoryIndex.learn(columns)
    let coded = indices.map { $0.count - ($0.hasMissing ? 1 : 0) }
    if handleUnknown == .useEncodedValue, let unknown = unknownValue,
      coded.contains(where: { 0 <= unknown && unknown < Double($0) })
    {
      throw .invalidArgument(
        operation: "fit",
        message: "'unknown_value' \(Labels.format(unknown)) is already the "
          + "code of a category")
    }
    let clashing = indices.indices.filter {
      indices[$0].hasMissing && 0 <= encodedMissingValue
        && encodedMissingValue < Double(coded[$0])
    }
    if !clashing.isEmpty {
      throw .invalidArgument(
        operation: "fit",
        message: "'encoded_missing_value' "
          + "\(Labels.format(encodedMissingValue)) is already the code of a "
          + "category in columns "
          + clashing.map { String($0 + 1) }.joined(separator: ", "))
    }

    self.indices = indices
  }

  /// scikit-learn's rule: an unknown value exactly with
  /// "use_encoded_value".
  private func checkUnknownValue() throws(NightjarError) {
    switch (handleUnknown, unknownValue) {
    case (.useEncodedValue, nil):
      throw .invalidArgument(
        operation: "fit",
        message: "'unknown_value' must be a whole number or NaN when "
          + "handle_unknown is 'use_encoded_value', got nil")
    case (.error, let value?):
      throw .invalidArgument(
        operation: "fit",
        message: "'unknown_value' may be set only when handle_unknown is "
          + "'use_encoded_value', got \(Labels.format(value))")
    default: break
    }
  }

  /// The codes of X: rows x features.
  public func transform(_ x: Matrix) throws(NightjarError) -> Matrix {
    guard isFitted else { throw Self.notFitted("transform") }
    try PreprocessingInput.check(x, "transform", allowNaN: true)
    try PreprocessingInput.columns(
      x, expected: featureCount, noun: "encoder", "transform")
    return try transform(columns: PreprocessingInput.categoryColumns(x))
  }

  /// The codes of the given columns: rows x features. An unknown
  /// category with `handleUnknown` "error" is an error naming it:
  /// `transform: found an unknown category 7 in column 2 (row 5)`.
  public func transform(columns: [Labels]) throws(NightjarError) -> Matrix {
    guard let indices else { throw Self.notFitted("transform") }
    let rows = try PreprocessingInput.checkColumns(columns, "transform")
    try CategoryIndex.checkCount(columns, indices, "encoder", "transform")
    let positions = try CategoryIndex.positions(columns, indices, "transform")
    if handleUnknown == .error {
      try CategoryIndex.checkKnown(positions, columns, "transform")
    }

    let width = indices.count
    let unknown = unknownValue ?? .nan
    let missing = encodedMissingValue
    let missingPositions = indices.map { $0.hasMissing ? $0.count - 1 : -2 }
    let result = try Matrix(
      uninitializedRows: rows, columns: width, operation: "transform")
    let out = result.base
    try positions.withUnsafeBufferPointer { (found) throws(NightjarError) in
      guard let found = found.baseAddress else { return }
      for j in 0..<width {
        try Cancellation.check()
        let missingPosition = missingPositions[j]
        for i in 0..<rows {
          let position = Int(found[j * rows + i])
          out[i * width + j] = position < 0
            ? unknown
            : position == missingPosition ? missing : Double(position)
        }
      }
    }
    return result
  }

  /// The categories back from codes (numeric categories only): rows x
  /// features. `unknownValue` gives NaN, `encodedMissingValue` gives the
  /// NaN category; any other code that is not 0 to k - 1 is an error.
  public func inverseTransform(_ x: Matrix) throws(NightjarError) -> Matrix
  {
    try PreprocessingInput.matrix(
      fromCategories: try inverseTransform(columns: x))
  }

  /// The categories back from codes, as one column per feature.
  public func inverseTransform(columns x: Matrix) throws(NightjarError)
    -> [Labels]
  {
    guard let indices else { throw Self.notFitted("inverse_transform") }
    try PreprocessingInput.check(x, "inverse_transform", allowNaN: true)
    try PreprocessingInput.columns(
      x, expected: indices.count, noun: "encoder", "inverse_transform")

    let (rows, width) = PreprocessingInput.shape(x)
    var result: [Labels] = []
    for (j, index) in indices.enumerated() {
      try Cancellation.check()
      let coded = index.count - (index.hasMissing ? 1 : 0)
      var positions = [Int](repeating: -1, count: rows)
      for i in 0..<rows {
        let code = x.base[i * width + j]
        if index.hasMissing && Self.same(code, encodedMissingValue) {
          positions[i] = index.count - 1
        } else if handleUnknown == .useEncodedValue,
          let unknown = unknownValue, Self.same(code, unknown)
        {
          positions[i] = -1
        } else if let whole = Int(exactly: code), whole >= 0,
          whole < coded
        {
          positions[i] = whole
        } else {
          throw .invalidArgument(
            operation: "inverse_transform",
            message: "\(Labels.format(code)) in column \(j + 1) (row "
              + "\(i + 1)) is not a code; the codes are 0 to \(coded - 1)")
        }
      }
      result.append(try index.values(at: positions, "inverse_transform"))
    }
    return result
  }

  /// Equal, NaN matching NaN.
  private static func same(_ a: Double, _ b: Double) -> Bool {
    a == b || (a.isNaN && b.isNaN)
  }

  /// The output column names: the input names (default `x0`, `x1`, ...).
  public func featureNames(input: [String]? = nil) throws(NightjarError)
    -> [String]
  {
    guard let indices else {
      throw Self.notFitted("get_feature_names_out")
    }
    return try CategoryIndex.inputNames(input, count: indices.count)
  }

  public func fittedState() throws(NightjarError) -> JSON? {
    guard let indices else { return nil }
    return .object([
      ("categories", .array(indices.map { JSON($0.categories) }))
    ])
  }

  public func restore(_ state: JSON) throws(NightjarError) {
    indices = try CategoryIndex.restore(state, Self.name)
  }
}
