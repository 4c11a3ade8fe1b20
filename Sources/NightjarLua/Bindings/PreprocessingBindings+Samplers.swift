// ml.RandomOverSampler, ml.RandomUnderSampler, ml.SMOTE and
// ml.GaussianNoise.

import CLua
import NightjarCore

extension PreprocessingBindings {
  static func registerSamplers(in state: LuaState) {
    registerOverSampler(in: state)
    registerUnderSampler(in: state)
    registerSMOTE(in: state)
    registerGaussianNoise(in: state)
  }

  /// The strategy lines every class sampler's help shares.
  private static let strategyHelp = """
      sampling_strategy = "auto"  which classes change, and to what count:
                            over-samplers grow every class but the
                            majority to its count ("minority", "not
                            minority", "not majority", "all" too);
                            under-samplers shrink every class but the
                            minority to its count ("majority", "not
                            minority", "not majority", "all"); a number r
                            in (0, 1] for two classes: minority/majority
                            = r afterwards
      seed = 0              the seed of every random draw
    """

  private static func registerOverSampler(in state: LuaState) {
    let sampler = LuaClass<RandomOverSampler>(
      "RandomOverSampler", group: "Sampling",
      help: """
        ml.RandomOverSampler{sampling_strategy = "auto", seed = 0}
          -> sampler
          Balances classes by repeating randomly drawn rows (with
          replacement) of the classes that grow, as imbalanced-learn.
          fit_resample returns X's rows, then the drawn ones; labels keep
          their type.
        Options (defaults):
        \(strategyHelp)
        Example:
          local Xb, yb = ml.RandomOverSampler{seed = 1}:fit_resample(X, y)
          local model = ml.LogisticRegression():fit(Xb, yb)
        """)
    let known: Set<String> = ["sampling_strategy", "seed"]
    addConstructor(sampler, known: known)
    addParameters(sampler, known: known)
    addFitResample(sampler)
    addStrategyField(sampler) { $0.addedCounts }
    addIndicesField(sampler) { $0.sampleIndices }
    ModelFileBindings.addSave(sampler)
    sampler.describe { sampler in
      "RandomOverSampler{sampling_strategy = "
        + "\(sampler.samplingStrategy.value)}"
    }
    state.register(sampler)
  }

  private static func registerUnderSampler(in state: LuaState) {
    let sampler = LuaClass<RandomUnderSampler>(
      "RandomUnderSampler", group: "Sampling",
      help: """
        ml.RandomUnderSampler{sampling_strategy = "auto", seed = 0,
                              replacement = false} -> sampler
          Balances classes by keeping a random subset of the rows of the
          classes that shrink, as imbalanced-learn. fit_resample returns
          the rows class by class (sorted), each class's in their
          original order; labels keep their type.
        Options (defaults):
        \(strategyHelp)
          replacement = false   draw the kept rows with replacement
        Example:
          local Xb, yb = ml.RandomUnderSampler():fit_resample(X, y)
        """)
    let known: Set<String> = ["sampling_strategy", "seed", "replacement"]
    addConstructor(sampler, known: known)
    addParameters(sampler, known: known)
    addFitResample(sampler)
    addStrategyField(sampler) { $0.keptCounts }
    addIndicesField(sampler) { $0.sampleIndices }
    ModelFileBindings.addSave(sampler)
    sampler.describe { sampler in
      "RandomUnderSampler{sampling_strategy = "
        + "\(sampler.samplingStrategy.value)}"
    }
    state.register(sampler)
  }

  private static func registerSMOTE(in state: LuaState) {
    let sampler = LuaClass<SMOTE>(
      "SMOTE", group: "Sampling",
      help: """
        ml.SMOTE{k_neighbors = 5, sampling_strategy = "auto", seed = 0}
          -> sampler
          Balances classes with synthetic rows, as imbalanced-learn's
          SMOTE: each lies at a uniform random point between a row of
          its class and one of that row's k_neighbors nearest rows of the
          class. A class that grows needs more than k_neighbors rows.
          fit_resample returns X's rows, then the new ones; labels keep
          their type. Same seed, same rows (not imbalanced-learn's: its
          generator differs).
        Options (defaults):
          k_neighbors = 5
        \(strategyHelp)
        Example:
          local Xb, yb = ml.SMOTE{k_neighbors = 3}:fit_resample(X, y)
        """)
    let known: Set<String> = ["sampling_strategy", "seed", "k_neighbors"]
    addConstructor(sampler, known: known)
    addParameters(sampler, known: known)
    addFitResample(sampler)
    addStrategyField(sampler) { $0.addedCounts }
    ModelFileBindings.addSave(sampler)
    sampler.describe { sampler in
      "SMOTE{k_neighbors = \(sampler.kNeighbors), sampling_strategy = "
        + "\(sampler.samplingStrategy.value)}"
    }
    state.register(sampler)
  }

  private static func registerGaussianNoise(in state: LuaState) {
    let noise = LuaClass<GaussianNoise>(
      "GaussianNoise", group: "Sampling",
      help: """
        ml.GaussianNoise{std = 0.1, copies = 1, seed = 0} -> noise
          Augments training data: fit_resample(X, y) returns X's rows
          followed by `copies` noisy copies (each value plus a normal
          draw with standard deviation std), and y repeated to match
          (labels or numbers, kept as given). transform(X) returns one
          noisy copy of X. The noise is in X's units: scale first. NaN
          stays NaN. Not a pipeline step: noise is for training rows.
        Options (defaults):
          std = 0.1      the noise's standard deviation, >= 0
          copies = 1     noisy copies fit_resample appends
          seed = 0       same seed, same noise (any thread count)
        Example:
          local Xs = ml.StandardScaler():fit_transform(X)
          local Xa, ya = ml.GaussianNoise{std = 0.05, copies = 3}
            :fit_resample(Xs, y)
        """)
    let known: Set<String> = ["std", "copies", "seed"]
    addConstructor(noise, known: known)
    addParameters(noise, known: known)
    addFitResample(noise)
    noise.method(
      "transform", help: "noise:transform(X) -> Matrix, X plus noise"
    ) { call, noise throws(LuaError) in
      let x = try call.object(Matrix.self, 2)
      try call.push(matrix: try MatrixBindings.core {
        try noise.transform(x)
      })
      return 1
    }
    ModelFileBindings.addSave(noise)
    noise.describe { noise in
      "GaussianNoise{std = \(ParameterValue.number(noise.standardDeviation))"
        + ", copies = \(noise.copies)}"
    }
    state.register(noise)
  }

  // MARK: Shared by the samplers

  private static func addFitResample<Object: Sampler>(
    _ luaClass: LuaClass<Object>
  ) {
    luaClass.method(
      "fit_resample",
      help: """
        sampler:fit_resample(X, y) -> X_res, y_res
          The resampled rows of X (a Matrix) and y (a table of labels or
          a Matrix vector), y in the kind it was given.
        """
    ) { call, sampler throws(LuaError) in
      let x = try call.object(Matrix.self, 2)
      let y = try call.target(3)
      let (resampledX, resampledY) = try MatrixBindings.core {
        try sampler.fitResample(x, y)
      }
      try call.push(matrix: resampledX)  // [+1]
      try call.push(target: resampledY)  // [+1]
      return 2
    }
  }

  /// `sampling_strategy_`: {label = rows added (over) or kept (under)}
  /// for the classes the last fit_resample changed.
  private static func addStrategyField<Object: AnyObject>(
    _ luaClass: LuaClass<Object>,
    _ value: @escaping (Object) -> (classes: Labels, counts: [Int])?
  ) {
    luaClass.property(
      "sampling_strategy_",
      help: "{label = rows added (over) or kept (under)} of the last "
        + "fit_resample"
    ) { call, object throws(LuaError) in
      guard let (classes, counts) = value(object) else {
        call.pushNil()  // [+1]
        return 1
      }
      lua_createtable(call.L, 0, Int32(classes.count))  // [+1]
      for (position, count) in counts.enumerated() where count > 0 {
        switch classes {
        case .numbers(let numbers):
          push(call, parameter: .number(numbers[position]))  // [+1]
        case .strings(let strings):
          call.push(strings[position])  // [+1]
        }
        call.push(count)  // [+1]
        lua_rawset(call.L, -3)  // [-2]
      }
      return 1
    }
  }

  /// `sample_indices_`: the original row (1-based) of each resampled row.
  private static func addIndicesField<Object: AnyObject>(
    _ luaClass: LuaClass<Object>, _ value: @escaping (Object) -> [Int]
  ) {
    luaClass.property(
      "sample_indices_",
      help: "the original row (1-based) of each row of the last "
        + "fit_resample"
    ) { call, object throws(LuaError) in
      let indices = value(object)
      guard !indices.isEmpty else {
        call.pushNil()  // [+1]
        return 1
      }
      try call.push(matrix: try MatrixBindings.core {
        try Matrix(vector: indices.map { Double($0 + 1) })
      })  // [+1]
      return 1
    }
  }
}
