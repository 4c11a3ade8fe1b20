// Running what the command line asks for: init, -e/-l steps, the script,
// stdin, and the REPL, with lua.c's messages and exit statuses.

import CLua
import CLuaShim
import Glibc
import NightjarCore
import NightjarLua

/// Runs one command line against one Lua state.
struct Host {
  let options: CommandLineOptions
  let state: LuaState
  var L: OpaquePointer { state.L }

  /// Prints `nightjar: message` on stderr, as lua.c's l_message does.
  static func report(_ message: String) {
    Terminal.writeError("nightjar: \(message)\n")
  }

  /// Runs everything; returns the exit status.
  func run() -> Int32 {
    nj_catch_interrupt(1)
    if options.warnings { _ = try? state.evaluate("warn('@on')") }
    createArgumentTable()
    do {
      if !options.ignoreEnvironment { try runInit() }
      try runSteps()
      if let script = options.script { try runScript(script) }
    } catch {
      Host.report(error.message)
      return options.interactive ? runREPL(status: 1) : 1
    }
    if options.interactive { return runREPL(status: 0) }
    if options.script == nil && options.steps.isEmpty && !options.showVersion
    {
      if Terminal.inputIsTerminal { return runREPL(status: 0) }
      do {
        try runScript("-")
      } catch {
        Host.report(error.message)
        return 1
      }
    }
    return 0
  }

  private func runREPL(status: Int32) -> Int32 {
    REPL(state: state, historyPath: historyPath).run()
    return status
  }

  /// NIGHTJAR_HISTORY (empty: none), else the XDG data folder's
  /// nightjar/history; nil with --no-history.
  private var historyPath: String? {
    guard options.history else { return nil }
    if !options.ignoreEnvironment,
      let path = Environment.value("NIGHTJAR_HISTORY")
    {
      return path.isEmpty ? nil : path
    }
    let data = options.ignoreEnvironment
      ? Environment.home + "/.local/share"
      : Environment.folder("XDG_DATA_HOME", fallback: ".local/share")
    return data + "/nightjar/history"
  }

  /// `arg`: the script at 0, its arguments at 1..n, the interpreter and
  /// options at negative indices (as lua.c builds it).
  private func createArgumentTable() {
    let arguments = options.arguments
    let scriptIndex = options.script == nil ? arguments.count
      : options.scriptIndex
    lua_createtable(
      L, Int32(max(0, arguments.count - scriptIndex - 1)),
      Int32(scriptIndex + 1))  // [+1]
    for (index, argument) in arguments.enumerated() {
      pushString(argument)  // [+1]
      lua_rawseti(L, -2, lua_Integer(index - scriptIndex))  // [-1]
    }
    state.setGlobal("arg")  // [-1]
  }

  /// NIGHTJAR_INIT (code, or @file), else the init file if it exists.
  private func runInit() throws(LuaRunError) {
    if let code = Environment.value("NIGHTJAR_INIT"), !code.isEmpty {
      if code.hasPrefix("@") {
        try state.loadFile(String(code.dropFirst()))
      } else {
        try state.load(code, name: "=NIGHTJAR_INIT")
      }
      try state.call(arguments: 0, results: 0)
      return
    }
    let configuration = Environment.folder(
      "XDG_CONFIG_HOME", fallback: ".config")
    let path = configuration + "/nightjar/init.lua"
    guard FileSystem.exists(path) else { return }
    try state.loadFile(path)
    try state.call(arguments: 0, results: 0)
  }

  private func runSteps() throws(LuaRunError) {
    for step in options.steps {
      switch step {
      case .execute(let code):
        try state.load(code, name: "=(command line)")
        try state.call(arguments: 0, results: 0)
      case .require(let global, let module):
        state.pushRequire()  // [+1]
        pushString(module)  // [+1]
        try state.call(arguments: 1, results: 1)  // [-2, +1]
        state.setGlobal(global)  // [-1]
      }
    }
  }

  /// Runs a script file ("-" is stdin) with the script arguments as `...`;
  /// modules beside the script come first for `require`.
  private func runScript(_ script: String) throws(LuaRunError) {
    if script != "-" { prependScriptDirectory(script) }
    try state.loadFile(script == "-" ? nil : script)
    let arguments = options.arguments
    let first = options.scriptIndex + 1
    for argument in arguments.dropFirst(first) { pushString(argument) }
    try state.call(
      arguments: Int32(max(0, arguments.count - first)), results: 0)
  }

  private func prependScriptDirectory(_ script: String) {
    let directory = Path.folder(of: script)
    let prefix = directory.isEmpty ? "./" : Path.join(directory, "")
    let code = "package.path = ...  .. package.path"
    guard (try? state.load(code, name: "=(host)")) != nil else { return }
    pushString("\(prefix)?.lua;\(prefix)?/init.lua;")
    _ = try? state.call(arguments: 1, results: 0)
  }

  private func pushString(_ text: String) {
    _ = text.withCString { lua_pushstring(L, $0) }
  }
}
