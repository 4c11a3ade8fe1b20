// Labels to integer codes and back.

/// Encodes labels (numbers or strings) as the integer codes 0 to k - 1
/// of their sorted distinct values, as scikit-learn's LabelEncoder.
/// Codes are values and count from 0 as in scikit-learn; `classes`
/// holds the label of each code (code c is `classes[c]`, position
/// c + 1 in a Lua table).
///
/// It works on y, not X, so it is no Transformer: `fit`, `transform`
/// and `inverseTransform` take and give label columns. NaN is not a
/// label (an error naming its row).
public final class LabelEncoder: Persistable {
  public static let name = "LabelEncoder"

  /// The sorted distinct labels seen by `fit`.
  public internal(set) var classes: Labels?

  public init() {}

  public var isFitted: Bool { classes != nil }

  /// No hyper-parameters.
  public var parameters: [String: ParameterValue] { [:] }

  public func setParameter(_ name: String, _ value: ParameterValue)
    throws(NightjarError)
  {
    throw Self.unknownParameter(name)
  }

  public func cloned() -> LabelEncoder { LabelEncoder() }

  /// Learns the classes: the sorted distinct labels of y.
  public func fit(_ y: Labels) throws(NightjarError) {
    guard y.count > 0 else {
      throw .invalidArgument(operation: "fit", message: "y is empty")
    }
    classes = try y.classes("fit")
  }

  /// The code of each label: its position among the classes, 0-based.
  /// A label `fit` did not see is an error naming it and its row:
  /// `transform: y contains the label 'd' (row 4), which fit did not
  /// see`.
  public func transform(_ y: Labels) throws(NightjarError) -> [Int] {
    guard let classes else { throw Self.notFitted("transform") }
    guard let codes = y.encode(with: classes) else {
      throw .invalidArgument(
        operation: "transform",
        message: "y holds \(y.kind) but the encoder was fitted with "
          + classes.kind)
    }
    if let row = codes.firstIndex(of: -1) {
      let label = y.text(at: row)
      let shown: String
      if case .strings = y { shown = "'\(label)'" } else { shown = label }
      throw .invalidArgument(
        operation: "transform",
        message: "y contains the label \(shown) (row \(row + 1)), which fit "
          + "did not see")
    }
    return codes.map(Int.init)
  }

  /// `fit`, then `transform` of the same labels.
  public func fitTransform(_ y: Labels) throws(NightjarError) -> [Int] {
    try fit(y)
    return try transform(y)
  }

  /// The labels of codes (whole numbers 0 to k - 1); any other value is
  /// an error: `inverse_transform: y contains 5 (row 1); the codes are 0
  /// to 2`.
  public func inverseTransform(_ codes: [Double]) throws(NightjarError)
    -> Labels
  {
    guard let classes else { throw Self.notFitted("inverse_transform") }
    var positions: [Int] = []
    positions.reserveCapacity(codes.count)
    for (row, code) in codes.enumerated() {
      guard let whole = Int(exactly: code), whole >= 0,
        whole < classes.count
      else {
        throw .invalidArgument(
          operation: "inverse_transform",
          message: "y contains \(Labels.format(code)) (row \(row + 1)); the "
            + "codes are 0 to \(classes.count - 1)")
      }
      positions.append(whole)
    }
    return classes.take(positions)
  }

  public func fittedState() throws(NightjarError) -> JSON? {
    guard let classes else { return nil }
    return .object([("classes", JSON(classes))])
  }

  public func restore(_ state: JSON) throws(NightjarError) {
    guard let classes = try state["classes"]?.labels("classes"),
      classes.count > 0, (try? classes.classes("load")) == classes
    else {
      throw ModelFile.corrupt(
        "LabelEncoder: classes must be sorted, distinct labels")
    }
    self.classes = classes
  }
}
