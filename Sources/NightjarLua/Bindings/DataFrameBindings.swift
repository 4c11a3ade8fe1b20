// ml.DataFrame and ml.read_csv: the class, its fields and constructor.

import CLua
import CLuaShim
import NightjarCore

/// The Lua box of a data frame. `DataFrame` is a Swift value; the box
/// gives Lua the reference it expects (`df.x = {...}` changes the frame
/// every variable holding it sees, as in pandas).
final class LuaDataFrame {
  var frame: DataFrame

  init(_ frame: DataFrame) {
    self.frame = frame
  }
}

/// The Lua box of a grouping waiting for its aggregation.
final class LuaGroupBy {
  let groups: GroupBy

  init(_ groups: GroupBy) {
    self.groups = groups
  }
}

/// Binds `NightjarCore.DataFrame` as `ml.DataFrame`, `GroupBy` as the
/// result of `df:groupby`, and `ml.read_csv` and `ml.concat`. The files
/// translate arguments and results only; every computation and every
/// domain message comes from Core.
enum DataFrameBindings {
  static func register(in state: LuaState) {
    let frame = LuaClass<LuaDataFrame>(
      "DataFrame", group: "Data", help: classHelp)
    addConstructor(frame)
    addFields(frame)
    addMetamethods(frame)
    addSelection(frame)
    addMissing(frame)
    addStatistics(frame)
    addCombining(frame)
    addFiles(frame)
    addSQL(frame)
    addMatrix(frame)
    frame.describe { $0.frame.description }
    state.register(frame)

    let groups = LuaClass<LuaGroupBy>(
      "GroupBy", group: "Data", help: groupByHelp)
    addAggregations(groups)
    groups.describe { box in
      "GroupBy(\(box.groups.keys.joined(separator: ", ")): "
        + "\(box.groups.groupCount) groups)"
    }
    state.register(groups)

    defineReadCSV(in: state)
    defineReadSQL(in: state)
    defineConcat(in: state)
  }

  static let classHelp = """
    ml.DataFrame{name = values, ...} -> DataFrame
      A table of named columns of equal length, as a pandas DataFrame
      without an index. Columns hold numbers (NaN is missing), booleans
      or text (kept as categories). Read one with ml.read_csv, or build
      one from Lua tables of numbers, booleans or strings (or vectors);
      columns come in name order unless a list of names is given second:
        ml.DataFrame({age = {31, 45}, city = {"Lyon", "Nice"}},
                     {"city", "age"})
      Conventions:
      - df.name and df["name"] give a column: a Matrix vector for
        numbers and booleans (1/0, NaN for missing), a Lua table of
        strings for text (missing as nil); when the name is also a
        method's, use df:column(name). df.name = values (a table or a
        vector) adds or replaces a column, df.name = nil drops it.
      - Rows count from 1. #df is the number of rows.
      - Methods return new frames and leave df as it was.
      - print(df) shows the first and last rows, never all of a big one.
      Example: local df = ml.read_csv("churn.csv")
               print(df:groupby("plan"):agg{churned = "mean"})
    """

  static let groupByHelp = """
    df:groupby(keys) -> GroupBy
      The rows of df grouped by equal values of the key columns (a name
      or a list), waiting for an aggregation: g:agg(spec), or g:mean(),
      g:sum(), g:count() ... for every other column. Rows with a missing
      key belong to no group; groups come sorted by key.
    """

  // MARK: - Shared translation helpers

  /// Runs a Core operation, turning its error into the Lua error that
  /// carries the same text. (The closure is untyped-throwing because this
  /// toolchain infers closure literals as throwing `any Error`; Core
  /// throws only `NightjarError`, anything else is reported as text.)
  @inline(__always)
  static func core<T>(_ body: () throws -> T) throws(LuaError) -> T {
    do {
      return try body()
    } catch let error as NightjarError {
      throw LuaError(error)
    } catch let error as LuaError {
      throw error
    } catch {
      throw LuaError.message("\(error)")
    }
  }

  /// Pushes a frame in a new box and tells Lua's collector about its
  /// columns, which Lua cannot see, so that big frames dropped in a loop
  /// are freed soon (as matrices do). [+1]
  static func push(_ call: LuaCall, _ frame: DataFrame) throws(LuaError) {
    try call.push(LuaDataFrame(frame))
    let kilobytes = frame.byteCount / 1024
    if kilobytes > 0 { nj_gc_step(call.L, Int32(clamping: kilobytes)) }
  }

  /// The frame in the box at `index`: `DataFrame expected, got table`.
  static func frame(_ call: LuaCall, _ index: Int32) throws(LuaError)
    -> DataFrame
  {
    try call.object(LuaDataFrame.self, index).frame
  }

  // MARK: - Constructor and fields

  private static func addConstructor(_ frame: LuaClass<LuaDataFrame>) {
    let build: LuaBody = { call throws(LuaError) in
      if call.isNil(1) {
        try push(call, DataFrame())
        return 1
      }
      try call.checkTable(1)
      var columns: [String: Column] = [:]
      for name in try fieldNames(call, 1) {
        let L = call.L
        luaPushString(L, name)  // [+1]
        let kind = lua_rawget(L, 1)  // [-1, +1]
        defer { luaPop(L, 1) }  // [-1]
        guard kind == LUA_TTABLE
          || call.optionalObject(Matrix.self, -1) != nil
        else {
          throw LuaError.message(
            "DataFrame: column '\(name)' is a \(call.typeName(-1)), "
              + "expected a table or a vector")
        }
        columns[name] = try column(call, -1, name: name,
                                   operation: "DataFrame")
      }
      let order = call.isNil(2) ? nil : try names(call, 2)
      try push(call, try core { try DataFrame(columns, order: order) })
      return 1
    }
    frame.constructor(build)
    frame.staticFunction(
      "from_table",
      help: """
        ml.DataFrame.from_table(columns [, order]) -> DataFrame
          The same as ml.DataFrame(columns [, order]): columns is a table
          of name = {values} (numbers, booleans or strings per column) or
          name = a Matrix vector.
        """, build)
  }

  private static func addFields(_ frame: LuaClass<LuaDataFrame>) {
    frame.property("columns", help: "the column names, in order") {
      call, box throws(LuaError) in
      call.push(strings: box.frame.columnNames)
      return 1
    }
    frame.property(
      "dtypes", help: "the column types by name: number, boolean or text"
    ) { call, box throws(LuaError) in
      let L = call.L
      lua_createtable(L, 0, Int32(clamping: box.frame.columnCount))  // [+1]
      for (name, type) in zip(box.frame.columnNames, box.frame.columnTypes) {
        luaPushString(L, type.name)  // [+1]
        luaPushString(L, name)  // [+1]
        lua_rotate(L, -2, 1)  // [0] key below value
        lua_rawset(L, -3)  // [-2]
      }
      return 1
    }
    frame.fieldFallback { call, box, name throws(LuaError) in
      guard let column = box.frame[name] else {
        call.pushNil()
        return 1
      }
      try push(call, column: column)
      return 1
    }
    frame.method(
      "column",
      help: """
        df:column(name) -> Matrix or table
          The column called name (what df.name gives): a vector for
          numbers and booleans (1/0, NaN for missing), a table of
          strings for text (missing as nil); also for names that methods
          take (df:column("count")).
        """
    ) { call, box throws(LuaError) in
      let name = try call.string(2)
      try push(call, column: try core { try box.frame.column(name) })
      return 1
    }
    frame.method(
      "shape",
      help: """
        df:shape() -> rows, columns
          The number of rows and of columns (two results).
        """
    ) { call, box throws(LuaError) in
      call.push(box.frame.rowCount)
      call.push(box.frame.columnCount)
      return 2
    }
  }

  private static func addMetamethods(_ frame: LuaClass<LuaDataFrame>) {
    frame.metamethod("__len") { call throws(LuaError) in
      call.push(try DataFrameBindings.frame(call, 1).rowCount)
      return 1
    }
    // df.name = values adds or replaces a column; df.name = nil drops it.
    frame.metamethod("__newindex") { call throws(LuaError) in
      let box = try call.object(LuaDataFrame.self, 1)
      let name = try call.string(2)
      if call.isNil(3) {
        box.frame = try core { try box.frame.drop([name]) }
        return 0
      }
      guard call.type(3) == LUA_TTABLE
        || call.optionalObject(Matrix.self, 3) != nil
      else {
        throw call.typeError(3, expected: "table or Matrix")
      }
      let values = try column(call, 3, name: name, operation: "set column")
      box.frame = try core { try box.frame.setting(name, values) }
      return 0
    }
  }
}
