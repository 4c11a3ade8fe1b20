// `nightjar test [paths]`: runs Lua spec files with nightjar.test.

import CLua
import CLuaShim
import Glibc
import NightjarCore
import NightjarLua

/// Finds spec files and runs them in one state; the exit status is 0
/// when every case passed.
struct TestCommand {
  let paths: [String]

  /// Files to run: each path given, a folder standing for every
  /// `*_spec.lua` below it (sorted); `Tests/lua` when none is given.
  func files() -> [String] {
    let roots = paths.isEmpty ? ["Tests/lua"] : paths
    var found: [String] = []
    for root in roots {
      guard FileSystem.isFolder(root) else {
        found.append(root)
        continue
      }
      found += specs(below: root).sorted()
    }
    return found
  }

  private func specs(below folder: String) -> [String] {
    guard let names = try? FileSystem.list(folder) else { return [] }
    return names.flatMap { name -> [String] in
      let path = Path.join(folder, name)
      if FileSystem.isFolder(path) { return specs(below: path) }
      return name.hasSuffix("_spec.lua") ? [path] : []
    }
  }

  func run() -> Int32 {
    guard let state = LuaState() else {
      Host.report("cannot create state: not enough memory")
      return 1
    }
    defer { state.close() }
    nj_catch_interrupt(1)
    let list = files().map { "\"" + luaEscape($0) + "\"" }
    let code = "local passed, failed = require('nightjar.test').run({"
      + list.joined(separator: ", ") + "}) return failed"
    do {
      let failed = try state.evaluate(code, name: "=(test)")
      fflush(stdout)
      return failed.first == "0" ? 0 : 1
    } catch {
      Host.report(error.message)
      return 1
    }
  }

  private func luaEscape(_ text: String) -> String {
    var escaped = ""
    for character in text {
      switch character {
      case "\\": escaped += "\\\\"
      case "\"": escaped += "\\\""
      case "\n": escaped += "\\n"
      default: escaped.append(character)
      }
    }
    return escaped
  }
}
