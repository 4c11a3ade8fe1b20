// Numbers as Lua writes them, for messages and tostring.

import NightjarCore

/// Formats numbers the way Lua 5.4's `tostring` does.
public enum LuaNumberFormat {
  /// A float as `%.14g`, with `.0` added when the text would read as an
  /// integer (`1.0`, `-0.0`, `1e+15` stays as is); `inf`, `-inf`, `nan`
  /// and `-nan` as Lua prints them on Linux.
  public static func string(_ value: Double) -> String {
    var text = CFormat.string(value, "%.14g")
    let looksIntegral = text.allSatisfy { $0 == "-" || $0.isNumber }
    if looksIntegral { text += ".0" }
    return text
  }
}
