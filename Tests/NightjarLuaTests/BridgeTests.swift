// The Lua bridge: argument errors in lauxlib's words, userdata lifetime,
// help texts, interruption.

import CLua
import CLuaShim
import NightjarCore
import XCTest

@testable import NightjarLua

/// A Swift object whose live instances are counted, to see releases.
final class Probe {
  nonisolated(unsafe) static var live = 0
  let value: Double

  init(_ value: Double) {
    self.value = value
    Probe.live += 1
  }

  deinit { Probe.live -= 1 }
}

final class BridgeTests: XCTestCase {
  private var state: LuaState!

  override func setUp() {
    Probe.live = 0
    state = LuaState()
    let probe = LuaClass<Probe>(
      "Probe", group: "Testing", help: "Probe(x)\n  A counted object.")
    probe.constructor { call throws(LuaError) in
      try call.push(Probe(try call.number(1)))
      return 1
    }
    probe.method("value", help: "probe:value()") { call, object throws(LuaError) in
      call.push(object.value)
      return 1
    }
    probe.method("scaled", help: "probe:scaled(k)") { call, object throws(LuaError) in
      try call.push(Probe(object.value * (try call.number(2))))
      return 1
    }
    probe.property("half", help: "half the value") { call, object throws(LuaError) in
      call.push(object.value / 2)
      return 1
    }
    probe.describe { "Probe(\($0.value))" }
    state.register(probe)
    state.define("count", group: "Testing", help: "ml.count(n)") {
      call throws(LuaError) in
      call.push(try call.integer(1))
      return 1
    }
    state.define("pick", group: "Testing", help: "ml.pick(mode)") {
      call throws(LuaError) in
      call.push(try call.option(1, ["fast", "exact"], or: "fast"))
      return 1
    }
    state.define("word", group: "Testing", help: "ml.word(s)") {
      call throws(LuaError) in
      call.push(try call.string(1))
      return 1
    }
    state.define("fails", group: "Testing", help: "ml.fails()") {
      call throws(LuaError) in
      throw LuaError(
        .shapeMismatch(operation: "fit", message: "X has 3 rows but y has 2"))
    }
    state.define("spin", group: "Testing", help: "ml.spin()") {
      call throws(LuaError) in
      while true {
        do throws(NightjarError) {
          try Cancellation.check()
        } catch { throw LuaError(error) }
      }
    }
  }

  override func tearDown() {
    state.close()
    state = nil
  }

  /// The message of the error `code` raises, position stripped.
  private func error(_ code: String) -> String {
    do {
      _ = try state.evaluate(code, name: "=test")
      return "no error"
    } catch {
      return error.message.replacingOccurrences(
        of: #"^test:\d+: "#, with: "", options: .regularExpression)
    }
  }

  private func value(_ code: String) throws -> String {
    try state.evaluate(code, name: "=test").first ?? "(none)"
  }

  // MARK: - Arguments in lauxlib's words

  func test_numberArgumentErrors() {
    XCTAssertEqual(
      error("return ml.Probe()"),
      "bad argument #1 to 'Probe' (number expected, got no value)")
    XCTAssertEqual(
      error("return ml.Probe({})"),
      "bad argument #1 to 'Probe' (number expected, got table)")
    XCTAssertEqual(error("return ml.Probe('2.5'):value()").count, 8)
  }

  func test_integerArgumentErrors() throws {
    XCTAssertEqual(
      error("return ml.count(3.5)"),
      "bad argument #1 to 'count' (number has no integer representation)")
    XCTAssertEqual(
      error("return ml.count('x')"),
      "bad argument #1 to 'count' (number expected, got string)")
    XCTAssertEqual(try value("return ml.count(4.0)"), "4")
  }

  func test_optionArgumentErrors() throws {
    XCTAssertEqual(
      error("return ml.pick('slow')"),
      "bad argument #1 to 'pick' (invalid option 'slow')")
    XCTAssertEqual(try value("return ml.pick()"), "fast")
    XCTAssertEqual(try value("return ml.pick('exact')"), "exact")
  }

  func test_stringArgumentAcceptsNumbersAsLuaDoes() throws {
    XCTAssertEqual(try value("return ml.word(12)"), "12")
    XCTAssertEqual(try value("return ml.word(1.5)"), "1.5")
    XCTAssertEqual(
      error("return ml.word(true)"),
      "bad argument #1 to 'word' (string expected, got boolean)")
  }

  func test_objectArgumentNamesTheClass() {
    XCTAssertEqual(
      error("local p = ml.Probe(1); return p:scaled({})"),
      "bad argument #1 to 'scaled' (number expected, got table)")
    XCTAssertEqual(
      error("local p = ml.Probe(1); return p.scaled({}, 2)"),
      "bad argument #1 to 'scaled' (Probe expected, got table)")
    XCTAssertEqual(
      error("local p = ml.Probe(1); return p.value(io.stdout)"),
      "bad argument #1 to 'value' (Probe expected, got FILE*)")
  }

  func test_badSelfReadsAsLauxlib() {
    XCTAssertEqual(
      error("local p = ml.Probe(1); local t = {f = p.value}; return t:f()"),
      "calling 'f' on bad self (Probe expected, got table)")
  }

  func test_domainErrorCarriesPosition() {
    do {
      _ = try state.evaluate("\nml.fails()", name: "=recipe.lua")
      XCTFail("no error")
    } catch {
      XCTAssertEqual(
        error.message, "recipe.lua:2: fit: X has 3 rows but y has 2")
    }
  }

  // MARK: - Userdata lifetime

  func test_objectsAreReleasedByTheCollector() throws {
    _ = try state.evaluate(
      "for i = 1, 1000 do local p = ml.Probe(i) end collectgarbage()")
    XCTAssertEqual(Probe.live, 0)
  }

  func test_gcCalledByHandReleasesOnce() throws {
    _ = try state.evaluate(
      """
      p = ml.Probe(3)
      local gc = debug.getmetatable(p).__gc
      gc(p); gc(p)
      """)
    XCTAssertEqual(Probe.live, 0)
    XCTAssertEqual(
      error("return p:value()"), "attempt to use a released Probe")
    XCTAssertEqual(try value("return tostring(p)"), "Probe (released)")
    _ = try state.evaluate("p = nil collectgarbage()")
    XCTAssertEqual(Probe.live, 0)
  }

  func test_freeAndCloseReleaseAtOnce() throws {
    _ = try state.evaluate("q = ml.Probe(1) q:free() q:free()")
    XCTAssertEqual(Probe.live, 0)
    _ = try state.evaluate(
      "do local r <close> = ml.Probe(2) kept = r end")
    XCTAssertEqual(Probe.live, 0)
    XCTAssertEqual(
      error("return kept:value()"), "attempt to use a released Probe")
  }

  func test_closingTheStateReleasesEverything() throws {
    _ = try state.evaluate("keep = {} for i = 1, 10 do keep[i] = ml.Probe(i) end")
    XCTAssertEqual(Probe.live, 10)
    state.close()
    XCTAssertEqual(Probe.live, 0)
  }

  func test_errorsInsideMethodsLeakNothing() throws {
    _ = try state.evaluate(
      """
      local p = ml.Probe(1)
      for i = 1, 100 do pcall(p.scaled, p, {}) end
      p = nil collectgarbage()
      """)
    XCTAssertEqual(Probe.live, 0)
  }

  func test_metatableIsProtected() throws {
    XCTAssertEqual(try value("return getmetatable(ml.Probe(1))"), "false")
    XCTAssertEqual(
      error("setmetatable(ml.Probe(1), {})"),
      "bad argument #1 to 'setmetatable' (table expected, got Probe)")
    XCTAssertEqual(
      error("debug.setmetatable(ml.Probe(1), nil) return 1"), "no error")
  }

  func test_propertiesAndTostring() throws {
    XCTAssertEqual(try value("return ml.Probe(3).half"), "1.5")
    XCTAssertEqual(try value("return ml.Probe(3).nothing"), "nil")
    XCTAssertEqual(try value("return tostring(ml.Probe(3))"), "Probe(3.0)")
  }

  // MARK: - Help

  func test_everyExportedNameHasHelp() throws {
    XCTAssertEqual(
      try value(
        """
        local missing = {}
        for name, v in pairs(ml) do
          local out = {}
          local write = io.stdout.write
          local saved = io.stdout
          io.stdout = {write = function(_, ...) out[#out+1] = table.concat({...}) end}
          help(v)
          io.stdout = saved
          if table.concat(out):find("^no help") then missing[#missing+1] = name end
        end
        return #missing == 0 and "ok" or table.concat(missing, ",")
        """), "ok")
  }

  // MARK: - Interruption

  func test_interruptStopsALuaLoop() {
    nj_raise_interrupt()
    defer { nj_clear_interrupt() }
    XCTAssertEqual(error("while true do end"), "interrupted!")
  }

  func test_interruptStopsASwiftLoop() {
    nj_raise_interrupt()
    defer { nj_clear_interrupt() }
    XCTAssertEqual(error("ml.spin()"), "interrupted!")
  }
}
