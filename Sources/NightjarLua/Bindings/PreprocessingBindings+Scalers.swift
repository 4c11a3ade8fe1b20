// ml.MinMaxScaler, ml.RobustScaler, ml.MaxAbsScaler and ml.Normalizer.

import CLua
import NightjarCore

extension PreprocessingBindings {
  static func registerScalers(in state: LuaState) {
    registerMinMaxScaler(in: state)
    registerRobustScaler(in: state)
    registerMaxAbsScaler(in: state)
    registerNormalizer(in: state)
  }

  private static func registerMinMaxScaler(in state: LuaState) {
    let scaler = LuaClass<MinMaxScaler>(
      "MinMaxScaler", group: "Preprocessing",
      help: """
        ml.MinMaxScaler{feature_range = {0, 1}, clip = false} -> scaler
          Maps each column linearly onto feature_range: x * scale_ + min_,
          so the fitted data spans it exactly. A constant column maps to
          the low end. NaN is ignored by fit and kept by transform;
          infinity is an error. A vector is one column.
        Options (defaults):
          feature_range = {0, 1}  {low, high}, low < high
          clip = false            clip transformed values to the range
        Example:
          local s = ml.MinMaxScaler{feature_range = {-1, 1}}
          local Xtr, Xte = s:fit_transform(Xtr), s:transform(Xte)
        """)
    let known: Set<String> = ["feature_range", "clip"]
    addConstructor(scaler, known: known, pairs: ["feature_range"])
    addParameters(scaler, known: known, pairs: ["feature_range"])
    addTransformer(
      scaler, noun: "scaler",
      fit: "Learns data_min_ and data_max_ per column (NaN ignored).",
      transform: "x * scale_ + min_ per column (clipped with clip).",
      inverse: { (scaler, x) throws(NightjarError) in
        try scaler.inverseTransform(x)
      })
    for (name, help, value) in [
      ("data_min_", "per-column minimum seen by fit",
       \MinMaxScaler.dataMinimum),
      ("data_max_", "per-column maximum seen by fit",
       \MinMaxScaler.dataMaximum),
      ("data_range_", "data_max_ - data_min_",
       \MinMaxScaler.dataRange),
      ("scale_", "per-column factor of transform",
       \MinMaxScaler.scale),
      ("min_", "per-column offset of transform",
       \MinMaxScaler.offset),
    ] {
      scaler.matrixField(name, help) { $0[keyPath: value] }
    }
    scaler.countField("n_samples_seen_", "rows seen by fit") {
      $0.isFitted ? $0.samplesSeen : nil
    }
    scaler.countField("n_features_in_", "columns seen by fit") {
      $0.scale?.count
    }
    ModelFileBindings.addSave(scaler)
    scaler.describe { scaler in
      let range = RangeParameter.value(
        scaler.featureRange.low, scaler.featureRange.high)
      guard case .string(let text) = range else { return "MinMaxScaler" }
      return "MinMaxScaler{feature_range = {"
        + text.dropFirst().dropLast() + "}}"
        + (scaler.scale.map { " fitted: \($0.count) columns" } ?? "")
    }
    state.register(scaler)
  }

  private static func registerRobustScaler(in state: LuaState) {
    let scaler = LuaClass<RobustScaler>(
      "RobustScaler", group: "Preprocessing",
      help: """
        ml.RobustScaler{options} -> scaler
          Centres each column on its median and divides by its
          interquartile range (or another quantile range), so outliers
          weigh little: (x - center_) / scale_. Quantiles as NumPy's
          default (linear). NaN is ignored by fit and kept by transform;
          infinity is an error. A vector is one column.
        Options (defaults):
          with_centering = true     subtract the median
          with_scaling = true       divide by the quantile range
          quantile_range = {25, 75} {low, high} percent, 0..100
          unit_variance = false     scale so normal data has variance 1
        Example:
          local s = ml.RobustScaler{quantile_range = {10, 90}}
          local Xs = s:fit_transform(X)
        """)
    let known: Set<String> = [
      "with_centering", "with_scaling", "quantile_range", "unit_variance",
    ]
    addConstructor(scaler, known: known, pairs: ["quantile_range"])
    addParameters(scaler, known: known, pairs: ["quantile_range"])
    addTransformer(
      scaler, noun: "scaler",
      fit: "Learns center_ (medians) and scale_ (quantile ranges).",
      transform: "(x - center_) / scale_ per column.",
      inverse: { (scaler, x) throws(NightjarError) in
        try scaler.inverseTransform(x)
      })
    for (name, help, value) in [
      ("center_", "per-column median (nil without centring)",
       \RobustScaler.center),
      ("scale_", "per-column divisor (nil without scaling)",
       \RobustScaler.scale),
    ] {
      scaler.matrixField(name, help) { $0[keyPath: value] }
    }
    scaler.countField("n_features_in_", "columns seen by fit") {
      $0.isFitted ? $0.featureCount : nil
    }
    ModelFileBindings.addSave(scaler)
    scaler.describe { scaler in
      "RobustScaler" + (scaler.isFitted
        ? " fitted: \(scaler.featureCount) columns" : "")
    }
    state.register(scaler)
  }

  private static func registerMaxAbsScaler(in state: LuaState) {
    let scaler = LuaClass<MaxAbsScaler>(
      "MaxAbsScaler", group: "Preprocessing",
      help: """
        ml.MaxAbsScaler() -> scaler
          Divides each column by its largest absolute value, so values
          land in [-1, 1] and zeros stay zeros (no centring). An all-zero
          column is left as it is. NaN is ignored by fit and kept by
          transform; infinity is an error. A vector is one column.
        Example:
          local s = ml.MaxAbsScaler()
          local Xtr, Xte = s:fit_transform(Xtr), s:transform(Xte)
        """)
    addConstructor(scaler, known: [])
    addParameters(scaler, known: [])
    addTransformer(
      scaler, noun: "scaler",
      fit: "Learns max_abs_ per column (NaN ignored).",
      transform: "x / scale_ per column.",
      inverse: { (scaler, x) throws(NightjarError) in
        try scaler.inverseTransform(x)
      })
    for (name, help, value) in [
      ("max_abs_", "per-column largest absolute value",
       \MaxAbsScaler.maxAbsolute),
      ("scale_", "per-column divisor (1 for zero columns)",
       \MaxAbsScaler.scale),
    ] {
      scaler.matrixField(name, help) { $0[keyPath: value] }
    }
    scaler.countField("n_samples_seen_", "rows seen by fit") {
      $0.isFitted ? $0.samplesSeen : nil
    }
    scaler.countField("n_features_in_", "columns seen by fit") {
      $0.scale?.count
    }
    ModelFileBindings.addSave(scaler)
    scaler.describe { scaler in
      "MaxAbsScaler" + (scaler.scale.map { " fitted: \($0.count) columns" }
        ?? "")
    }
    state.register(scaler)
  }

  private static func registerNormalizer(in state: LuaState) {
    let normalizer = LuaClass<Normalizer>(
      "Normalizer", group: "Preprocessing",
      help: """
        ml.Normalizer{norm = "l2"} -> normalizer
          Divides each row by its norm: "l2" (Euclidean), "l1" (sum of
          magnitudes) or "max" (largest magnitude). An all-zero row is
          left as it is. Stateless: fit only checks X. NaN and infinity
          are errors.
        Example:
          local Xn = ml.Normalizer{norm = "l1"}:fit_transform(X)
        """)
    addConstructor(normalizer, known: ["norm"])
    addParameters(normalizer, known: ["norm"])
    addTransformer(
      normalizer, noun: "normalizer",
      fit: "Checks X and records its number of columns.",
      transform: "Each row divided by its norm.")
    normalizer.countField("n_features_in_", "columns seen by fit") {
      $0.isFitted ? $0.featureCount : nil
    }
    ModelFileBindings.addSave(normalizer)
    normalizer.describe { normalizer in
      "Normalizer{norm = \"\(normalizer.norm.rawValue)\"}"
    }
    state.register(normalizer)
  }
}
