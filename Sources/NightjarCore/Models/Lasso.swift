// Least squares with an L1 penalty, scikit-learn's Lasso.

/// The lasso: the w and b minimising
///
///     1 / (2 n) sum_i s_i (y_i - x_i . w - b)^2 + alpha |w|_1
///
/// over X (n rows x features) and y (n), with sample weights s rescaled
/// to sum to n (1 each by default); the intercept is not penalised. It
/// is `ElasticNet` with `l1_ratio` = 1 (and no `l1_ratio` parameter):
/// coordinate descent stopped by the duality gap, with gap-safe
/// screening of features that are 0 at the optimum, on the Gram matrix
/// or the columns of X as `precompute` decides.
///
/// Hyper-parameters, scikit-learn's names and defaults: `alpha` (1),
/// `fit_intercept` (true), `max_iter` (1000), `tol` (1e-4), `warm_start`
/// (false), `positive` (false), `selection` ("cyclic" or "random"),
/// `seed` (nil, read as 0), `precompute` ("auto", true or false).
/// Fitted: `coefficients`, `intercept`, `iterations` (`n_iter_`),
/// `dualGap` (`dual_gap_`). A run that stops at `max_iter` keeps its
/// result and leaves a line in `warnings`. NaN or infinity in X, y or
/// the weights is an error naming its place.
public final class Lasso: LinearRegressor {
  public static let name = "Lasso"

  /// The hyper-parameters; `l1Ratio` stays 1.
  public private(set) var settings: ElasticNetSettings = {
    var settings = ElasticNetSettings()
    settings.l1Ratio = 1
    return settings
  }()

  var fitted: ElasticNetFit?
  /// What the last `fit` wants the user to know (no convergence, alpha
  /// 0), one sentence each with the remedy; empty when all went well.
  /// Core never prints: the caller shows them.
  public private(set) var warnings: [String] = []

  /// An unfitted model with scikit-learn's defaults.
  public init() {}

  public var parameters: [String: ParameterValue] {
    settings.parameters(includingRatio: false)
  }

  public func setParameter(_ name: String, _ value: ParameterValue)
    throws(NightjarError)
  {
    try settings.set(
      name, value, estimator: Self.name, includingRatio: false)
  }

  public func cloned() -> Lasso {
    let copy = Lasso()
    copy.settings = settings
    return copy
  }

  public var isFitted: Bool { fitted != nil }
  public var coefficients: Matrix? { fitted?.linear.coefficientVector() }
  public var intercept: Double { fitted?.linear.intercept ?? 0 }
  public var featureCount: Int { fitted?.linear.coefficients.count ?? 0 }
  /// Passes over the features the last fit made; 0 before `fit`.
  public var iterations: Int { fitted?.iterations ?? 0 }
  /// The duality gap the last fit reached, on the scale of the
  /// objective; 0 before `fit`.
  public var dualGap: Double { fitted?.dualGap ?? 0 }

  /// Fits to X (rows x features) and y (a vector of rows, or a matrix of
  /// one column), with optional non-negative sample weights (rows).
  /// Throws `fit: X has 120 rows but y has 119`, `fit: input contains
  /// NaN (column 3, row 31)` and the like; a failed fit leaves the
  /// previous fit in place. Cost per pass: O(rows features), or
  /// O(features^2) on the Gram matrix after O(rows features^2) to form
  /// it.
  public func fit(_ x: Matrix, _ y: Matrix, sampleWeight: Matrix? = nil)
    throws(NightjarError)
  {
    let (fit, notes) = try settings.fit(
      x, y, sampleWeight: sampleWeight,
      start: fitted?.linear.coefficients, estimator: Self.name)
    fitted = fit
    warnings = notes
  }

  /// X w + b for X (rows x the features seen by `fit`): a vector of rows
  /// (`cblas_dgemv`). Throws `predict: this Lasso is not fitted yet; call
  /// fit first` or `predict: X has 4 columns but the model was fitted
  /// with 5`.
  public func predict(_ x: Matrix) throws(NightjarError) -> Matrix {
    guard let fitted else { throw Self.notFitted("predict") }
    return try fitted.linear.predict(x, operation: "predict")
  }
}
