// The description of a Swift class as Lua sees it: methods, properties,
// metamethods, constructor and static functions.

/// A Swift class bound to Lua as userdata.
///
/// Build one, then hand it to `LuaState.register(_:)`. Each instance
/// pushed to Lua is a box holding one retained object; its metatable has
/// `__name` (the Lua type name used in messages), `__index` (methods,
/// then properties), `__gc` and `__close` (release once), `__tostring`
/// and `__metatable = false`. Every box also has a `free` method.
public final class LuaClass<Object: AnyObject> {
  /// A method body: the call and the object it was called on.
  public typealias Method = (LuaCall, Object) throws(LuaError) -> Int32

  /// The Lua type name, as in `Matrix expected, got table`.
  public let name: String
  /// The help text of the class table (`help(ml.Matrix)`).
  public let help: String
  /// The `help(ml)` group the class is listed under.
  public let group: String

  var methods: [(name: String, help: String, body: LuaBody)] = []
  var properties: [String: Method] = [:]
  var propertyHelp: [(name: String, help: String)] = []
  var metamethods: [(name: String, body: LuaBody)] = []
  var statics: [(name: String, help: String, body: LuaBody)] = []
  var constructor: LuaBody?
  var describe: ((Object) -> String)?
  var fieldFallback: ((LuaCall, Object, String) throws(LuaError) -> Int32)?

  /// A class named `name` in Lua, listed in `help(ml)` under `group`.
  public init(_ name: String, group: String, help: String) {
    self.name = name
    self.group = group
    self.help = help
  }

  /// Adds a method: `object:name(...)`. The body gets the object already
  /// checked (`calling 'name' on bad self (...)` otherwise).
  public func method(
    _ name: String, help: String, _ body: @escaping Method
  ) {
    methods.append(
      (name, help, { call throws(LuaError) in
        try body(call, try call.object(Object.self, 1))
      }))
  }

  /// Adds a read-only field: `object.name`.
  public func property(
    _ name: String, help: String, _ body: @escaping Method
  ) {
    properties[name] = body
    propertyHelp.append((name, help))
  }

  /// Sets what `object.key` and `object[key]` give for a string key that
  /// names no method and no property (a data frame's columns). The body
  /// pushes its results; without one such keys give nil.
  public func fieldFallback(
    _ body: @escaping (LuaCall, Object, String) throws(LuaError) -> Int32
  ) {
    fieldFallback = body
  }

  /// Adds a metamethod (`__add`, `__len`, ...) with its raw arguments:
  /// the object may be either operand.
  public func metamethod(_ name: String, _ body: @escaping LuaBody) {
    metamethods.append((name, body))
  }

  /// Sets what calling the class table does (`ml.Matrix{...}`). The body
  /// sees the caller's arguments from index 1: the class table that Lua
  /// passes first is removed before it runs.
  public func constructor(_ body: @escaping LuaBody) {
    constructor = body
  }

  /// Adds a function to the class table (`ml.Matrix.zeros(r, c)`).
  public func staticFunction(
    _ name: String, help: String, _ body: @escaping LuaBody
  ) {
    statics.append((name, help, body))
  }

  /// Sets the text `tostring` and the REPL show for an object.
  public func describe(_ body: @escaping (Object) -> String) {
    describe = body
  }
}

/// What the state remembers of a registered class.
struct LuaClassInfo {
  let name: String
  /// The registry key of the metatable.
  let registryKey: String
  /// The metatable's address, to recognise boxes of this class.
  let metatable: UnsafeRawPointer
}
