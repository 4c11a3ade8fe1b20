// The standard normal quantile function, for RobustScaler's unit_variance.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The standard normal distribution's quantile (inverse CDF).
enum NormalDistribution {
  /// The x with P(Z <= x) = p for a standard normal Z: -infinity at 0,
  /// +infinity at 1, NaN outside [0, 1].
  ///
  /// Acklam's rational approximation (relative error below 1.2e-9),
  /// then one Halley step on erfc, which brings it to a few units in
  /// the last place, as SciPy's `norm.ppf`.
  static func quantile(_ p: Double) -> Double {
    guard p > 0, p < 1 else {
      if p == 0 { return -.infinity }
      if p == 1 { return .infinity }
      return .nan
    }
    // The upper half by symmetry: 1 - p is exact there (Sterbenz), and
    // the lower tail keeps full relative precision in the Halley step,
    // where Phi(x) - p near 1 would cancel.
    if p > 0.5 { return -quantile(1 - p) }
    let a = [-3.969683028665376e+01, 2.209460984245205e+02,
             -2.759285104469687e+02, 1.383577518672690e+02,
             -3.066479806614716e+01, 2.506628277459239e+00]
    let b = [-5.447609879822406e+01, 1.615858368580409e+02,
             -1.556989798598866e+02, 6.680131188771972e+01,
             -1.328068155288572e+01]
    let c = [-7.784894002430293e-03, -3.223964580411365e-01,
             -2.400758277161838e+00, -2.549732539343734e+00,
             4.374664141464968e+00, 2.938163982698783e+00]
    let d = [7.784695709041462e-03, 3.224671290700398e-01,
             2.445134137142996e+00, 3.754408661907416e+00]
    let low = 0.02425
    let x: Double
    // The tail by a rational function of sqrt(-2 log p), the centre by
    // one of (p - 1/2)^2.
    if p < low {
      let q = (-2 * log(p)).squareRoot()
      let numerator = ((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q
        + c[4]) * q + c[5]
      let denominator = (((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1
      x = numerator / denominator
    } else {
      let q = p - 0.5
      let r = q * q
      let numerator = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r
        + a[4]) * r + a[5]) * q
      let denominator = ((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r
        + b[4]) * r + 1
      x = numerator / denominator
    }
    // Halley's step on f(x) = Phi(x) - p, Phi from erfc (accurate in
    // both tails).
    let error = 0.5 * erfc(-x / 2.0.squareRoot()) - p
    let u = error * (2 * Double.pi).squareRoot() * exp(x * x / 2)
    return x - u / (1 + x * u / 2)
  }
}
