// ml.read_sql and df:to_sql: data frames from and to SQLite databases.

import CLua
import CLuaShim
import NightjarCore

extension DataFrameBindings {
  static func defineReadSQL(in state: LuaState) {
    state.define(
      "read_sql", group: "Data",
      help: """
        ml.read_sql(db_path, query [, params]) -> DataFrame
          The rows of one SQL statement run on the SQLite database file
          db_path, opened read-only (a missing file is an error, never
          created). params fill the query's ? in order: a list of numbers,
          strings and booleans (as 1 and 0); SQL NULL cannot be passed
          (write IS NULL in the query). Columns of numbers (or NULL) are
          number columns with NaN for NULL; a column holding any text is a
          text column; a column df:to_sql wrote as BOOLEAN reads back as
          booleans. Errors carry SQLite's reason: "read_sql: shop.db: no
          such table: orders".
          Example: ml.read_sql("shop.db",
                     "SELECT * FROM orders WHERE total > ?", {100})
        """
    ) { call throws(LuaError) in
      let path = try call.string(1)
      let sql = try call.string(2)
      let parameters = try sqlParameters(call, 3)
      try push(call, try core {
        try DataFrame.readSQL(path, sql, parameters)
      })
      return 1
    }
  }

  /// The parameters at argument `index`: nil, or a sequence of numbers,
  /// strings and booleans without holes.
  static func sqlParameters(_ call: LuaCall, _ index: Int32)
    throws(LuaError) -> [SQLiteDatabase.Value]
  {
    if call.isNil(index) { return [] }
    try call.checkTable(index)
    let L = call.L
    var byPosition: [Int: SQLiteDatabase.Value] = [:]
    var failure: LuaError?
    lua_pushnil(L)  // [+1] first key
    while lua_next(L, index) != 0 {  // [-1, +2] key, value
      defer { luaPop(L, 1) }  // [-1] keep the key for lua_next
      guard failure == nil else { continue }
      var isInteger: Int32 = 0
      let position = Int(lua_tointegerx(L, -2, &isInteger))
      guard lua_type(L, -2) == LUA_TNUMBER, isInteger != 0, position >= 1
      else {
        failure = call.argumentError(
          index, "parameters must be a list, got key "
            + (luaString(L, -2).map { "'\($0)'" } ?? call.typeName(-2)))
        continue
      }
      switch lua_type(L, -1) {
      case LUA_TNUMBER:
        byPosition[position] = .number(lua_tonumberx(L, -1, nil))
      case LUA_TSTRING:
        byPosition[position] = .text(luaString(L, -1) ?? "")
      case LUA_TBOOLEAN:
        byPosition[position] = .number(lua_toboolean(L, -1) != 0 ? 1 : 0)
      default:
        failure = call.argumentError(
          index, "parameter [\(position)] is a \(call.typeName(-1)), "
            + "expected a number, string or boolean")
      }
    }
    if let failure { throw failure }
    var values: [SQLiteDatabase.Value] = []
    for position in 1..<(byPosition.keys.max() ?? 0) + 1 {
      guard let value = byPosition[position] else {
        throw call.argumentError(
          index, "parameter [\(position)] is nil: SQL NULL cannot be "
            + "passed, write IS NULL in the query")
      }
      values.append(value)
    }
    return values
  }

  static func addSQL(_ frame: LuaClass<LuaDataFrame>) {
    frame.method(
      "to_sql",
      help: """
        df:to_sql(db_path, table [, options]) -> df
          Writes df to a table of the SQLite database file db_path
          (created when missing), in one transaction: when anything
          fails, the database is left as it was. Number columns become
          REAL, booleans BOOLEAN (0/1), text TEXT; missing values NULL.
          options: if_exists = "fail" (the default: an error when the
          table exists), "replace" (drop it first) or "append" (add the
          rows, by column name).
          Example: df:to_sql("shop.db", "orders", {if_exists = "replace"})
        """
    ) { call, box throws(LuaError) in
      let path = try call.string(2)
      let table = try call.string(3)
      let options = try Options(call, 4, allowed: ["if_exists"])
      var ifExists = SQLiteDatabase.IfExists.fail
      if let word = try options.string("if_exists") {
        guard let choice = SQLiteDatabase.IfExists(rawValue: word) else {
          throw call.argumentError(
            4, "option 'if_exists' must be \"fail\", \"replace\" or "
              + "\"append\", got \"\(word)\"")
        }
        ifExists = choice
      }
      try core {
        try box.frame.toSQL(path, table: table, ifExists: ifExists)
      }
      lua_pushvalue(call.L, 1)  // [+1] df itself
      return 1
    }
  }
}
