// ml.clone and ml.is_classifier for the estimators built in Swift (the
// Lua half in stdlib/nightjar/selection.lua extends them to Lua tables).

import CLua
import NightjarCore

/// Binds the generic estimator functions; translation only.
enum EstimatorBindings {
  static func register(in state: LuaState) {
    state.define(
      "clone", group: "Models",
      help: """
        ml.clone(estimator [, params]) -> estimator
          A new, unfitted estimator with the same parameters (and then
          params set on it), as scikit-learn's clone: what the searches
          fit on each fold. Works on nightjar's estimators and on Lua
          ones (see ml.estimator).
          Example: local m = ml.clone(ml.Ridge{alpha = 2}, {alpha = 5})
        """
    ) { call throws(LuaError) in
      guard let estimator = call.anyObject(1) as? any Estimator else {
        throw call.typeError(1, expected: "estimator")
      }
      let copy = estimator.cloned()
      let values = try call.options(2, known: Set(copy.parameters.keys))
      do throws(NightjarError) {
        try copy.setParameters(values)
      } catch {
        throw LuaError.option(error, 2)
      }
      try call.push(any: copy)
      return 1
    }
    state.define(
      "is_classifier", group: "Models",
      help: """
        ml.is_classifier(estimator) -> boolean
          Whether the estimator predicts classes (stratified folds and
          accuracy by default) rather than numbers. A Lua estimator is a
          classifier unless its estimator_type is "regressor".
        """
    ) { call throws(LuaError) in
      guard let estimator = call.anyObject(1) as? any Estimator else {
        throw call.typeError(1, expected: "estimator")
      }
      call.push((estimator as? any SupervisedEstimator)?.isClassifier ?? false)
      return 1
    }
  }
}
