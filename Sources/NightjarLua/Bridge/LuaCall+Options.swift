// Options tables ({C = 0.1, penalty = "l1"}) read as hyper-parameters.

import CLua
import NightjarCore

extension LuaCall {
  /// The entries of the options table at `index` as hyper-parameter
  /// values (nil or absent: none). Keys must be strings naming one of
  /// `known`: `unknown option 'Cc'` otherwise. Values are numbers,
  /// strings or booleans; keys in `tables` may also hold a table or an
  /// object, left for the caller (`class_weight = {yes = 5}`,
  /// `cv = ml.KFold{}`). Read with raw
  /// access: no metamethod runs.
  public func options(
    _ index: Int32, known: Set<String>, tables: Set<String> = []
  ) throws(LuaError) -> [String: ParameterValue] {
    if isNil(index) { return [:] }
    try checkTable(index)
    let table = lua_absindex(L, index)
    var values: [String: ParameterValue] = [:]
    var failure: LuaError?
    lua_pushnil(L)  // [+1] first key
    while lua_next(L, table) != 0 {  // [-1, +2] key, value
      defer { luaPop(L, 1) }  // [-1] keep the key for lua_next
      guard failure == nil else { continue }
      guard let key = luaString(L, -2) else {
        failure = .argument(
          index, "option names must be strings, got \(typeName(-2))")
        continue
      }
      guard known.contains(key) else {
        failure = .argument(index, "unknown option '\(key)'")
        continue
      }
      switch lua_type(L, -1) {
      case LUA_TNUMBER: values[key] = .number(lua_tonumberx(L, -1, nil))
      case LUA_TSTRING: values[key] = .string(luaString(L, -1) ?? "")
      case LUA_TBOOLEAN: values[key] = .boolean(lua_toboolean(L, -1) != 0)
      case LUA_TTABLE where tables.contains(key),
        LUA_TUSERDATA where tables.contains(key):
        break
      default:
        failure = .argument(
          index, "option '\(key)' must be a number, string or boolean, "
            + "got \(typeName(-1))")
      }
    }
    if let failure { throw failure }
    return values
  }

  /// Pushes the field `key` of the table at `index` (raw) and answers
  /// its type. [+1]
  public func rawField(_ index: Int32, _ key: String) -> Int32 {
    let table = lua_absindex(L, index)
    luaPushString(L, key)  // [+1]
    return lua_rawget(L, table)  // [-1, +1]
  }

  /// Pops the value on top of the stack. [-1]
  public func pop(_ count: Int32 = 1) { luaPop(L, count) }
}

extension LuaError {
  /// A Core error from configuring an estimator from its options table
  /// (argument `index`): a bad argument in lauxlib's words, so that
  /// `ml.LogisticRegression{penalty = "l3"}` reads
  /// `bad argument #1 to 'LogisticRegression' (invalid option 'l3' for
  /// 'penalty')`.
  public static func option(_ error: NightjarError, _ index: Int32)
    -> LuaError
  {
    if case .invalidArgument(_, let message) = error {
      return .argument(index, message)
    }
    return LuaError(error)
  }
}
