// The list of binding families a full nightjar state opens.

/// Registers every family of Core types into a state.
enum Libraries {
  static func register(in state: LuaState) {
    DataFrameBindings.register(in: state)
  }
}
