// Class labels and targets as values: numbers or strings, never indices.

/// A column of labels: numbers (0/1, 1.5, ...) or strings ("yes", "no").
///
/// A label is a value, so string labels stay strings through fitting and
/// prediction. Classes are the sorted distinct values: numbers ascending,
/// strings in byte order (as Python sorts them), so that "the positive
/// class" of a binary problem is the larger one, as in scikit-learn.
public enum Labels: Equatable {
  case numbers([Double])
  case strings([String])

  /// The number of labels.
  public var count: Int {
    switch self {
    case .numbers(let values): return values.count
    case .strings(let values): return values.count
    }
  }

  /// "numbers" or "strings", for messages.
  public var kind: String {
    switch self {
    case .numbers: return "numbers"
    case .strings: return "strings"
    }
  }

  /// The label at `index` (0-based) as text: numbers as Lua prints them.
  public func text(at index: Int) -> String {
    switch self {
    case .numbers(let values): return Labels.format(values[index])
    case .strings(let values): return values[index]
    }
  }

  static func format(_ value: Double) -> String {
    if value == value.rounded(), Swift.abs(value) < 1e15 {
      return String(Int(value))
    }
    return CFormat.string(value, "%.14g")
  }

  /// The sorted distinct labels. NaN is not a label: an error naming
  /// `operation` and the row.
  public func classes(_ operation: String) throws(NightjarError) -> Labels {
    switch self {
    case .numbers(let values):
      if let row = values.firstIndex(where: { $0.isNaN }) {
        throw .invalidArgument(
          operation: operation,
          message: "y contains NaN (row \(row + 1))")
      }
      // Labels are long columns of a few distinct numbers: collect them
      // with a short linear scan per value, and sort only the distinct
      // ones; past 32 of them, sorting the whole copy is cheaper.
      var distinct: [Double] = []
      scan: for value in values where !distinct.contains(value) {
        guard distinct.count < 32 else {
          distinct.removeAll()
          break scan
        }
        distinct.append(value)
      }
      if !distinct.isEmpty || values.isEmpty {
        return .numbers(distinct.sorted())
      }
      var sorted = values.sorted()
      var write = 0
      for value in sorted where write == 0 || sorted[write - 1] != value {
        sorted[write] = value
        write += 1
      }
      return .numbers(Array(sorted[0..<write]))
    case .strings(let values):
      return .strings(Array(Set(values)).sorted {
        Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8))
      })
    }
  }

  /// The position of each label among `classes` (0-based), or -1 for a
  /// label that is not one of them. Nil when the kinds differ.
  public func encode(with classes: Labels) -> [Int32]? {
    switch (self, classes) {
    case (.numbers(let values), .numbers(let known)):
      guard zip(known, known.dropFirst()).allSatisfy({ $0 < $1 }) else {
        var position: [Double: Int32] = [:]
        for (index, value) in known.enumerated().reversed() {
          position[value] = Int32(index)
        }
        return values.map { position[$0] ?? -1 }
      }
      // Sorted classes (the usual case): a binary search per label.
      return values.map { value in
        var low = 0
        var high = known.count
        while low < high {
          let middle = (low + high) / 2
          if known[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < known.count && known[low] == value ? Int32(low) : -1
      }
    case (.strings(let values), .strings(let known)):
      var position: [String: Int32] = [:]
      for (index, value) in known.enumerated() {
        position[value] = Int32(index)
      }
      return values.map { position[$0] ?? -1 }
    default:
      return nil
    }
  }

  /// The labels at `indices` (0-based), in that order.
  public func take(_ indices: [Int]) -> Labels {
    switch self {
    case .numbers(let values): return .numbers(indices.map { values[$0] })
    case .strings(let values): return .strings(indices.map { values[$0] })
    }
  }

  /// The labels of `classes` at each code (0-based positions).
  public static func decode(_ codes: [Int], classes: Labels) -> Labels {
    classes.take(codes)
  }
}
