// Lua's C macros, which Swift cannot import, written once as functions.

import CLua
import CLuaShim

/// The pseudo-index of Lua's registry.
let luaRegistryIndex = Int32(NJ_REGISTRYINDEX)

@inline(__always)
func luaPop(_ L: OpaquePointer, _ count: Int32) {
  lua_settop(L, -count - 1)
}

@inline(__always)
func luaNewTable(_ L: OpaquePointer) {
  lua_createtable(L, 0, 0)
}

/// Calls in protected mode (`lua_pcall`): never raises.
@inline(__always)
func luaProtectedCall(
  _ L: OpaquePointer, _ arguments: Int32, _ results: Int32,
  _ handler: Int32
) -> Int32 {
  lua_pcallk(L, arguments, results, handler, 0, nil)
}

/// The string at `index`, only when it already is a string: never
/// converts a number in place, so it never allocates or raises.
func luaString(_ L: OpaquePointer, _ index: Int32) -> String? {
  guard lua_type(L, index) == LUA_TSTRING else { return nil }
  var length = 0
  guard let bytes = lua_tolstring(L, index, &length) else { return nil }
  return bytes.withMemoryRebound(to: UInt8.self, capacity: length) {
    String(decoding: UnsafeBufferPointer(start: $0, count: length),
           as: UTF8.self)
  }
}

/// Pushes a Swift string as a Lua string (bytes as they are).
func luaPushString(_ L: OpaquePointer, _ text: String) {
  var text = text
  text.withUTF8 { bytes in
    bytes.withMemoryRebound(to: CChar.self) {
      _ = lua_pushlstring(L, $0.baseAddress, $0.count)
    }
  }
}

/// Loads a chunk of text (never a binary chunk) without running it.
func luaLoad(_ L: OpaquePointer, _ code: String, name: String) -> Int32 {
  var code = code
  return code.withUTF8 { bytes in
    bytes.withMemoryRebound(to: CChar.self) {
      luaL_loadbufferx(L, $0.baseAddress, $0.count, name, "t")
    }
  }
}
