// ml.KFold, ml.StratifiedKFold, ml.cross_val_score, ml.cross_validate
// and ml.GridSearchCV.

import CLua
import NightjarCore

/// A KFold as a Lua object.
final class KFoldObject {
  let folds: KFold
  init(_ folds: KFold) { self.folds = folds }
}

/// A StratifiedKFold as a Lua object.
final class StratifiedKFoldObject {
  let folds: StratifiedKFold
  init(_ folds: StratifiedKFold) { self.folds = folds }
}

/// Binds model selection; translation only.
enum SelectionBindings {
  static func register(in state: LuaState) {
    registerKFold(in: state)
    registerStratified(in: state)
    registerCrossValidation(in: state)
    GridSearchBindings.register(in: state)
    RandomizedSearchBindings.register(in: state)
    EstimatorBindings.register(in: state)
  }

  /// n_splits, shuffle and seed from an options table.
  static func splitter(_ call: LuaCall, _ index: Int32)
    throws(LuaError) -> (Int, Bool, UInt64)
  {
    let values = try call.options(
      index, known: ["n_splits", "shuffle", "seed"])
    var splits = 5
    if case .number(let value) = values["n_splits"] {
      guard let whole = Int(exactly: value) else {
        throw call.argumentError(index, "n_splits must be a whole number")
      }
      splits = whole
    }
    var shuffle = false
    if case .boolean(let flag) = values["shuffle"] { shuffle = flag }
    var seed: UInt64 = 0
    if case .number(let value) = values["seed"] {
      seed = UInt64(exactly: value.rounded()) ?? 0
    }
    return (splits, shuffle, seed)
  }

  /// Pushes splits as {{train = {...}, test = {...}}, ...}, 1-based.
  static func push(_ splits: [Split], _ call: LuaCall) {
    let L = call.L
    lua_createtable(L, Int32(splits.count), 0)  // [+1]
    for (position, split) in splits.enumerated() {
      lua_createtable(L, 0, 2)  // [+1]
      call.push(numbers: split.train.map { Double($0 + 1) })  // [+1]
      lua_setfield(L, -2, "train")  // [-1]
      call.push(numbers: split.test.map { Double($0 + 1) })  // [+1]
      lua_setfield(L, -2, "test")  // [-1]
      lua_rawseti(L, -2, lua_Integer(position + 1))  // [-1]
    }
  }

  /// The row count of X (a Matrix) or a number given instead.
  static func rowCount(_ call: LuaCall, _ index: Int32) throws(LuaError)
    -> Int
  {
    if call.type(index) == LUA_TNUMBER { return try call.integer(index) }
    return try call.object(Matrix.self, index).rows
  }

  private static func registerKFold(in state: LuaState) {
    let kfold = LuaClass<KFoldObject>(
      "KFold", group: "Model selection",
      help: """
        ml.KFold{n_splits = 5, shuffle = false, seed = 0} -> splitter
          Consecutive folds (after a seeded shuffle when asked); each is
          the test set once. Use as cv = ml.KFold{...} or call :split.
        """)
    kfold.constructor { call throws(LuaError) in
      let (splits, shuffle, seed) = try splitter(call, 1)
      try call.push(KFoldObject(
        KFold(splits: splits, shuffle: shuffle, seed: seed)))
      return 1
    }
    kfold.method(
      "split",
      help: """
        kfold:split(X or n) -> {{train = {...}, test = {...}}, ...}
          Row numbers (1-based) of each fold.
        """
    ) { call, object throws(LuaError) in
      let count = try rowCount(call, 2)
      push(try MatrixBindings.core { try object.folds.split(count: count) },
           call)
      return 1
    }
    kfold.method(
      "get_n_splits", help: "kfold:get_n_splits() -> n_splits"
    ) { call, object throws(LuaError) in
      call.push(object.folds.splits)
      return 1
    }
    kfold.describe { "KFold{n_splits = \($0.folds.splits)}" }
    state.register(kfold)
  }

  private static func registerStratified(in state: LuaState) {
    let folds = LuaClass<StratifiedKFoldObject>(
      "StratifiedKFold", group: "Model selection",
      help: """
        ml.StratifiedKFold{n_splits = 5, shuffle = false, seed = 0}
          Folds that keep each class's share of the rows, as
          scikit-learn's (the same folds without shuffling).
        """)
    folds.constructor { call throws(LuaError) in
      let (splits, shuffle, seed) = try splitter(call, 1)
      try call.push(StratifiedKFoldObject(
        StratifiedKFold(splits: splits, shuffle: shuffle, seed: seed)))
      return 1
    }
    folds.method(
      "split",
      help: """
        folds:split(X, y) -> {{train = {...}, test = {...}}, ...}
          Row numbers (1-based) of each fold, stratified by y.
        """
    ) { call, object throws(LuaError) in
      let y = try call.labels(call.isNil(3) ? 2 : 3)
      push(try MatrixBindings.core { try object.folds.split(y) }, call)
      return 1
    }
    folds.method(
      "get_n_splits", help: "folds:get_n_splits() -> n_splits"
    ) { call, object throws(LuaError) in
      call.push(object.folds.splits)
      return 1
    }
    folds.describe { "StratifiedKFold{n_splits = \($0.folds.splits)}" }
    state.register(folds)
  }

  /// cv from an options table: a number, a splitter or a list of splits.
  static func folds(_ call: LuaCall, _ index: Int32) throws(LuaError)
    -> FoldSource
  {
    guard call.type(index) == LUA_TTABLE else { return .count(5) }
    let kind = call.rawField(index, "cv")  // [+1]
    defer { call.pop() }  // [-1]
    switch kind {
    case LUA_TNIL: return .count(5)
    case LUA_TNUMBER: return .count(try call.integer(-1))
    default:
      if let object = call.optionalObject(KFoldObject.self, -1) {
        return .kFold(object.folds)
      }
      if let object = call.optionalObject(StratifiedKFoldObject.self, -1) {
        return .stratified(object.folds)
      }
      throw call.argumentError(
        index, "cv must be a number, ml.KFold or ml.StratifiedKFold")
    }
  }

  /// scoring from an options table: a name, or the default.
  static func scorer(_ call: LuaCall, _ index: Int32, _ operation: String)
    throws(LuaError) -> Scorer
  {
    guard call.type(index) == LUA_TTABLE else { return .defaultScore }
    let kind = call.rawField(index, "scoring")  // [+1]
    defer { call.pop() }  // [-1]
    if kind == LUA_TNIL { return .defaultScore }
    guard let name = luaString(call.L, -1) else {
      throw call.argumentError(index, "scoring must be a name")
    }
    do throws(NightjarError) {
      return try Scorer.named(name, operation: operation)
    } catch {
      throw LuaError.option(error, index)
    }
  }

  private static func registerCrossValidation(in state: LuaState) {
    let known: Set<String> = ["cv", "scoring"]
    state.define(
      "cross_val_score", group: "Model selection",
      help: """
        ml.cross_val_score(estimator, X, y [, {cv = 5, scoring = nil}])
          -> Matrix of scores, one per fold
          Fits a copy of the estimator on each fold's training rows and
          scores it on the fold (default: its score method). cv = k uses
          StratifiedKFold for classifiers, KFold otherwise. Folds run on
          all cores.
        """
    ) { call throws(LuaError) in
      let estimator = try call.estimator(1)
      let x = try call.object(Matrix.self, 2)
      let y = try call.target(3)
      _ = try call.options(4, known: known, tables: ["cv"])
      let source = try folds(call, 4)
      let scoring = try scorer(call, 4, "cross_val_score")
      let results = try MatrixBindings.core {
        try CrossValidation.run(estimator, x, y, folds: source,
                                scorer: scoring)
      }
      try call.push(matrix: MatrixBindings.core {
        try Matrix(vector: results.scores.first ?? [])
      })
      return 1
    }
    state.define(
      "cross_validate", group: "Model selection",
      help: """
        ml.cross_validate(estimator, X, y [, {cv = 5, scoring = nil}])
          -> {test_score = Matrix, fit_time = Matrix}
          cross_val_score with the seconds each fit took.
        """
    ) { call throws(LuaError) in
      let estimator = try call.estimator(1)
      let x = try call.object(Matrix.self, 2)
      let y = try call.target(3)
      _ = try call.options(4, known: known, tables: ["cv"])
      let source = try folds(call, 4)
      let scoring = try scorer(call, 4, "cross_validate")
      let results = try MatrixBindings.core {
        try CrossValidation.run(estimator, x, y, folds: source,
                                scorer: scoring)
      }
      lua_createtable(call.L, 0, 2)  // [+1]
      try call.push(matrix: MatrixBindings.core {
        try Matrix(vector: results.scores.first ?? [])
      })  // [+1]
      lua_setfield(call.L, -2, "test_score")  // [-1]
      try call.push(matrix: MatrixBindings.core {
        try Matrix(vector: results.fitTimes.first ?? [])
      })  // [+1]
      lua_setfield(call.L, -2, "fit_time")  // [-1]
      call.emit(warnings: results.failures.map { "fit failed: \($0)" })
      return 1
    }
  }
}
