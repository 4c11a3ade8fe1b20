// One 0/1 column per category of each input column.

/// Encodes each input column as one 0/1 column per category, as
/// scikit-learn's OneHotEncoder (dense output). Categories are learned
/// by `fit` and sorted per column: numbers ascending with NaN last (NaN
/// is a category of its own), strings in byte order.
///
/// `drop` removes one category per column: "first" (every column) or
/// "if_binary" (columns with exactly two categories); a row of that
/// category is all zeros. `handleUnknown` decides what a category not
/// seen by `fit` does in `transform`: "error" (the default) or "ignore"
/// (all zeros).
///
/// Input: a Matrix, rows x features (a vector is one feature), or
/// category columns (`Labels`: numbers or strings, one per feature),
/// the form a data frame's columns take. Infinity is an error. Output:
/// rows x (sum over features of their kept categories), columns in
/// feature order, then category order. Lookups are binary searches
/// (hashing for strings), features in parallel.
public final class OneHotEncoder: Transformer, Persistable {
  public static let name = "OneHotEncoder"

  /// Which category of a feature becomes all zeros.
  public enum Drop: String, CaseIterable {
    case first
    case ifBinary = "if_binary"
  }

  /// What a category unseen by `fit` does in `transform`.
  public enum UnknownHandling: String, CaseIterable {
    case error, ignore
  }

  /// Default nil: every category gets a column.
  public var drop: Drop?
  /// Default error.
  public var handleUnknown = UnknownHandling.error

  /// The learned categories of each feature, after fit.
  public var categories: [Labels]? { indices?.map(\.categories) }
  /// The dropped category's position (0-based) per feature; nil when
  /// `drop` is nil, nil entries for features that keep all.
  public internal(set) var droppedPositions: [Int?]?
  private var indices: [CategoryIndex]?

  public init() {}

  public var isFitted: Bool { indices != nil }

  /// The number of input features, after fit.
  public var featureCount: Int { indices?.count ?? 0 }

  public var parameters: [String: ParameterValue] {
    ["drop": drop.map { .string($0.rawValue) } ?? .none,
     "handle_unknown": .string(handleUnknown.rawValue)]
  }

  public func setParameter(_ name: String, _ value: ParameterValue)
    throws(NightjarError)
  {
    switch name {
    case "drop":
      if case .none = value {
        drop = nil
        return
      }
      let text = try value.choice(
        Drop.allCases.map(\.rawValue), for: name, in: Self.name)
      drop = Drop(rawValue: text)
    case "handle_unknown":
      let text = try value.choice(
        UnknownHandling.allCases.map(\.rawValue), for: name, in: Self.name)
      handleUnknown = UnknownHandling(rawValue: text) ?? .error
    default: throw Self.unknownParameter(name)
    }
  }

  public func cloned() -> OneHotEncoder {
    let copy = OneHotEncoder()
    copy.drop = drop
    copy.handleUnknown = handleUnknown
    return copy
  }

  /// Learns the categories of each column of X.
  public func fit(_ x: Matrix, target y: Target? = nil) throws(NightjarError)
  {
    try PreprocessingInput.check(x, "fit", allowNaN: true)
    try fit(columns: PreprocessingInput.categoryColumns(x))
  }

  /// Learns the categories of each column.
  public func fit(columns: [Labels]) throws(NightjarError) {
    _ = try PreprocessingInput.checkColumns(columns, "fit")

    let indices = try CategoryIndex.learn(columns)
    let dropped: [Int?]? = drop.map { drop in
      indices.map { index in
        drop == .first || index.count == 2 ? 0 : nil
      }
    }

    self.indices = indices
    droppedPositions = dropped
  }

  /// The number of output columns, after fit.
  public var outputWidth: Int {
    (indices ?? []).indices.reduce(0) { $0 + width(of: $1) }
  }

  /// The output columns of feature `j`.
  private func width(of j: Int) -> Int {
    guard let indices else { return 0 }
    let dropped = (droppedPositions?[j] ?? nil) == nil ? 0 : 1
    return indices[j].count - dropped
  }

  /// The one-hot rows of X.
  public func transform(_ x: Matrix) throws(NightjarError) -> Matrix {
    guard isFitted else { throw Self.notFitted("transform") }
    try PreprocessingInput.check(x, "transform", allowNaN: true)
    try PreprocessingInput.columns(
      x, expected: featureCount, noun: "encoder", "transform")
    return try transform(columns: PreprocessingInput.categoryColumns(x))
  }

  /// The one-hot rows of the given columns. An unknown category is an
  /// error naming it, its column and row (1-based) with `handleUnknown`
  /// "error": `transform: found an unknown category 7 in column 2
  /// (row 5)`.
  public func transform(columns: [Labels]) throws(NightjarError) -> Matrix {
    guard let indices else { throw Self.notFitted("transform") }
    let rows = try PreprocessingInput.checkColumns(columns, "transform")
    try CategoryIndex.checkCount(columns, indices, "encoder", "transform")
    let positions = try CategoryIndex.positions(columns, indices, "transform")
    if handleUnknown == .error {
      try CategoryIndex.checkKnown(positions, columns, "transform")
    }

    // Per feature: its first output column and its dropped position
    // (-1 for none), in plain buffers that the parallel loop reads.
    let features = indices.count
    let plan = UnsafeMutablePointer<Int>.allocate(capacity: 2 * features)
    defer { plan.deallocate() }
    var total = 0
    for j in 0..<features {
      plan[j] = total
      plan[features + j] = droppedPositions?[j].flatMap { $0 } ?? -1
      total += width(of: j)
    }
    let result = try Matrix.zeros(rows, total)
    let out = result.base
    try positions.withUnsafeBufferPointer { (found) throws(NightjarError) in
      guard let found = found.baseAddress else { return }
      try ParallelWork.forEachChunk(
        count: rows, chunkLength: ParallelWork.chunkLength(itemCost: total),
        itemCost: Swift.max(1, total)
      ) { _, range in
        for i in range {
          for j in 0..<features {
            var position = Int(found[j * rows + i])
            let dropped = plan[features + j]
            guard position >= 0, position != dropped else { continue }
            if dropped >= 0 && position > dropped { position -= 1 }
            out[i * total + plan[j] + position] = 1
          }
        }
      }
    }
    return result
  }

  /// The categories back from one-hot rows (numeric categories only):
  /// rows x features. An all-zero block is the dropped category, or NaN
  /// with `handleUnknown` "ignore" (an unknown category), else an error;
  /// otherwise the block's largest entry (the first on a tie) wins.
  public func inverseTransform(_ x: Matrix) throws(NightjarError) -> Matrix
  {
    try PreprocessingInput.matrix(
      fromCategories: try inverseTransform(columns: x))
  }

  /// The categories back from one-hot rows, as one column per feature.
  /// Unknown rows (with `handleUnknown` "ignore") are NaN in a numeric
  /// column and an error in a string column, which has no missing value.
  public func inverseTransform(columns x: Matrix) throws(NightjarError)
    -> [Labels]
  {
    guard let indices else { throw Self.notFitted("inverse_transform") }
    try PreprocessingInput.check(x, "inverse_transform", allowNaN: false)
    let total = outputWidth
    guard PreprocessingInput.shape(x).columns == total else {
      throw .shapeMismatch(
        operation: "inverse_transform",
        message: "X has \(PreprocessingInput.shape(x).columns) columns but "
          + "the encoder makes \(total)")
    }

    let rows = PreprocessingInput.shape(x).rows
    var result: [Labels] = []
    var offset = 0
    for (j, index) in indices.enumerated() {
      try Cancellation.check()
      let dropped = droppedPositions?[j] ?? nil
      let width = self.width(of: j)
      var positions = [Int](repeating: -1, count: rows)
      for i in 0..<rows {
        let block = x.base + i * total + offset
        var best = -1
        var largest = 0.0
        for k in 0..<width where block[k] > largest {
          best = k
          largest = block[k]
        }
        if best < 0 {
          if let dropped {
            positions[i] = dropped
            continue
          }
          guard handleUnknown == .ignore else {
            throw .invalidArgument(
              operation: "inverse_transform",
              message: "row \(i + 1) has no category in column \(j + 1) "
                + "(all zeros, and nothing was dropped)")
          }
          continue
        }
        positions[i] = dropped.map { best >= $0 ? best + 1 : best } ?? best
      }
      result.append(try index.values(at: positions, "inverse_transform"))
      offset += width
    }
    return result
  }

  /// The output column names: `x0_1`, `x0_nan`, `color_red`: the input
  /// names (default `x0`, `x1`, ... as scikit-learn) joined with each
  /// kept category by "_".
  public func featureNames(input: [String]? = nil) throws(NightjarError)
    -> [String]
  {
    guard let indices else {
      throw Self.notFitted("get_feature_names_out")
    }
    let names = try CategoryIndex.inputNames(input, count: indices.count)
    var result: [String] = []
    for (j, index) in indices.enumerated() {
      let dropped = droppedPositions?[j] ?? nil
      for position in 0..<index.count where position != dropped {
        result.append(names[j] + "_" + index.text(at: position))
      }
    }
    return result
  }

  public func fittedState() throws(NightjarError) -> JSON? {
    guard let indices else { return nil }
    var members: [(String, JSON)] = [
      ("categories", .array(indices.map { JSON($0.categories) }))
    ]
    if let droppedPositions {
      members.append(
        ("drop_idx", .array(droppedPositions.map {
          $0.map { .number(Double($0)) } ?? .null
        })))
    }
    return .object(members)
  }

  public func restore(_ state: JSON) throws(NightjarError) {
    let indices = try CategoryIndex.restore(state, Self.name)
    var dropped: [Int?]?
    if case .array(let items)? = state["drop_idx"] {
      guard items.count == indices.count else {
        throw ModelFile.corrupt("OneHotEncoder: drop_idx does not match")
      }
      dropped = []
      for (item, index) in zip(items, indices) {
        guard item != .null else {
          dropped?.append(nil)
          continue
        }
        guard let position = item.number.flatMap({ Int(exactly: $0) }),
          position >= 0, position < index.count
        else { throw ModelFile.corrupt("OneHotEncoder: bad drop_idx") }
        dropped?.append(position)
      }
    }
    self.indices = indices
    droppedPositions = dropped
  }
}
