// The hyper-parameters Lasso and ElasticNet share, read and written by
// their scikit-learn names.

/// The hyper-parameters of an elastic net fitted by coordinate descent,
/// with scikit-learn's defaults. Lasso is the case `l1Ratio == 1`.
public struct ElasticNetSettings: Equatable {
  /// When to work on the Gram matrix X^T X instead of the columns of X.
  public enum Precompute: Equatable {
    /// Gram when X has more rows than features and at most
    /// `ElasticNetSettings.gramFeatureLimit` features.
    case auto
    case always
    case never
  }

  /// The penalty's overall weight (`alpha`, default 1, >= 0).
  public var alpha = 1.0
  /// The L1 share of the penalty (`l1_ratio`, default 0.5, in [0, 1]).
  public var l1Ratio = 0.5
  /// Whether to fit an unpenalised intercept (`fit_intercept`, default
  /// true).
  public var fitIntercept = true
  /// The most passes over the features (`max_iter`, default 1000).
  public var maxIterations = 1000
  /// The stopping tolerance (`tol`, default 1e-4): the duality gap must
  /// fall to tol |y - mean(y)|^2 / rows.
  public var tolerance = 1e-4
  /// Whether `fit` starts from the previous coefficients (`warm_start`,
  /// default false).
  public var warmStart = false
  /// Whether coefficients are kept >= 0 (`positive`, default false).
  public var positive = false
  /// "cyclic" (default) visits features in order; "random" draws them.
  public var selection = "cyclic"
  /// The seed of the random order (`seed`, default nil, read as 0 so
  /// that a run repeats).
  public var seed: Int? = nil
  /// `precompute`: true, false or "auto" (the default).
  public var precompute = Precompute.auto

  /// Forming the Gram matrix (`cblas_dsyrk`, rows x features^2 flops at
  /// full speed) costs about features / 40 passes over the columns of X
  /// (4 rows x features flops per pass, bound by memory): measured on
  /// OpenBLAS, it repays itself within a few passes up to this many
  /// features, and costs more than typical fits take above it.
  public static let gramFeatureLimit = 128

  public init() {}

  static let selections = ["cyclic", "random"]

  /// The parameters by name; `l1_ratio` only for ElasticNet.
  func parameters(includingRatio: Bool) -> [String: ParameterValue] {
    var result: [String: ParameterValue] = [
      "alpha": .number(alpha), "fit_intercept": .boolean(fitIntercept),
      "max_iter": .number(Double(maxIterations)),
      "tol": .number(tolerance), "warm_start": .boolean(warmStart),
      "positive": .boolean(positive), "selection": .string(selection),
      "seed": seed.map { .number(Double($0)) } ?? .none,
    ]
    switch precompute {
    case .auto: result["precompute"] = .string("auto")
    case .always: result["precompute"] = .boolean(true)
    case .never: result["precompute"] = .boolean(false)
    }
    if includingRatio { result["l1_ratio"] = .number(l1Ratio) }
    return result
  }

  /// Sets one parameter by name; `estimator` names the error's source.
  /// Unknown names (including `l1_ratio` for Lasso) are errors.
  mutating func set(
    _ name: String, _ value: ParameterValue, estimator: String,
    includingRatio: Bool
  ) throws(NightjarError) {
    switch name {
    case "alpha":
      alpha = try value.nonNegativeNumber(for: name, in: estimator)
    case "l1_ratio" where includingRatio:
      l1Ratio = try value.fraction(for: name, in: estimator)
    case "fit_intercept":
      fitIntercept = try value.boolean(for: name, in: estimator)
    case "max_iter":
      maxIterations = try value.positiveInteger(for: name, in: estimator)
    case "tol":
      tolerance = try value.nonNegativeNumber(for: name, in: estimator)
    case "warm_start":
      warmStart = try value.boolean(for: name, in: estimator)
    case "positive":
      positive = try value.boolean(for: name, in: estimator)
    case "selection":
      selection = try value.choice(
        Self.selections, for: name, in: estimator)
    case "seed":
      seed = try value.optionalInteger(for: name, in: estimator)
    case "precompute":
      if case .boolean(let flag) = value {
        precompute = flag ? .always : .never
      } else if case .string("auto") = value {
        precompute = .auto
      } else {
        throw .invalidArgument(
          operation: estimator,
          message: "'precompute' must be true, false or \"auto\", got "
            + "\(value)")
      }
    default:
      throw .invalidArgument(
        operation: estimator, message: "unknown parameter '\(name)'")
    }
  }
}
