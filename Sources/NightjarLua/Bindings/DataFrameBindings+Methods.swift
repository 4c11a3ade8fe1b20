// ml.DataFrame methods: selection, sorting, missing values, statistics,
// grouping, merging, writing.

import CLua
import CLuaShim
import NightjarCore

extension DataFrameBindings {
  // MARK: - Rows and columns

  static func addSelection(_ frame: LuaClass<LuaDataFrame>) {
    frame.method(
      "head",
      help: """
        df:head([n]) -> DataFrame
          The first n rows (default 5; all of them when there are fewer).
          A negative n gives all rows but the last -n.
        """
    ) { call, box throws(LuaError) in
      try push(call, box.frame.head(try call.integer(2, or: 5)))
      return 1
    }
    frame.method(
      "tail",
      help: """
        df:tail([n]) -> DataFrame
          The last n rows (default 5). A negative n gives all rows but the
          first -n.
        """
    ) { call, box throws(LuaError) in
      try push(call, box.frame.tail(try call.integer(2, or: 5)))
      return 1
    }
    frame.method(
      "select",
      help: """
        df:select(names) -> DataFrame
          The columns called names (a list, or several names as
          arguments), in that order.
          Example: df:select{"age", "city"}, df:select("age", "city")
        """
    ) { call, box throws(LuaError) in
      var names = try DataFrameBindings.names(call, 2)
      if call.type(2) == LUA_TSTRING {
        for index in 3..<max(3, call.count + 1) {
          names.append(try call.string(index))
        }
      }
      try push(call, try core { try box.frame.select(names) })
      return 1
    }
    frame.method(
      "drop",
      help: """
        df:drop(names) -> DataFrame
          df without the columns called names (one name or a list).
          Example: df:drop("label"), df:drop{"id", "label"}
        """
    ) { call, box throws(LuaError) in
      let names = try DataFrameBindings.names(call, 2)
      try push(call, try core { try box.frame.drop(names) })
      return 1
    }
    frame.method(
      "rename",
      help: """
        df:rename{old = "new", ...} -> DataFrame
          df with columns renamed.
        """
    ) { call, box throws(LuaError) in
      try call.checkTable(2)
      var mapping: [String: String] = [:]
      for old in try fieldNames(call, 2) {
        luaPushString(call.L, old)  // [+1]
        let kind = lua_rawget(call.L, 2)  // [-1, +1]
        let new = luaString(call.L, -1)
        luaPop(call.L, 1)  // [-1]
        guard let new else {
          throw call.argumentError(
            2, "new name of '\(old)' is a \(kindName(call.L, kind)), "
              + "expected a string")
        }
        mapping[old] = new
      }
      try push(call, try core { try box.frame.rename(mapping) })
      return 1
    }
    frame.method(
      "filter",
      help: """
        df:filter(mask) -> DataFrame
          The rows where mask is true: a table of booleans or a vector of
          1 and 0 (df.age:gt(30), a boolean column), one per row.
          Example: local adults = df:filter(df.age:ge(18))
        """
    ) { call, box throws(LuaError) in
      if let matrix = call.optionalObject(Matrix.self, 2) {
        let mask = try self.mask(call, matrix, argument: 2)
        try push(call, try core { try box.frame.filter(mask) })
        return 1
      }
      if call.type(2) != LUA_TTABLE {
        throw call.typeError(2, expected: "table or Matrix")
      }
      let L = call.L
      var mask: [Bool] = []
      for position in 0..<Int(lua_rawlen(L, 2)) {
        let kind = lua_rawgeti(L, 2, lua_Integer(position + 1))  // [+1]
        let value = lua_toboolean(L, -1) != 0
        luaPop(L, 1)  // [-1]
        guard kind == LUA_TBOOLEAN else {
          throw call.argumentError(
            2, "element [\(position + 1)] is a \(kindName(L, kind)), "
              + "expected a boolean")
        }
        mask.append(value)
      }
      try push(call, try core { try box.frame.filter(mask) })
      return 1
    }
    frame.method(
      "sort_values",
      help: """
        df:sort_values(by [, options]) -> DataFrame
          The rows sorted by the column(s) by (a name or a list; later
          ones break ties). The sort is stable; missing values go last.
          options: ascending (true, or one boolean per column). A boolean
          second argument is the same as {ascending = it}.
          Example: df:sort_values({"city", "age"}, {ascending = {true,
                   false}})
        """
    ) { call, box throws(LuaError) in
      let keys = try names(call, 2)
      var ascending = [true]
      if call.type(3) == LUA_TBOOLEAN {
        ascending = [call.boolean(3)]
      } else {
        let options = try Options(call, 3, allowed: ["ascending"])
        if let flags = try options.with("ascending", { kind throws(LuaError) in
          try DataFrameBindings.booleans(call, kind, option: "ascending",
                                         argument: 3)
        }) {
          ascending = flags
        }
      }
      try push(call, try core {
        try box.frame.sortValues(by: keys, ascending: ascending)
      })
      return 1
    }
  }

  /// A boolean or a sequence of booleans on top of the stack (an option
  /// value of type `kind`).
  static func booleans(_ call: LuaCall, _ kind: Int32, option: String,
                       argument: Int32) throws(LuaError) -> [Bool]
  {
    let L = call.L
    if kind == LUA_TBOOLEAN { return [lua_toboolean(L, -1) != 0] }
    guard kind == LUA_TTABLE else {
      throw call.argumentError(
        argument, "option '\(option)' must be a boolean or a table of "
          + "booleans, got \(kindName(L, kind))")
    }
    let table = lua_absindex(L, -1)
    var flags: [Bool] = []
    for position in 0..<Int(lua_rawlen(L, table)) {
      let element = lua_rawgeti(L, table, lua_Integer(position + 1))  // [+1]
      flags.append(lua_toboolean(L, -1) != 0)
      luaPop(L, 1)  // [-1]
      guard element == LUA_TBOOLEAN else {
        throw call.argumentError(
          argument, "option '\(option)' element [\(position + 1)] is a "
            + "\(kindName(L, element)), expected a boolean")
      }
    }
    return flags
  }

  // MARK: - Missing values

  static func addMissing(_ frame: LuaClass<LuaDataFrame>) {
    frame.method(
      "isna",
      help: """
        df:isna() -> DataFrame
          A frame of booleans of the same shape: true where a value is
          missing.
        """
    ) { call, box throws(LuaError) in
      try push(call, box.frame.isNA())
      return 1
    }
    frame.method(
      "dropna",
      help: """
        df:dropna([options]) -> DataFrame
          The rows without missing values. options: how ("any", the
          default: drop a row with one missing value; "all": only rows
          with nothing but missing values), subset (the columns to look
          at: a name or a list; default all).
        """
    ) { call, box throws(LuaError) in
      let options = try Options(call, 2, allowed: ["how", "subset"])
      let how = try options.string("how") ?? "any"
      guard let rule = MissingRule(rawValue: how) else {
        throw call.argumentError(
          2, "option 'how' must be \"any\" or \"all\", got \"\(how)\"")
      }
      let subset = try options.strings("subset")
      try push(call, try core {
        try box.frame.dropNA(how: rule, subset: subset)
      })
      return 1
    }
    frame.method(
      "fillna",
      help: """
        df:fillna(value) -> DataFrame
          Missing values replaced: a number fills the number columns, a
          string the text columns, a boolean the boolean columns; a table
          {name = value, ...} fills column by column.
          Example: df:fillna(0), df:fillna{age = 0, city = "unknown"}
        """
    ) { call, box throws(LuaError) in
      if call.type(2) == LUA_TTABLE {
        var values: [String: FillValue] = [:]
        for name in try fieldNames(call, 2) {
          luaPushString(call.L, name)  // [+1]
          _ = lua_rawget(call.L, 2)  // [-1, +1]
          defer { luaPop(call.L, 1) }  // [-1]
          values[name] = try fillValue(call, -1, argument: 2, name: name)
        }
        try push(call, try core { try box.frame.fillNA(values) })
      } else {
        try push(call, box.frame.fillNA(
          try fillValue(call, 2, argument: 2, name: nil)))
      }
      return 1
    }
  }

  /// A fill value at stack `index`: a number, a string or a boolean.
  static func fillValue(_ call: LuaCall, _ index: Int32, argument: Int32,
                        name: String?) throws(LuaError) -> FillValue
  {
    let L = call.L
    switch lua_type(L, index) {
    case LUA_TNUMBER: return .number(lua_tonumberx(L, index, nil))
    case LUA_TBOOLEAN: return .boolean(lua_toboolean(L, index) != 0)
    case LUA_TSTRING: return .text(luaString(L, index) ?? "")
    default:
      guard let name else {
        throw call.typeError(
          index, expected: "number, string, boolean or table")
      }
      throw call.argumentError(
        argument, "value for '\(name)' is a "
          + "\(kindName(L, lua_type(L, index))), expected a number, string "
          + "or boolean")
    }
  }

  // MARK: - Statistics and grouping

  static func addStatistics(_ frame: LuaClass<LuaDataFrame>) {
    frame.method(
      "describe",
      help: """
        df:describe() -> DataFrame
          count, mean, std (n - 1), min, 25%, 50%, 75% and max of every
          number column, as pandas: one column per number column, the
          statistic names in the first column. Missing values are
          skipped.
        """
    ) { call, box throws(LuaError) in
      try push(call, try core { try box.frame.describe() })
      return 1
    }
    frame.method(
      "value_counts",
      help: """
        df:value_counts(name) -> DataFrame
          The distinct values of column name and how often each occurs
          (column "count"), most frequent first; ties in order of first
          appearance. Missing values are not counted.
        """
    ) { call, box throws(LuaError) in
      let name = try call.string(2)
      try push(call, try core { try box.frame.valueCounts(name) })
      return 1
    }
    frame.method("groupby", help: groupByHelp) {
      call, box throws(LuaError) in
      let keys = try names(call, 2)
      try call.push(LuaGroupBy(try core { try box.frame.groupBy(keys) }))
      return 1
    }
  }

  static func addAggregations(_ groups: LuaClass<LuaGroupBy>) {
    groups.method(
      "agg",
      help: """
        g:agg(spec) -> DataFrame
          One row per group: the keys, then a column per (column,
          statistic) named column_statistic (age_mean). spec is
          {column = "stat" or {"stat", ...}, ...} (columns in name
          order), or a statistic or list of them for every other column
          that takes it. Statistics: count, size, sum, mean, median, min,
          max, std, var (std and var divide by n - 1).
          Example: df:groupby("city"):agg{age = {"mean", "max"},
                   income = "sum"}
        """
    ) { call, box throws(LuaError) in
      let specification = try aggregationSpecification(call, box.groups)
      try push(call, try core {
        try box.groups.aggregate(specification)
      })
      return 1
    }
    for aggregation in Aggregation.allCases {
      let name = aggregation.rawValue
      groups.method(
        name,
        help: """
          g:\(name)() -> DataFrame
            g:agg("\(name)"): the \(name) of every column but the keys
            (every number or boolean column, for statistics that need
            numbers).
          """
      ) { call, box throws(LuaError) in
        let frame = box.groups.frame
        let columns = eligibleColumns(frame, keys: box.groups.keys,
                                      for: aggregation)
        try push(call, try core {
          try box.groups.aggregate(columns.map { ($0, [aggregation]) })
        })
        return 1
      }
    }
  }

  /// The columns `aggregation` applies to when none are named: all but
  /// the keys; only number and boolean ones unless it is count or size.
  static func eligibleColumns(_ frame: DataFrame, keys: [String],
                              for aggregation: Aggregation) -> [String]
  {
    zip(frame.columnNames, frame.columnTypes).filter { name, type in
      !keys.contains(name)
        && (type != .text || aggregation == .count || aggregation == .size)
    }.map(\.0)
  }

  /// The (column, statistics) pairs of g:agg's argument.
  static func aggregationSpecification(_ call: LuaCall, _ groups: GroupBy)
    throws(LuaError) -> [(String, [Aggregation])]
  {
    let L = call.L
    // One statistic, or a list of them, for every eligible column.
    if call.type(2) == LUA_TSTRING
      || (call.type(2) == LUA_TTABLE && lua_rawlen(L, 2) > 0)
    {
      let statistics = try aggregations(call, names(call, 2), argument: 2)
      var pairs: [(String, [Aggregation])] = []
      for name in groups.frame.columnNames where !groups.keys.contains(name) {
        let fitting = statistics.filter {
          eligibleColumns(groups.frame, keys: groups.keys, for: $0)
            .contains(name)
        }
        if !fitting.isEmpty { pairs.append((name, fitting)) }
      }
      return pairs
    }
    try call.checkTable(2)
    var pairs: [(String, [Aggregation])] = []
    for name in try fieldNames(call, 2) {
      luaPushString(L, name)  // [+1]
      let kind = lua_rawget(L, 2)  // [-1, +1]
      defer { luaPop(L, 1) }  // [-1]
      let words: [String]
      if let word = luaString(L, -1) {
        words = [word]
      } else if kind == LUA_TTABLE {
        words = try strings(call, -1, argument: 2)
      } else {
        throw call.argumentError(
          2, "statistics of '\(name)' are a \(kindName(L, kind)), "
            + "expected a string or a table")
      }
      pairs.append((name, try aggregations(call, words, argument: 2)))
    }
    return pairs
  }

  /// Statistic names as aggregations: `invalid option 'avg'`.
  static func aggregations(_ call: LuaCall, _ words: [String],
                           argument: Int32) throws(LuaError) -> [Aggregation]
  {
    var result: [Aggregation] = []
    for word in words {
      guard let aggregation = Aggregation(rawValue: word) else {
        throw call.argumentError(argument, "invalid option '\(word)'")
      }
      result.append(aggregation)
    }
    return result
  }

  // MARK: - Combining and files

  static func addCombining(_ frame: LuaClass<LuaDataFrame>) {
    frame.method(
      "merge",
      help: """
        df:merge(right [, options]) -> DataFrame
          A join of df and right on equal key values, as pandas' merge:
          each row of df with every matching row of right, in df's order.
          options: on (a key name or list; default the columns both
          share), how ("inner", the default, or "left": keep every row of
          df, with missing values where right has no match), suffixes
          (default {"_x", "_y"}, for other names on both sides). Missing
          keys never match.
        """
    ) { call, box throws(LuaError) in
      let right = try DataFrameBindings.frame(call, 2)
      let options = try Options(call, 3, allowed: ["on", "how", "suffixes"])
      let keys = try options.strings("on")
        ?? box.frame.columnNames.filter { right.index(of: $0) != nil }
      let how = try options.string("how") ?? "inner"
      guard let kind = MergeKind(rawValue: how) else {
        throw call.argumentError(
          3, "option 'how' must be \"inner\" or \"left\", got \"\(how)\"")
      }
      let suffixes = try options.strings("suffixes") ?? ["_x", "_y"]
      guard suffixes.count == 2 else {
        throw call.argumentError(
          3, "option 'suffixes' must hold 2 strings, got \(suffixes.count)")
      }
      try push(call, try core {
        try box.frame.merge(right, on: keys, how: kind,
                            suffixes: (suffixes[0], suffixes[1]))
      })
      return 1
    }
  }

  /// The mask in a vector (or one row or column) of 1 and 0: `bad
  /// argument #1 to 'filter' (mask element [2] is missing (NaN),
  /// expected 1 or 0)`.
  static func mask(_ call: LuaCall, _ matrix: Matrix, argument: Int32)
    throws(LuaError) -> [Bool]
  {
    guard matrix.isVector || matrix.rows == 1 || matrix.columns == 1 else {
      throw call.argumentError(
        argument, "mask must be a vector, got a \(matrix.shapeText) matrix")
    }
    let values = matrix.toArray()
    if let bad = values.firstIndex(where: { $0 != 0 && $0 != 1 }) {
      let found = values[bad].isNaN
        ? "missing (NaN)" : LuaNumberFormat.string(values[bad])
      throw call.argumentError(
        argument, "mask element [\(bad + 1)] is \(found), expected 1 or 0")
    }
    return values.map { $0 == 1 }
  }

  static func addFiles(_ frame: LuaClass<LuaDataFrame>) {
    frame.method(
      "to_csv",
      help: """
        df:to_csv(path [, options])
          Writes df as CSV with a header, atomically (readers never see
          half a file). Numbers are written so that they read back
          exactly, missing values as empty fields. options: sep (default
          ",").
        """
    ) { call, box throws(LuaError) in
      let path = try call.string(2)
      let options = try Options(call, 3, allowed: ["sep"])
      let separator = try options.string("sep") ?? ","
      guard separator.unicodeScalars.count == 1,
        let scalar = separator.unicodeScalars.first
      else {
        throw call.argumentError(3, "option 'sep' must be one character")
      }
      try core { try box.frame.toCSV(path, delimiter: scalar) }
      return 0
    }
  }

  static func defineConcat(in state: LuaState) {
    state.define(
      "concat", group: "Data",
      help: """
        ml.concat(frames) -> DataFrame
          The rows of the frames in the list, one after the other. They
          must have the same column names (any order; the first frame's
          is kept) and types.
          Example: ml.concat{january, february}
        ml.concat({A, B, ...} [, axis]) -> Matrix
          Matrices joined along axis 1 (rows after rows, as vstack) or 2
          (side by side, as hstack); vectors join into one long vector.
        """
    ) { call throws(LuaError) in
      try call.checkTable(1)
      let L = call.L
      _ = lua_rawgeti(L, 1, 1)  // [+1]
      let holdsFrames = call.optionalObject(LuaDataFrame.self, -1) != nil
      luaPop(L, 1)  // [-1]
      if !holdsFrames { return try MatrixBindings.concat(call) }
      var frames: [DataFrame] = []
      for position in 0..<Int(lua_rawlen(L, 1)) {
        _ = lua_rawgeti(L, 1, lua_Integer(position + 1))  // [+1]
        defer { luaPop(L, 1) }  // [-1]
        guard let box = call.optionalObject(LuaDataFrame.self, -1) else {
          throw call.argumentError(
            1, "element [\(position + 1)] is a \(call.typeName(-1)), "
              + "expected a DataFrame")
        }
        frames.append(box.frame)
      }
      try push(call, try core { try DataFrame.concat(frames) })
      return 1
    }
  }
}
