// The version line that -v and the REPL banner print.

import CLua

enum Version {
  static let nightjar = "0.1.0"

  /// "nightjar 0.1.0 (Lua 5.4.4)".
  static var line: String {
    "nightjar \(nightjar) (Lua \(LUA_VERSION_MAJOR).\(LUA_VERSION_MINOR)"
      + ".\(LUA_VERSION_RELEASE))"
  }
}
