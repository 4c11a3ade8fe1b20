// The list of binding families a full nightjar state opens.

/// Registers every family of Core types into a state.
enum Libraries {
  static func register(in state: LuaState) {
    MatrixBindings.register(in: state)
    LogisticRegressionBindings.register(in: state)
    RegressionBindings.register(in: state)
    MetricsBindings.register(in: state)
    SelectionBindings.register(in: state)
    ModelFileBindings.register(in: state)
    PreprocessingBindings.register(in: state)
    DataFrameBindings.register(in: state)
    PreprocessingBindings.registerScalers(in: state)
    PreprocessingBindings.registerImputer(in: state)
    PreprocessingBindings.registerEncoders(in: state)
    PreprocessingBindings.registerSamplers(in: state)
    ColumnTransformerBindings.register(in: state)
  }
}
