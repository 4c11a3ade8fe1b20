// ml.RandomizedSearchCV, ml.ParameterSampler and the distributions it
// draws from: ml.uniform, ml.loguniform, ml.randint, ml.choice.

import CLua
import NightjarCore

/// A ParameterDistribution as a Lua object.
final class DistributionObject {
  let distribution: ParameterDistribution
  init(_ distribution: ParameterDistribution) {
    self.distribution = distribution
  }
}

/// Binds the randomized search; translation only.
enum RandomizedSearchBindings {
  static func register(in state: LuaState) {
    registerDistributions(in: state)
    registerSampler(in: state)
    registerSearch(in: state)
  }

  // MARK: Distributions

  private static func registerDistributions(in state: LuaState) {
    let distribution = LuaClass<DistributionObject>(
      "Distribution", group: "Model selection",
      help: """
        A distribution of hyper-parameter values for ml.RandomizedSearchCV
        (made by ml.uniform, ml.loguniform, ml.randint or ml.choice).
        """)
    distribution.method(
      "sample",
      help: """
        distribution:sample(n [, seed]) -> table
          n values drawn with the seed (default 0), to see what a search
          would try.
        """
    ) { call, object throws(LuaError) in
      let count = try call.integer(2)
      guard count >= 0 else {
        throw call.argumentError(2, "n must be at least 0")
      }
      let seed = try call.integer(3, or: 0)
      var generator = RandomGenerator(seed: seed)
      let values = (0..<count).map { _ in
        object.distribution.sample(&generator)
      }
      lua_createtable(call.L, Int32(clamping: count), 0)  // [+1]
      for (position, value) in values.enumerated() {
        push(value, call)  // [+1]
        lua_rawseti(call.L, -2, lua_Integer(position + 1))  // [-1]
      }
      return 1
    }
    distribution.describe { $0.distribution.description }
    state.register(distribution)

    for (name, log) in [("uniform", false), ("loguniform", true)] {
      state.define(
        name, group: "Model selection",
        help: log
          ? """
          ml.loguniform(low, high) -> distribution
            Values whose logarithm is uniform: as many between 0.01 and 0.1
            as between 1 and 10 (scipy's loguniform), for C or alpha.
            0 < low < high.
            Example: ml.RandomizedSearchCV(ml.Ridge(),
                       {alpha = ml.loguniform(1e-3, 1e3)})
          """
          : """
          ml.uniform(low, high) -> distribution
            Values spread evenly over [low, high) (note: scipy's uniform
            takes loc and scale; this takes the two ends).
            Example: {l1_ratio = ml.uniform(0, 1)}
          """
      ) { call throws(LuaError) in
        let low = try call.number(1)
        let high = try call.number(2)
        let made = try MatrixBindings.core {
          try ParameterDistribution.checkedUniform(low, high, log: log)
        }
        try call.push(DistributionObject(made))
        return 1
      }
    }
    state.define(
      "randint", group: "Model selection",
      help: """
        ml.randint(low, high) -> distribution
          Whole numbers low, ..., high - 1, equally likely (high excluded,
          as scipy's randint).
          Example: {max_iter = ml.randint(100, 1000)}
        """
    ) { call throws(LuaError) in
      let low = try call.integer(1)
      let high = try call.integer(2)
      let made = try MatrixBindings.core {
        try ParameterDistribution.checkedIntegers(low, high)
      }
      try call.push(DistributionObject(made))
      return 1
    }
    state.define(
      "choice", group: "Model selection",
      help: """
        ml.choice{value, ...} -> distribution
          One of the values, equally likely: what a plain list in the
          search's table means too.
          Example: {penalty = ml.choice{"l1", "l2"}}
        """
    ) { call throws(LuaError) in
      try call.checkTable(1)
      let values = try readList(call, 1, argument: 1, name: "choice")
      let made = try MatrixBindings.core {
        try ParameterDistribution.checkedChoice(values)
      }
      try call.push(DistributionObject(made))
      return 1
    }
  }

  /// Pushes a parameter value. [+1]
  private static func push(_ value: ParameterValue, _ call: LuaCall) {
    switch value {
    case .number(let number):
      if let whole = Int(exactly: number), abs(whole) < 1 << 53 {
        call.push(whole)
      } else {
        call.push(number)
      }
    case .string(let text): call.push(text)
    case .boolean(let flag): call.push(flag)
    case .none: call.pushNil()
    }
  }

  // MARK: Reading the distributions table

  /// The sequence at stack slot `list` as parameter values.
  private static func readList(
    _ call: LuaCall, _ list: Int32, argument: Int32, name: String
  ) throws(LuaError) -> [ParameterValue] {
    let L = call.L
    let table = lua_absindex(L, list)
    var values: [ParameterValue] = []
    for position in 0..<Int(lua_rawlen(L, table)) {
      _ = lua_rawgeti(L, table, lua_Integer(position + 1))  // [+1]
      defer { call.pop() }  // [-1]
      guard let value = parameter(L, -1) else {
        throw call.argumentError(
          argument, "values of '\(name)' must be numbers, strings or "
            + "booleans")
      }
      values.append(value)
    }
    return values
  }

  private static func parameter(_ L: OpaquePointer, _ index: Int32)
    -> ParameterValue?
  {
    switch lua_type(L, index) {
    case LUA_TNUMBER: return .number(lua_tonumberx(L, index, nil))
    case LUA_TSTRING: return luaString(L, index).map { .string($0) }
    case LUA_TBOOLEAN: return .boolean(lua_toboolean(L, index) != 0)
    default: return nil
    }
  }

  /// The distributions at `index`: {name = distribution, list or value}
  /// or a list of such tables.
  static func readSpaces(_ call: LuaCall, _ index: Int32)
    throws(LuaError) -> [[String: ParameterDistribution]]
  {
    try call.checkTable(index)
    let L = call.L
    let table = lua_absindex(L, index)
    let first = lua_rawgeti(L, table, 1)  // [+1]
    call.pop()  // [-1]
    guard first == LUA_TTABLE else {
      return [try readSpace(call, index, table)]
    }
    var spaces: [[String: ParameterDistribution]] = []
    for position in 1...Int(lua_rawlen(L, table)) {
      _ = lua_rawgeti(L, table, lua_Integer(position))  // [+1]
      defer { call.pop() }  // [-1]
      guard lua_type(L, -1) == LUA_TTABLE else {
        throw call.argumentError(
          index, "distributions \(position) must be a table, got "
            + call.typeName(-1))
      }
      spaces.append(try readSpace(call, index, lua_absindex(L, -1)))
    }
    return spaces
  }

  /// One table of distributions. `lua_next` only ever gets keys it
  /// returned, from a table nothing modifies meanwhile, so it cannot
  /// raise; keys are read only when they are strings.
  private static func readSpace(
    _ call: LuaCall, _ argument: Int32, _ table: Int32
  ) throws(LuaError) -> [String: ParameterDistribution] {
    let L = call.L
    var space: [String: ParameterDistribution] = [:]
    var failure: LuaError?
    lua_pushnil(L)  // [+1]
    while lua_next(L, table) != 0 {  // [-1, +2]
      defer { call.pop() }  // [-1]
      guard failure == nil else { continue }
      guard lua_type(L, -2) == LUA_TSTRING, let name = luaString(L, -2)
      else {
        failure = call.argumentError(argument, "parameter names must be "
          + "strings")
        continue
      }
      if let object = call.optionalObject(DistributionObject.self, -1) {
        space[name] = object.distribution
      } else if lua_type(L, -1) == LUA_TTABLE {
        do throws(LuaError) {
          let values = try readList(call, -1, argument: argument, name: name)
          guard !values.isEmpty else {
            failure = call.argumentError(
              argument, "parameter '\(name)' has no values")
            continue
          }
          space[name] = .choice(values)
        } catch {
          failure = error
        }
      } else if let value = parameter(L, -1) {
        space[name] = .choice([value])
      } else {
        failure = call.argumentError(
          argument, "'\(name)' must be a distribution, a list or a value, "
            + "got \(call.typeName(-1))")
      }
    }
    if let failure { throw failure }
    return space
  }

  /// n_iter and seed from an options table.
  private static func drawing(_ call: LuaCall, _ index: Int32)
    throws(LuaError) -> (Int, UInt64)
  {
    var count = 10
    var seed: UInt64 = 0
    guard call.type(index) == LUA_TTABLE else { return (count, seed) }
    for name in ["n_iter", "seed"] {
      let kind = call.rawField(index, name)  // [+1]
      defer { call.pop() }  // [-1]
      if kind == LUA_TNIL { continue }
      var isInteger: Int32 = 0
      let value = lua_tointegerx(call.L, -1, &isInteger)
      guard isInteger != 0 else {
        throw call.argumentError(index, "\(name) must be a whole number")
      }
      if name == "n_iter" {
        count = Int(value)
      } else {
        seed = UInt64(bitPattern: Int64(value))
      }
    }
    return (count, seed)
  }

  // MARK: ParameterSampler and RandomizedSearchCV

  private static func registerSampler(in state: LuaState) {
    state.define(
      "ParameterSampler", group: "Model selection",
      help: """
        ml.ParameterSampler(distributions [, {n_iter = 10, seed = 0}])
          -> {{name = value, ...}, ...}
          The candidates ml.RandomizedSearchCV would try, in order: the
          same seed draws the same ones on every machine.
          Example: for _, p in ipairs(ml.ParameterSampler(
                     {alpha = ml.loguniform(1e-3, 1)}, {n_iter = 3})) do
                     print(p.alpha) end
        """
    ) { call throws(LuaError) in
      let spaces = try readSpaces(call, 1)
      _ = try call.options(2, known: ["n_iter", "seed"])
      let (count, seed) = try drawing(call, 2)
      let sampler = try MatrixBindings.core {
        try ParameterSampler(
          spaces, count: count, seed: seed, operation: "ParameterSampler")
      }
      call.emit(warnings: sampler.warnings)
      let L = call.L
      lua_createtable(L, Int32(sampler.candidates.count), 0)  // [+1]
      for (row, candidate) in sampler.candidates.enumerated() {
        call.push(parameters: candidate)  // [+1]
        lua_rawseti(L, -2, lua_Integer(row + 1))  // [-1]
      }
      return 1
    }
  }

  private static func registerSearch(in state: LuaState) {
    let search = LuaClass<RandomizedSearchCV>(
      "RandomizedSearchCV", group: "Model selection",
      help: """
        ml.RandomizedSearchCV(estimator, distributions [, options])
          -> search
          Cross-validates n_iter candidates drawn from the distributions
          and keeps the best (highest mean test score; the first on a
          tie). distributions: {alpha = ml.loguniform(1e-3, 1e3),
          solver = {"cholesky", "svd"}} (a list is sampled uniformly) or a
          list of such tables. When every entry is a list, n_iter distinct
          grid points are drawn. The candidates are drawn once, with the
          seed: the same on every machine.
        Options (defaults):
          n_iter = 10      candidates to try
          seed = 0         the seed of the draws
          cv = 5           folds, ml.KFold or ml.StratifiedKFold
          scoring = nil    a scorer name (default: the estimator's score)
          refit = true     fit the best candidate on all rows
        Example:
          local s = ml.RandomizedSearchCV(ml.Ridge(),
            {alpha = ml.loguniform(1e-3, 1e3)}, {n_iter = 20}):fit(X, y)
          print(s.best_params_.alpha, s.best_score_)
        """)
    search.constructor { call throws(LuaError) in
      let estimator = try call.estimator(1)
      let spaces = try readSpaces(call, 2)
      _ = try call.options(
        3, known: ["n_iter", "seed", "cv", "scoring", "refit"],
        tables: ["cv"])
      let (count, seed) = try drawing(call, 3)
      let created: RandomizedSearchCV
      do throws(NightjarError) {
        created = try RandomizedSearchCV(
          estimator.cloned(), spaces: spaces, iterations: count, seed: seed)
      } catch {
        throw LuaError.option(error, 2)
      }
      call.emit(warnings: created.warnings)
      created.folds = try SelectionBindings.folds(call, 3)
      created.scorer = try SelectionBindings.scorer(
        call, 3, "RandomizedSearchCV")
      if call.type(3) == LUA_TTABLE {
        let kind = call.rawField(3, "refit")  // [+1]
        if kind != LUA_TNIL { created.refit = lua_toboolean(call.L, -1) != 0 }
        call.pop()  // [-1]
      }
      try call.push(created)
      return 1
    }
    GridSearchBindings.addSearchMembers(search)
    state.register(search)
  }
}
