// ml.SimpleImputer.

import CLua
import NightjarCore

extension PreprocessingBindings {
  static func registerImputer(in state: LuaState) {
    let imputer = LuaClass<SimpleImputer>(
      "SimpleImputer", group: "Preprocessing",
      help: """
        ml.SimpleImputer{options} -> imputer
          Fills missing values (NaN, or missing_values) column by column
          with the column's mean, median or most frequent value (learned
          by fit; ties go to the smallest value), or with fill_value.
          A column that is all missing at fit is dropped from the output,
          as scikit-learn does (keep_empty_features = true keeps it,
          filled with 0, or fill_value for "constant"). Infinity is an
          error. A vector is one column.
        Options (defaults):
          strategy = "mean"      "mean", "median", "most_frequent",
                                 "constant"
          fill_value = 0         what "constant" fills with
          missing_values = nan   the number that marks a missing value
                                 (NaN in X is then an error)
          keep_empty_features = false
          add_indicator = false  append a 0/1 column per feature that had
                                 missing values at fit (1 = was missing)
        Example:
          local imp = ml.SimpleImputer{strategy = "median"}
          local Xtr, Xte = imp:fit_transform(Xtr), imp:transform(Xte)
        """)
    let known: Set<String> = [
      "strategy", "fill_value", "missing_values", "keep_empty_features",
      "add_indicator",
    ]
    addConstructor(imputer, known: known)
    addParameters(imputer, known: known)
    addTransformer(
      imputer, noun: "imputer",
      fit: "Learns statistics_, the fill value of each column.",
      transform: "X with missing values filled (see the options).",
      inverse: { (imputer, x) throws(NightjarError) in
        try imputer.inverseTransform(x)
      })
    imputer.matrixField(
      "statistics_", "fill value per column (NaN: dropped)"
    ) { $0.statistics }
    imputer.property(
      "indicator_features_",
      help: "columns (1-based) that get an indicator with add_indicator"
    ) { call, imputer throws(LuaError) in
      guard imputer.isFitted else {
        call.pushNil()  // [+1]
        return 1
      }
      call.push(numbers: imputer.indicatorFeatures.map {
        Double($0 + 1)
      })  // [+1]
      return 1
    }
    imputer.countField("n_features_in_", "columns seen by fit") {
      $0.isFitted ? $0.featureCount : nil
    }
    ModelFileBindings.addSave(imputer)
    imputer.describe { imputer in
      "SimpleImputer{strategy = \"\(imputer.strategy.rawValue)\"}"
        + (imputer.isFitted
          ? " fitted: \(imputer.featureCount) columns" : "")
    }
    state.register(imputer)
  }
}
