// Logistic regression: binary and multinomial, with l2, l1, elastic-net
// or no penalty, fitted by L-BFGS or OWL-QN.

/// A linear classifier fitted by minimising the penalised cross-entropy,
/// with scikit-learn's objective and parameter names:
///
///     (1 / S) sum_i s_i loss_i + penalty(W) / (C S)
///
/// with s_i the sample weights times the class weights and S their sum;
/// penalty is |W|^2 / 2 (`l2`), |W|_1 (`l1`), their mix
/// r |W|_1 + (1 - r) |W|^2 / 2 (`elasticnet`, r = `l1Ratio`) or none.
/// The intercept is never penalised (as scikit-learn's lbfgs and saga).
/// Two classes give one coefficient row (the larger label is positive);
/// more give one row per class (multinomial, softmax).
///
/// Smooth penalties use L-BFGS; `l1` and `elasticnet` use OWL-QN, which
/// handles the L1 term exactly (scikit-learn's default solver refuses
/// `l1`; this one does not). Both stop when the largest (pseudo-)gradient
/// component reaches `tol`, like scikit-learn's lbfgs.
public final class LogisticRegression: Estimator {
  public static let name = "LogisticRegression"

  /// How much the classes count.
  public enum ClassWeight: Equatable {
    /// Each class weighted by S / (K S_c): rare classes count more.
    case balanced
    /// A weight per class label (its text: "1", "yes"); others 1.
    case table([String: Double])
  }

  /// The penalty on the coefficients.
  public enum Penalty: String, CaseIterable {
    case l2, l1, elasticnet, none
  }

  // MARK: Hyper-parameters

  /// Inverse of the regularisation strength; > 0. Default 1.
  public var C = 1.0
  /// Default l2.
  public var penalty = Penalty.l2
  /// The L1 share of `elasticnet`, in [0, 1]; required for it.
  public var l1Ratio: Double?
  /// Whether to fit an intercept per class. Default true.
  public var fitIntercept = true
  /// The largest gradient component accepted at the optimum. 1e-4.
  public var tol = 1e-4
  /// Iterations allowed. Default 100.
  public var maxIterations = 100
  /// Whether `fit` starts from the previous coefficients. Default false.
  public var warmStart = false
  /// Class weights; nil weighs every class 1.
  public var classWeight: ClassWeight?

  // MARK: Fitted state

  /// Coefficients, one row per output: 1 x features for two classes,
  /// classes x features otherwise.
  public internal(set) var coefficients: Matrix?
  /// Intercepts, one per output (zeros without `fitIntercept`).
  public internal(set) var intercepts: [Double] = []
  /// The sorted distinct labels seen by `fit`.
  public internal(set) var classes: Labels?
  /// Iterations the solver ran.
  public internal(set) var iterations = 0
  /// The objective after each iteration, the starting value first.
  public internal(set) var lossHistory: [Double] = []
  /// Whether the solver converged within `maxIterations`.
  public internal(set) var converged = false
  /// Numerical trouble found by the last `fit`, each with a remedy.
  public internal(set) var warnings: [String] = []

  public init() {}

  public var isFitted: Bool { coefficients != nil }

  /// The number of features seen by `fit`.
  public var featureCount: Int { coefficients?.columns ?? 0 }

  public func cloned() -> LogisticRegression {
    let copy = LogisticRegression()
    copy.C = C
    copy.penalty = penalty
    copy.l1Ratio = l1Ratio
    copy.fitIntercept = fitIntercept
    copy.tol = tol
    copy.maxIterations = maxIterations
    copy.warmStart = warmStart
    copy.classWeight = classWeight
    return copy
  }

  public var parameters: [String: ParameterValue] {
    // A table of class weights is not a single value: it is reported as
    // none here and kept with the fitted state in model files.
    var weight = ParameterValue.none
    if classWeight == .balanced { weight = .string("balanced") }
    return [
      "C": .number(C), "penalty": .string(penalty.rawValue),
      "l1_ratio": l1Ratio.map { .number($0) } ?? .none,
      "fit_intercept": .boolean(fitIntercept), "tol": .number(tol),
      "max_iter": .number(Double(maxIterations)),
      "warm_start": .boolean(warmStart), "class_weight": weight,
    ]
  }

  public func setParameter(_ name: String, _ value: ParameterValue)
    throws(NightjarError)
  {
    let me = Self.name
    switch name {
    case "C":
      let c = try value.number(for: name, in: me)
      guard c > 0 else {
        throw .invalidArgument(
          operation: me, message: "'C' must be positive, got \(value)")
      }
      C = c
    case "penalty":
      let choice = try value.choice(
        Penalty.allCases.map(\.rawValue), for: name, in: me)
      penalty = Penalty(rawValue: choice) ?? .l2
    case "l1_ratio":
      if value == .none {
        l1Ratio = nil
        return
      }
      let ratio = try value.number(for: name, in: me)
      guard ratio >= 0, ratio <= 1 else {
        throw .invalidArgument(
          operation: me,
          message: "'l1_ratio' must be between 0 and 1, got \(value)")
      }
      l1Ratio = ratio
    case "fit_intercept":
      fitIntercept = try value.boolean(for: name, in: me)
    case "tol":
      let t = try value.number(for: name, in: me)
      guard t > 0 else {
        throw .invalidArgument(
          operation: me, message: "'tol' must be positive, got \(value)")
      }
      tol = t
    case "max_iter":
      let count = try value.integer(for: name, in: me)
      guard count >= 1 else {
        throw .invalidArgument(
          operation: me,
          message: "'max_iter' must be at least 1, got \(value)")
      }
      maxIterations = count
    case "warm_start":
      warmStart = try value.boolean(for: name, in: me)
    case "class_weight":
      if value == .none {
        classWeight = nil
      } else {
        _ = try value.choice(["balanced"], for: name, in: me)
        classWeight = .balanced
      }
    default:
      throw Self.unknownParameter(name)
    }
  }
}
