// ml.StandardScaler and ml.train_test_split.

import CLua
import NightjarCore

/// Binds preprocessing and the train/test split; translation only.
enum PreprocessingBindings {
  static func register(in state: LuaState) {
    registerStandardScaler(in: state)
    registerSplit(in: state)
  }

  private static func registerStandardScaler(in state: LuaState) {
    let scaler = LuaClass<StandardScaler>(
      "StandardScaler", group: "Preprocessing",
      help: """
        ml.StandardScaler{with_mean = true, with_std = true} -> scaler
          Scales each column to zero mean and unit variance:
          (x - mean_) / scale_, scale_ the population standard deviation
          (1 for a constant column). NaN is ignored by fit and kept by
          transform; infinity is an error.
        Example:
          local s = ml.StandardScaler()
          local Xtr, Xte = s:fit_transform(Xtr), s:transform(Xte)
        """)
    let known: Set<String> = ["with_mean", "with_std"]
    addConstructor(scaler, known: known)
    addParameters(scaler, known: known)
    addTransformer(
      scaler, noun: "scaler",
      fit: "Learns mean_, var_ and scale_ per column (NaN ignored).",
      transform: "(x - mean_) / scale_ per column.",
      inverse: { (scaler, x) throws(NightjarError) in
        try scaler.inverseTransform(x)
      })
    for (name, help, value) in [
      ("mean_", "column means", \StandardScaler.mean),
      ("var_", "column variances (ddof 0)", \StandardScaler.variance),
      ("scale_", "column divisors (1 for a constant column)",
       \StandardScaler.scale),
    ] {
      scaler.matrixField(name, help) { $0[keyPath: value] }
    }
    scaler.property(
      "n_samples_seen_", help: "non-NaN values seen per column"
    ) { call, scaler throws(LuaError) in
      guard scaler.isFitted else {
        call.pushNil()
        return 1
      }
      call.push(numbers: scaler.samplesSeen.map(Double.init))
      return 1
    }
    ModelFileBindings.addSave(scaler)
    scaler.describe { scaler in
      "StandardScaler" + (scaler.mean.map { " fitted: \($0.count) columns" }
        ?? "")
    }
    state.register(scaler)
  }

  private static func registerSplit(in state: LuaState) {
    state.define(
      "train_test_split", group: "Model selection",
      help: """
        ml.train_test_split(X, y, ... [, options]) -> X_train, X_test,
                                                      y_train, y_test, ...
          Splits every array given (Matrix rows, or tables of labels) the
          same way: two pieces each, in order.
        Options (defaults):
          test_size = 0.25   a share of the rows, or a count (>= 1)
          seed = 0           the shuffle's seed (same seed, same split)
          shuffle = true     false keeps the last rows as the test part
          stratify = nil     labels whose class shares both parts keep
        Example:
          local Xtr, Xte, ytr, yte =
            ml.train_test_split(X, y, {test_size = 0.2, seed = 7})
        """
    ) { call throws(LuaError) in
      var arrays = call.count
      var split = TrainTestSplit()
      var stratify: Labels?
      let last = call.count
      if last >= 1, call.type(last) == LUA_TTABLE,
        lua_rawgeti(call.L, last, 1) == LUA_TNIL
      {
        call.pop()
        arrays -= 1
        let values = try call.options(
          last, known: ["test_size", "seed", "shuffle", "stratify"],
          tables: ["stratify"])
        if case .number(let size) = values["test_size"] {
          if size >= 1, let count = Int(exactly: size) {
            split.testCount = count
          } else {
            split.testSize = size
          }
        }
        if case .number(let seed) = values["seed"] {
          split.seed = UInt64(exactly: seed.rounded()) ?? 0
        }
        if case .boolean(let flag) = values["shuffle"] { split.shuffle = flag }
        let kind = call.rawField(last, "stratify")  // [+1]
        if kind != LUA_TNIL {
          stratify = try call.labels(lua_gettop(call.L))
        }
        call.pop()  // [-1]
      } else if last >= 1, call.type(last) == LUA_TTABLE {
        call.pop()
      }
      guard arrays >= 1 else {
        throw call.argumentError(1, "Matrix or table expected, got no value")
      }
      let rows = try rowCount(call, 1)
      for index in 2...max(2, arrays) where index <= arrays {
        let count = try rowCount(call, Int32(index))
        guard count == rows else {
          throw .message(
            "train_test_split: argument 1 has \(rows) rows but argument "
              + "\(index) has \(count)")
        }
      }
      let parts = try MatrixBindings.core {
        try split.split(count: rows, stratify: stratify)
      }
      for index in 1...arrays {
        for rows in [parts.train, parts.test] {
          if let matrix = call.optionalObject(Matrix.self, Int32(index)) {
            try call.push(matrix: try MatrixBindings.core {
              try matrix.rows(at: rows)
            })
          } else {
            try call.push(labels: try call.labels(Int32(index)).take(rows))
          }
        }
      }
      return Int32(2 * arrays)
    }
  }

  /// Rows of a Matrix or the length of a table of labels.
  private static func rowCount(_ call: LuaCall, _ index: Int32)
    throws(LuaError) -> Int
  {
    if let matrix = call.optionalObject(Matrix.self, index) {
      return matrix.isVector ? matrix.count : matrix.rows
    }
    return try call.labels(index).count
  }
}
