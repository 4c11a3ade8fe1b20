// `nightjar test [paths]`: runs Lua spec files with nightjar.test.

import CLua
import CLuaShim
import Foundation
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
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: root,
                                           isDirectory: &isFolder),
        isFolder.boolValue
      else {
        found.append(root)
        continue
      }
      let walker = FileManager.default.enumerator(atPath: root)
      var specs: [String] = []
      while let entry = walker?.nextObject() as? String {
        if entry.hasSuffix("_spec.lua") {
          specs.append((root as NSString).appendingPathComponent(entry))
        }
      }
      found += specs.sorted()
    }
    return found
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
    text.replacingOccurrences(of: "\\", with: "\\\\")
      .replacingOccurrences(of: "\"", with: "\\\"")
      .replacingOccurrences(of: "\n", with: "\\n")
  }
}
