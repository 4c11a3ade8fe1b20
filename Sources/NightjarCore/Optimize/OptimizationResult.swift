// What a minimiser reports: where it stopped and why.

/// The outcome of a minimisation.
public struct OptimizationResult: Equatable {
  /// Why the minimiser stopped.
  public enum Stop: Equatable {
    /// The largest gradient component fell to the tolerance.
    case gradientTolerance
    /// The objective's relative decrease fell to the tolerance.
    case functionTolerance
    /// `maxIterations` were used up: the result is not converged.
    case maxIterations
    /// No step along the search direction decreased the objective
    /// enough (usually: already at the optimum to rounding).
    case lineSearchFailed
  }

  /// Iterations done (one line search each), as scipy counts `nit`.
  public var iterations: Int
  /// The objective at the returned point.
  public var objective: Double
  /// The objective after each iteration, the starting value first.
  public var history: [Double]
  /// Why the minimiser stopped.
  public var stop: Stop

  /// Whether the stop means convergence (not an exhausted budget).
  public var converged: Bool { stop != .maxIterations }
}
