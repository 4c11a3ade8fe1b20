// model:save(path) on every estimator, ml.load(path), and ml.Pipeline.

import CLua
import NightjarCore

/// Binds model files and pipelines; translation only.
enum ModelFileBindings {
  /// Adds `save` to an estimator class.
  static func addSave<Object: Estimator>(_ luaClass: LuaClass<Object>) {
    luaClass.method(
      "save",
      help: """
        model:save(path) -> model
          Writes the model (parameters and fitted state) to a readable,
          versioned JSON file, atomically. ml.load(path) reads it back.
        """
    ) { call, model throws(LuaError) in
      let path = try call.string(2)
      try MatrixBindings.core { try ModelFile.save(model, to: path) }
      return MatrixBindings.returnSelf(call)
    }
  }

  static func register(in state: LuaState) {
    state.define(
      "load", group: "Models",
      help: """
        ml.load(path) -> model
          Reads a model saved by model:save: any estimator or pipeline.
          Checks the file's format, version, kind and shapes.
        """
    ) { call throws(LuaError) in
      let path = try call.string(1)
      let model = try MatrixBindings.core { try ModelFile.load(path) }
      try call.push(any: model)
      return 1
    }
    registerPipeline(in: state)
  }

  private static func registerPipeline(in state: LuaState) {
    let pipeline = LuaClass<Pipeline>(
      "Pipeline", group: "Models",
      help: """
        ml.Pipeline{{"name", step}, ...} -> pipeline
          Steps applied in order: each but the last transforms X, the
          last is a model. fit fits every step on the rows it is given,
          so in cross-validation a scaler learns from the training folds
          only. Search parameters as "step__parameter". X is a Matrix,
          or a DataFrame when the first step is an ml.ColumnTransformer.
        Example:
          local p = ml.Pipeline{{"scale", ml.StandardScaler()},
                                {"clf", ml.LogisticRegression()}}
          ml.GridSearchCV(p, {clf__C = {0.1, 1, 10}}, {cv = 5}):fit(X, y)
        """)
    pipeline.constructor { call throws(LuaError) in
      try call.checkTable(1)
      let L = call.L
      var steps: [Pipeline.Step] = []
      for position in 0..<Int(lua_rawlen(L, 1)) {
        _ = lua_rawgeti(L, 1, lua_Integer(position + 1))  // [+1] {name, m}
        defer { call.pop() }  // [-1]
        guard lua_type(L, -1) == LUA_TTABLE else {
          throw call.argumentError(
            1, "step \(position + 1) must be {name, estimator}")
        }
        let entry = lua_absindex(L, -1)
        _ = lua_rawgeti(L, entry, 1)  // [+1]
        let name = luaString(L, -1)
        call.pop()  // [-1]
        _ = lua_rawgeti(L, entry, 2)  // [+1]
        let object = call.anyObject(-1) as? any Estimator
        call.pop()  // [-1]
        guard let name, let object else {
          throw call.argumentError(
            1, "step \(position + 1) must be {name, estimator}")
        }
        steps.append(Pipeline.Step(name, object))
      }
      let created: Pipeline
      do throws(NightjarError) {
        created = try Pipeline(steps)
      } catch {
        throw LuaError.option(error, 1)
      }
      try call.push(created)
      return 1
    }
    pipeline.method(
      "fit", help: "pipeline:fit(X, y [, sample_weight]) -> pipeline"
    ) { call, pipeline throws(LuaError) in
      let frame = call.optionalFrame(2)
      let x = frame == nil ? try call.object(Matrix.self, 2) : nil
      let y = try call.target(3)
      let weights = try call.optionalMatrix(4)
      try MatrixBindings.core {
        if let frame {
          try pipeline.fit(frame: frame, target: y, sampleWeight: weights)
        } else if let x {
          try pipeline.fit(x, target: y, sampleWeight: weights)
        }
      }
      return MatrixBindings.returnSelf(call)
    }
    pipeline.method(
      "predict", help: "pipeline:predict(X) -> the last step's predictions"
    ) { call, pipeline throws(LuaError) in
      if let frame = call.optionalFrame(2) {
        try call.push(target: try MatrixBindings.core {
          try pipeline.predict(frame: frame)
        })
        return 1
      }
      let x = try call.object(Matrix.self, 2)
      try call.push(target: try MatrixBindings.core {
        try pipeline.predict(target: x)
      })
      return 1
    }
    pipeline.method(
      "score", help: "pipeline:score(X, y) -> the last step's score"
    ) { call, pipeline throws(LuaError) in
      if let frame = call.optionalFrame(2) {
        let y = try call.target(3)
        call.push(try MatrixBindings.core {
          try pipeline.score(frame: frame, target: y)
        })
        return 1
      }
      let x = try call.object(Matrix.self, 2)
      let y = try call.target(3)
      call.push(try MatrixBindings.core {
        try pipeline.score(x, target: y)
      })
      return 1
    }
    pipeline.method(
      "transform", help: "pipeline:transform(X) -> X through every step"
    ) { call, pipeline throws(LuaError) in
      if let frame = call.optionalFrame(2) {
        try call.push(matrix: try MatrixBindings.core {
          try pipeline.transform(frame: frame)
        })
        return 1
      }
      let x = try call.object(Matrix.self, 2)
      try call.push(matrix: try MatrixBindings.core {
        try pipeline.transform(x)
      })
      return 1
    }
    pipeline.method(
      "get_params", help: "pipeline:get_params() -> {step__name = value}"
    ) { call, pipeline throws(LuaError) in
      call.push(parameters: pipeline.parameters)
      return 1
    }
    pipeline.method(
      "set_params",
      help: "pipeline:set_params{step__name = value, ...} -> pipeline"
    ) { call, pipeline throws(LuaError) in
      let values = try call.options(2, known: Set(pipeline.parameters.keys))
      do throws(NightjarError) {
        try pipeline.setParameters(values)
      } catch {
        throw LuaError.option(error, 2)
      }
      return MatrixBindings.returnSelf(call)
    }
    pipeline.method(
      "step", help: "pipeline:step(name) -> the estimator of that step"
    ) { call, pipeline throws(LuaError) in
      let name = try call.string(2)
      guard let step = pipeline.steps.first(where: { $0.name == name })
      else {
        throw call.argumentError(2, "no step named '\(name)'")
      }
      try call.push(any: step.estimator)
      return 1
    }
    addSave(pipeline)
    pipeline.describe { pipeline in
      "Pipeline{" + pipeline.steps.map {
        "\($0.name) = \(type(of: $0.estimator).name)"
      }.joined(separator: ", ") + "}"
    }
    state.register(pipeline)
  }
}
