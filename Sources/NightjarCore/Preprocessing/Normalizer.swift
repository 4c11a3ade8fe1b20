// Scaling each row to unit norm.

/// Divides each row by its norm, as scikit-learn's Normalizer: "l2"
/// (Euclidean, the default), "l1" (sum of magnitudes) or "max" (largest
/// magnitude). A row whose norm is below 10 machine epsilons (all
/// zeros) is left as it is.
///
/// Stateless: `fit` only checks X and records its number of features.
/// NaN and infinity are errors (scikit-learn's rule: a norm of a row
/// with a missing value means nothing). X is rows x features; a vector
/// is one feature, so each of its values becomes -1, 0 or 1.
public final class Normalizer: Transformer, Persistable {
  public static let name = "Normalizer"

  /// The norm each row is divided by.
  public enum Norm: String, CaseIterable {
    case l1, l2, max
  }

  /// Default l2.
  public var norm = Norm.l2

  /// The number of features seen by `fit` (0 before).
  public internal(set) var featureCount = 0

  public init() {}

  public var isFitted: Bool { featureCount > 0 }

  public var parameters: [String: ParameterValue] {
    ["norm": .string(norm.rawValue)]
  }

  public func setParameter(_ name: String, _ value: ParameterValue)
    throws(NightjarError)
  {
    guard name == "norm" else { throw Self.unknownParameter(name) }
    let text = try value.choice(
      Norm.allCases.map(\.rawValue), for: name, in: Self.name)
    norm = Norm(rawValue: text) ?? .l2
  }

  public func cloned() -> Normalizer {
    let copy = Normalizer()
    copy.norm = norm
    return copy
  }

  /// Checks X and records its number of features.
  public func fit(_ x: Matrix, target y: Target? = nil) throws(NightjarError)
  {
    try PreprocessingInput.check(x, "fit", allowNaN: false)
    featureCount = PreprocessingInput.shape(x).columns
  }

  /// Each row divided by its norm. Same shape as X.
  public func transform(_ x: Matrix) throws(NightjarError) -> Matrix {
    guard isFitted else { throw Self.notFitted("transform") }
    try PreprocessingInput.check(x, "transform", allowNaN: false)
    try PreprocessingInput.columns(
      x, expected: featureCount, noun: "normalizer", "transform")
    let norm = self.norm
    return try PreprocessingInput.mapRows(x) { rows, count, columns in
      for i in 0..<count {
        let row = rows + i * columns
        var size = 0.0
        switch norm {
        case .l1: for j in 0..<columns { size += Swift.abs(row[j]) }
        case .l2:
          for j in 0..<columns { size += row[j] * row[j] }
          size = size.squareRoot()
        case .max:
          for j in 0..<columns { size = Swift.max(size, Swift.abs(row[j])) }
        }
        if size < 10 * Double.ulpOfOne { size = 1 }
        for j in 0..<columns { row[j] /= size }
      }
    }
  }

  public func fittedState() throws(NightjarError) -> JSON? {
    guard isFitted else { return nil }
    return .object([("n_features_in", .number(Double(featureCount)))])
  }

  public func restore(_ state: JSON) throws(NightjarError) {
    guard let count = state["n_features_in"]?.number
      .flatMap({ Int(exactly: $0) }), count > 0
    else { throw ModelFile.corrupt("Normalizer: missing 'n_features_in'") }
    featureCount = count
  }
}
