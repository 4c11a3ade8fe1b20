// Errors a Swift function bound to Lua returns instead of raising.

import CLuaShim
import NightjarCore

/// What a bound Swift function throws; the C trampoline turns it into a
/// Lua error after the Swift frame has returned.
///
/// The texts follow lauxlib: `.argument(2, "number expected, got nil")`
/// becomes `bad argument #2 to 'f' (number expected, got nil)` (with
/// `self` not counted for methods); `.message` gets the caller's
/// `file:line:` in front, as `luaL_error` does.
public enum LuaError: Error {
  /// A bad argument: its 1-based index (self counted) and the reason.
  case argument(Int32, String)
  /// A run-time error, raised with the caller's position.
  case message(String)
  /// Raise the value on top of the stack unchanged (an error object
  /// caught by a protected call, passed on).
  case value

  /// The same error from a Core error value.
  public init(_ error: NightjarError) {
    self = .message(error.description)
  }

  /// Stores the message in the shim and answers the code the trampoline
  /// raises it by.
  func code() -> Int32 {
    switch self {
    case .argument(let index, let text):
      Self.store(text, argument: index)
      return Int32(NJ_RAISE_ARGUMENT)
    case .message(let text):
      Self.store(text, argument: 0)
      return Int32(NJ_RAISE_MESSAGE)
    case .value:
      return Int32(NJ_RAISE_VALUE)
    }
  }

  private static func store(_ text: String, argument: Int32) {
    var text = text
    text.withUTF8 { bytes in
      bytes.withMemoryRebound(to: CChar.self) {
        nj_set_error($0.baseAddress, $0.count, argument)
      }
    }
  }
}
