// Which classes a sampler resamples, and to how many rows.

/// imbalanced-learn's `sampling_strategy`: which classes a sampler
/// grows or shrinks, and to what count, from the class counts of y.
///
/// Over-samplers add rows: "auto" (= "not majority") grows every class
/// but the majority to the majority's count; "minority" only the
/// smallest class; "not minority" every class but it; "all" every
/// class. Under-samplers remove rows: "auto" (= "not minority") shrinks
/// every class but the minority to the minority's count; "majority"
/// only the largest; "not majority" every class but it; "all" every
/// class. A ratio r in (0, 1] is for two classes: the minority grows to
/// r x the majority's count (over), or the majority shrinks to the
/// minority's count / r (under). The majority and minority are the
/// first largest and smallest classes in sorted order.
public enum SamplingStrategy: Equatable, CustomStringConvertible {
  case auto, minority, majority, notMinority, notMajority, all
  case ratio(Double)

  /// Whether a sampler adds rows or removes them.
  public enum Direction {
    case over, under
  }

  /// The names a sampler of `direction` accepts.
  public static func names(_ direction: Direction) -> [String] {
    direction == .over
      ? ["auto", "minority", "not minority", "not majority", "all"]
      : ["auto", "majority", "not minority", "not majority", "all"]
  }

  /// The strategy named or given by `value` for a sampler of
  /// `direction`, or an error naming `estimator`.
  public static func parse(
    _ value: ParameterValue, _ direction: Direction, in estimator: String
  ) throws(NightjarError) -> SamplingStrategy {
    let names = Self.names(direction)
    if case .number(let ratio) = value {
      guard ratio > 0, ratio <= 1 else {
        throw .invalidArgument(
          operation: estimator,
          message: "'sampling_strategy' must be a ratio in (0, 1] or one of "
            + names.map { "'\($0)'" }.joined(separator: ", ")
            + ", got \(value)")
      }
      return .ratio(ratio)
    }
    switch try value.choice(names, for: "sampling_strategy", in: estimator) {
    case "minority": return .minority
    case "majority": return .majority
    case "not minority": return .notMinority
    case "not majority": return .notMajority
    case "all": return .all
    default: return .auto
    }
  }

  /// The parameter value: the name, or the ratio.
  public var value: ParameterValue {
    if case .ratio(let ratio) = self { return .number(ratio) }
    return .string(description)
  }

  public var description: String {
    switch self {
    case .auto: return "auto"
    case .minority: return "minority"
    case .majority: return "majority"
    case .notMinority: return "not minority"
    case .notMajority: return "not majority"
    case .all: return "all"
    case .ratio(let ratio): return Labels.format(ratio)
    }
  }

  /// Per class (by position in `counts`, the counts of the sorted
  /// classes): the rows to add (over) or the rows to keep (under), for
  /// the classes the strategy touches, in class order. Errors as
  /// imbalanced-learn's, in nightjar's words.
  func targets(_ counts: [Int], _ direction: Direction)
    throws(NightjarError) -> [(position: Int, count: Int)]
  {
    guard counts.count >= 2 else {
      throw .invalidArgument(
        operation: "fit_resample",
        message: "y has only one class; there is nothing to balance")
    }
    let largest = counts.max() ?? 0
    let smallest = counts.min() ?? 0
    let majority = counts.firstIndex(of: largest) ?? 0
    let minority = counts.firstIndex(of: smallest) ?? 0
    let positions = Array(counts.indices)
    func grow(_ chosen: [Int]) -> [(position: Int, count: Int)] {
      chosen.map { ($0, largest - counts[$0]) }
    }
    func shrink(_ chosen: [Int]) -> [(position: Int, count: Int)] {
      chosen.map { ($0, smallest) }
    }
    switch (self, direction) {
    case (.auto, .over), (.notMajority, .over):
      return grow(positions.filter { $0 != majority })
    case (.minority, _): return grow([minority])
    case (.notMinority, .over): return grow(positions.filter { $0 != minority })
    case (.all, .over): return grow(positions)
    case (.auto, .under), (.notMinority, .under):
      return shrink(positions.filter { $0 != minority })
    case (.majority, _): return shrink([majority])
    case (.notMajority, .under):
      return shrink(positions.filter { $0 != majority })
    case (.all, .under): return shrink(positions)
    case (.ratio(let ratio), _):
      guard counts.count == 2 else {
        throw .invalidArgument(
          operation: "fit_resample",
          message: "a ratio sampling_strategy needs two classes, y has "
            + "\(counts.count)")
      }
      if direction == .over {
        let other = 1 - majority
        let add = Int((Double(largest) * ratio
          - Double(counts[other])).rounded(.towardZero))
        guard add > 0 else {
          throw .invalidArgument(
            operation: "fit_resample",
            message: "sampling_strategy \(description) would remove rows "
              + "of the minority class; increase it")
        }
        return [(other, add)]
      }
      let other = 1 - minority
      let keep = Int((Double(smallest) / ratio).rounded(.towardZero))
      guard keep <= counts[other] else {
        throw .invalidArgument(
          operation: "fit_resample",
          message: "sampling_strategy \(description) would need new rows of "
            + "the majority class; increase it")
      }
      return [(other, keep)]
    }
  }
}
