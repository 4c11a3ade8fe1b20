// A Lua 5.4 state owned by Swift, with nightjar's libraries installed.

import CLua
import CLuaShim
import NightjarCore

/// Owns one `lua_State` and everything bound into it.
///
/// Creating a state opens Lua's standard libraries, installs the Ctrl-C
/// hook, the searcher for the Lua modules compiled into the binary, the
/// global `ml` (also `require "nightjar"`), `help`, and nightjar's
/// bindings. One state runs on one thread. `close()` (or deinit) closes
/// the Lua state, which releases every Swift object boxed in it.
public final class LuaState {
  /// The main Lua thread.
  public let L: OpaquePointer
  private var functions: [LuaFunction] = []
  private var classes: [ObjectIdentifier: LuaClassInfo] = [:]
  private(set) var isClosed = false

  /// Registry keys of the tables the host keeps for itself.
  enum Key {
    static let ml = "nightjar.ml"
    static let help = "nightjar.help"
    static let groups = "nightjar.groups"
    static let methods = "nightjar.methods"
    static let require = "nightjar.require"
    static let tostring = "nightjar.tostring"
  }

  /// A new state. With `ignoreEnvironment`, `package.path` and
  /// `package.cpath` ignore LUA_PATH and LUA_CPATH (as `lua -E`). With
  /// `libraries` false only the bridge is set up (`ml` is empty but for
  /// the host functions): tests register their own classes. Nil when Lua
  /// cannot allocate a state.
  public init?(ignoreEnvironment: Bool = false, libraries: Bool = true) {
    guard let L = luaL_newstate() else { return nil }
    self.L = L
    nj_set_dispatcher(luaDispatcher)
    nj_set_releaser(luaReleaser)
    nj_set_host(L, Unmanaged.passUnretained(self).toOpaque())
    if ignoreEnvironment {
      lua_pushboolean(L, 1)  // [+1]
      lua_setfield(L, luaRegistryIndex, "LUA_NOENV")  // [-1]
    }
    luaL_openlibs(L)
    saveBuiltins()
    nj_install_hook(L)
    Cancellation.isRequested = { nj_interrupted() != 0 }
    nj_add_embedded_searcher(L)
    createHostTables()
    HostBindings.register(in: self)
    if libraries { Libraries.register(in: self) }
    guard runPrelude() else { return nil }
  }

  deinit { close() }

  /// Closes the Lua state: runs every pending `__gc`, so every boxed
  /// Swift object is released. Later calls do nothing.
  public func close() {
    guard !isClosed else { return }
    isClosed = true
    lua_close(L)
    functions.removeAll()
  }

  /// The state that owns `L` (any of its coroutines included).
  static func of(_ L: OpaquePointer) -> LuaState? {
    guard let host = nj_get_host(L) else { return nil }
    return Unmanaged<LuaState>.fromOpaque(host).takeUnretainedValue()
  }

  func classInfo<Object: AnyObject>(for type: Object.Type) -> LuaClassInfo? {
    classes[ObjectIdentifier(type)]
  }

  func classInfo(forDynamic object: AnyObject) -> LuaClassInfo? {
    classes[ObjectIdentifier(Swift.type(of: object))]
  }

  // MARK: - Defining functions

  /// Pushes a Lua function that runs `body`; the state keeps the closure
  /// alive until it closes.
  func pushFunction(_ name: String, _ body: @escaping LuaBody) {
    let function = LuaFunction(name: name, body: body)
    functions.append(function)
    nj_push_function(L, Unmanaged.passUnretained(function).toOpaque())
  }

  /// Defines `ml.name` as a Swift function, with its help text and the
  /// group `help(ml)` lists it under.
  public func define(
    _ name: String, group: String, help: String, _ body: @escaping LuaBody
  ) {
    pushRegistry(Key.ml)  // [+1] ml
    pushFunction(name, body)  // [+1]
    setHelp(group: group, name: name, text: help)  // [+0]
    lua_setfield(L, -2, name)  // [-1]
    luaPop(L, 1)  // [-1]
  }

  /// Defines `name` in the module `nightjar.internal` (what benchmarks
  /// and tests use to measure the bridge itself; not part of `ml`).
  public func defineInternal(_ name: String, _ body: @escaping LuaBody) {
    lua_getfield(L, luaRegistryIndex, "_LOADED")  // [+1]
    if lua_getfield(L, -1, "nightjar.internal") != LUA_TTABLE {  // [+1]
      luaPop(L, 1)  // [-1]
      luaNewTable(L)  // [+1]
      lua_pushvalue(L, -1)  // [+1]
      lua_setfield(L, -3, "nightjar.internal")  // [-1]
    }
    pushFunction(name, body)  // [+1]
    lua_setfield(L, -2, name)  // [-1]
    luaPop(L, 2)  // [-2]
  }

  /// Records the help text of the value on top of the stack, and lists
  /// `name` under `group` in `help(ml)` when a group is given. [-0, +0]
  func setHelp(group: String?, name: String, text: String) {
    pushRegistry(Key.help)  // [+1]
    lua_pushvalue(L, -2)  // [+1] the value
    luaPushString(L, text)  // [+1]
    lua_rawset(L, -3)  // [-2]
    luaPop(L, 1)  // [-1]
    guard let group else { return }
    pushRegistry(Key.groups)  // [+1]
    luaPushString(L, group)  // [+1]
    lua_setfield(L, -2, name)  // [-1] groups[name] = group
    luaPop(L, 1)  // [-1]
  }

  /// Keeps `require` and `tostring` as the libraries made them: a script
  /// may give _G a metatable whose __index raises, and a raise must never
  /// start in a Swift frame, so the host never reads _G after start-up.
  private func saveBuiltins() {
    for name in [Key.require, Key.tostring] {
      let global = String(name.dropFirst("nightjar.".count))
      lua_getglobal(L, global)  // [+1] _G is still plain here
      lua_setfield(L, luaRegistryIndex, name)  // [-1]
    }
  }

  /// Pushes `require`, as the libraries defined it. [+1]
  public func pushRequire() { pushRegistry(Key.require) }

  /// Pushes `tostring`, as the libraries defined it. [+1]
  public func pushTostring() { pushRegistry(Key.tostring) }

  /// Sets the global `name` to the value on top of the stack, without
  /// metamethods (a raw set on the globals table). [-1]
  public func setGlobal(_ name: String) {
    lua_rawgeti(L, luaRegistryIndex, lua_Integer(LUA_RIDX_GLOBALS))  // [+1]
    lua_rotate(L, -2, 1)  // [0] value on top
    luaPushString(L, name)  // [+1]
    lua_rotate(L, -2, 1)  // [0] key below value
    lua_rawset(L, -3)  // [-2]
    luaPop(L, 1)  // [-1]
  }

  private func pushRegistry(_ key: String) {
    lua_getfield(L, luaRegistryIndex, key)  // [+1]
  }

  private func createHostTables() {
    for key in [Key.ml, Key.help, Key.groups, Key.methods] {
      luaNewTable(L)  // [+1]
      lua_setfield(L, luaRegistryIndex, key)  // [-1]
    }
    pushRegistry(Key.ml)  // [+1]
    lua_pushvalue(L, -1)  // [+1]
    lua_setglobal(L, "ml")  // [-1]
    lua_getfield(L, luaRegistryIndex, "_LOADED")  // [+1]
    lua_rotate(L, -2, 1)  // [0] ml on top
    lua_setfield(L, -2, "nightjar")  // [-1] package.loaded.nightjar = ml
    luaPop(L, 1)  // [-1]
  }

  /// Runs the compiled-in prelude with ml and the help tables: it defines
  /// `help`, `ml.time` and the other pieces written in Lua.
  private func runPrelude() -> Bool {
    pushRequire()  // [+1]
    luaPushString(L, "nightjar.prelude")  // [+1]
    guard luaProtectedCall(L, 1, 1, 0) == LUA_OK else {  // [-2, +1]
      luaPop(L, 1)
      return false
    }
    pushRegistry(Key.ml)  // [+1]
    pushRegistry(Key.help)  // [+1]
    pushRegistry(Key.groups)  // [+1]
    pushRegistry(Key.methods)  // [+1]
    let status = luaProtectedCall(L, 4, 0, 0)  // [-5]
    if status != LUA_OK { luaPop(L, 1) }
    return status == LUA_OK
  }

  // MARK: - Classes

  /// Registers a class: builds its metatable and, when it has a
  /// constructor or static functions, the class table `ml.<name>`.
  public func register<Object: AnyObject>(_ luaClass: LuaClass<Object>) {
    let key = "nightjar.class." + luaClass.name
    lua_createtable(L, 0, 8)  // [+1] metatable
    luaPushString(L, luaClass.name)  // [+1]
    lua_setfield(L, -2, "__name")  // [-1]
    lua_pushboolean(L, 1)  // [+1]
    lua_setfield(L, -2, "__nightjar")  // [-1] marks nightjar boxes
    lua_pushboolean(L, 0)  // [+1]
    lua_setfield(L, -2, "__metatable")  // [-1]
    nj_push_release(L)  // [+1]
    lua_setfield(L, -2, "__gc")  // [-1]
    nj_push_release(L)  // [+1]
    lua_setfield(L, -2, "__close")  // [-1]
    pushTostring(luaClass)  // [+1]
    lua_setfield(L, -2, "__tostring")  // [-1]
    for (name, body) in luaClass.metamethods {
      pushFunction(name, body)  // [+1]
      lua_setfield(L, -2, name)  // [-1]
    }
    // The field names, for the REPL's completion (it never calls the
    // getter): __fields = {name = true, ...}.
    lua_createtable(L, 0, Int32(luaClass.properties.count))  // [+1]
    for name in luaClass.properties.keys {
      lua_pushboolean(L, 1)  // [+1]
      lua_setfield(L, -2, name)  // [-1]
    }
    lua_setfield(L, -2, "__fields")  // [-1]
    pushMethods(luaClass)  // [+1] methods
    pushRegistry(Key.methods)  // [+1]
    lua_pushvalue(L, -2)  // [+1]
    lua_setfield(L, -2, luaClass.name)  // [-1] methods[name] = methods
    luaPop(L, 1)  // [-1]
    nj_push_index(L, propertyGetter(luaClass))  // [-1, +1]
    lua_setfield(L, -2, "__index")  // [-1]
    setHelp(group: nil, name: luaClass.name, text: classHelp(luaClass))
    let metatable = lua_topointer(L, -1)
    lua_setfield(L, luaRegistryIndex, key)  // [-1]
    if let metatable {
      classes[ObjectIdentifier(Object.self)] = LuaClassInfo(
        name: luaClass.name, registryKey: key, metatable: metatable)
    }
    if luaClass.constructor != nil || !luaClass.statics.isEmpty {
      defineClassTable(luaClass)
    }
  }

  /// The class's help text followed by its fields' one-line texts.
  private func classHelp<Object: AnyObject>(
    _ luaClass: LuaClass<Object>
  ) -> String {
    guard !luaClass.propertyHelp.isEmpty else { return luaClass.help }
    let width = luaClass.propertyHelp.map(\.name.count).max() ?? 0
    let lines = luaClass.propertyHelp.map { name, help in
      "  " + name + String(repeating: " ", count: width + 2 - name.count)
        + help
    }
    return luaClass.help + "\n\nFields:\n" + lines.joined(separator: "\n")
  }

  private func pushMethods<Object: AnyObject>(_ luaClass: LuaClass<Object>) {
    lua_createtable(L, 0, Int32(luaClass.methods.count + 1))  // [+1]
    for (name, help, body) in luaClass.methods {
      pushFunction(name, body)  // [+1]
      setHelp(group: nil, name: name, text: help)
      lua_setfield(L, -2, name)  // [-1]
    }
    nj_push_release(L)  // [+1]
    setHelp(
      group: nil, name: "free",
      text: "object:free()\n  Releases the object's memory now; "
        + "any later use is an error.")
    lua_setfield(L, -2, "free")  // [-1]
  }

  /// The context of the getter __index falls back to, or nil when the
  /// class has no properties and no field fallback.
  private func propertyGetter<Object: AnyObject>(
    _ luaClass: LuaClass<Object>
  ) -> UnsafeMutableRawPointer? {
    guard !luaClass.properties.isEmpty || luaClass.fieldFallback != nil
    else { return nil }
    let properties = luaClass.properties
    let fallback = luaClass.fieldFallback
    let function = LuaFunction(name: "__index") { call throws(LuaError) in
      let object = try call.object(Object.self, 1)
      guard let key = luaString(call.L, 2) else {
        lua_pushnil(call.L)
        return 1
      }
      if let getter = properties[key] { return try getter(call, object) }
      if let fallback { return try fallback(call, object, key) }
      lua_pushnil(call.L)
      return 1
    }
    functions.append(function)
    return Unmanaged.passUnretained(function).toOpaque()
  }

  private func pushTostring<Object: AnyObject>(
    _ luaClass: LuaClass<Object>
  ) {
    let name = luaClass.name
    let describe = luaClass.describe
    pushFunction("__tostring") { call throws(LuaError) in
      var pointer: UnsafeMutableRawPointer?
      guard let info = call.host?.classInfo(for: Object.self) else {
        return 0
      }
      switch nj_box_at(call.L, 1, info.metatable, &pointer) {
      case Int32(NJ_BOX_OK):
        guard let pointer else { return 0 }
        let object = Unmanaged<Object>.fromOpaque(pointer)
          .takeUnretainedValue()
        call.push(describe?(object) ?? name)
      default:
        call.push("\(name) (released)")
      }
      return 1
    }
  }

  private func defineClassTable<Object: AnyObject>(
    _ luaClass: LuaClass<Object>
  ) {
    pushRegistry(Key.ml)  // [+1] ml
    lua_createtable(L, 0, Int32(luaClass.statics.count))  // [+1] class
    for (name, help, body) in luaClass.statics {
      pushFunction(name, body)  // [+1]
      setHelp(group: nil, name: name, text: help)
      lua_setfield(L, -2, name)  // [-1]
    }
    if let constructor = luaClass.constructor {
      lua_createtable(L, 0, 1)  // [+1] the class table's metatable
      pushFunction(luaClass.name) { call throws(LuaError) in
        lua_rotate(call.L, 1, -1)  // the class table to the top...
        luaPop(call.L, 1)  // ...and off: arguments count from 1
        return try constructor(call)
      }  // [+1]
      lua_setfield(L, -2, "__call")  // [-1]
      lua_setmetatable(L, -2)  // [-1]
    }
    setHelp(
      group: luaClass.group, name: luaClass.name, text: classHelp(luaClass))
    lua_setfield(L, -2, luaClass.name)  // [-1] ml.Name = class
    luaPop(L, 1)  // [-1]
  }
}
