// Summary statistics over Float64 values that skip NaN (missing).

/// The kernels behind `describe` and `groupBy` aggregations. Every one
/// skips NaN, as pandas' default `skipna=True` does.
enum Statistics {
  /// Count, sum and mean of the values that are not NaN, summed with
  /// Neumaier's compensation (Kahan summation improved for terms larger
  /// than the running sum), so that the error does not grow with n.
  /// The sum of no values is 0 and their mean NaN.
  static func moments(_ values: some Collection<Double>)
    -> (count: Int, sum: Double, mean: Double)
  {
    var count = 0
    var sum = 0.0
    var compensation = 0.0
    // Neumaier: keep the low-order bits the addition dropped.
    for value in values where !value.isNaN {
      count += 1
      let total = sum + value
      if abs(sum) >= abs(value) {
        compensation += (sum - total) + value
      } else {
        compensation += (value - total) + sum
      }
      sum = total
    }
    let total = sum + compensation
    return (count, total, count == 0 ? .nan : total / Double(count))
  }

  /// The sample variance (divided by n - `ddof`), NaN when n <= ddof.
  /// Two passes: the mean first, then the compensated sum of squared
  /// deviations, which avoids the cancellation of the one-pass formula.
  static func variance(_ values: some Collection<Double>, ddof: Int = 1)
    -> Double
  {
    let (count, _, mean) = moments(values)
    guard count > ddof else { return .nan }
    // Deviations from the mean, squared and summed with compensation.
    let squares = values.lazy.filter { !$0.isNaN }.map {
      ($0 - mean) * ($0 - mean)
    }
    return moments(squares).sum / Double(count - ddof)
  }

  /// The smallest and largest values that are not NaN; NaN for none.
  static func extremes(_ values: some Collection<Double>)
    -> (min: Double, max: Double)
  {
    var low = Double.nan
    var high = Double.nan
    // NaN compares false, so the first real value replaces it.
    for value in values where !value.isNaN {
      if !(value >= low) { low = value }
      if !(value <= high) { high = value }
    }
    return (low, high)
  }

  /// The q-quantiles (each q in 0...1) of the values that are not NaN,
  /// by linear interpolation between the order statistics at positions
  /// floor(h) and ceil(h), h = (n - 1) q: numpy's default "linear"
  /// method, which pandas' describe uses. NaN for no values.
  static func quantiles(_ values: some Collection<Double>, _ qs: [Double])
    -> [Double]
  {
    let sorted = values.filter { !$0.isNaN }.sorted()
    guard let last = sorted.indices.last else {
      return qs.map { _ in .nan }
    }
    return qs.map { q in
      // Interpolate from the nearer end, as numpy's lerp, so q = 1 is
      // exactly the maximum.
      let h = Double(last) * q
      let below = Int(h.rounded(.down))
      let above = min(below + 1, last)
      let t = h - Double(below)
      let a = sorted[below]
      let b = sorted[above]
      return t < 0.5 ? a + (b - a) * t : b - (b - a) * (1 - t)
    }
  }
}
