// The command line of the real binary: options, scripts, exit statuses.

import Foundation
import XCTest

final class CLITests: XCTestCase {
  private func write(_ text: String, to path: String) throws {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }

  func test_executeOptionRunsCode() throws {
    let result = try Binary.run(["-e", "print(1 + 1)"])
    XCTAssertEqual(result.output, "2\n")
    XCTAssertEqual(result.status, 0)
  }

  func test_executeOptionsRunInOrder() throws {
    let result = try Binary.run(["-e", "x = 2", "-ex = x * 5", "-e",
                                 "print(x)"])
    XCTAssertEqual(result.output, "10\n")
  }

  func test_versionAndHelp() throws {
    let version = try Binary.run(["-v"])
    XCTAssertTrue(version.output.hasPrefix("nightjar "), version.output)
    XCTAssertTrue(version.output.contains("Lua 5.4"), version.output)
    XCTAssertEqual(try Binary.run(["--version"]).output, version.output)
    let help = try Binary.run(["-h"])
    XCTAssertTrue(help.output.hasPrefix("usage: nightjar"), help.output)
    XCTAssertEqual(help.status, 0)
  }

  func test_unknownOptionPrintsUsageAndFails() throws {
    let result = try Binary.run(["-x"])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(
      result.error.hasPrefix("nightjar: unrecognized option '-x'\nusage:"),
      result.error)
  }

  func test_optionWithoutItsArgumentFails() throws {
    let result = try Binary.run(["-e"])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(
      result.error.hasPrefix("nightjar: '-e' needs argument"), result.error)
    let library = try Binary.run(["-l", "-v"])
    XCTAssertTrue(
      library.error.hasPrefix("nightjar: '-l' needs argument"),
      library.error)
  }

  func test_scriptGetsArgTableAndVarargs() throws {
    let folder = Binary.scratchFolder()
    try write(
      """
      print(arg[0], arg[1], arg[2], #arg)
      print(...)
      print(arg[-1] == "-E")
      """, to: folder + "/recipe.lua")
    let result = try Binary.run(
      ["-E", "recipe.lua", "a", "b"], folder: folder)
    XCTAssertEqual(result.output, "recipe.lua\ta\tb\t2\na\tb\ntrue\n")
    XCTAssertEqual(result.status, 0)
  }

  func test_scriptErrorExitsOneWithPositionAndTraceback() throws {
    let folder = Binary.scratchFolder()
    try write(
      "local function f()\n  error('no data')\nend\nf()\n",
      to: folder + "/recipe.lua")
    let result = try Binary.run(["recipe.lua"], folder: folder)
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(
      result.error.hasPrefix(
        "nightjar: recipe.lua:2: no data\nstack traceback:"),
      result.error)
    XCTAssertTrue(result.error.contains("recipe.lua:4: in main chunk"),
                  result.error)
  }

  func test_syntaxErrorInScriptExitsOne() throws {
    let folder = Binary.scratchFolder()
    try write("x = = 1\n", to: folder + "/bad.lua")
    let result = try Binary.run(["bad.lua"], folder: folder)
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(
      result.error, "nightjar: bad.lua:1: unexpected symbol near '='\n")
  }

  func test_missingScriptSaysWhy() throws {
    let result = try Binary.run(["no-such-recipe.lua"])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(
      result.error,
      "nightjar: cannot open no-such-recipe.lua: No such file or directory\n")
  }

  func test_binaryChunkIsRefused() throws {
    let folder = Binary.scratchFolder()
    let compiled = folder + "/compiled.luac"
    let compiler = Process()
    compiler.executableURL = URL(fileURLWithPath: "/usr/bin/luac5.4")
    compiler.arguments = ["-o", compiled, "-"]
    let input = Pipe()
    compiler.standardInput = input
    guard (try? compiler.run()) != nil else {
      throw XCTSkip("luac5.4 is not installed")
    }
    input.fileHandleForWriting.write(Data("print(1)".utf8))
    try input.fileHandleForWriting.close()
    compiler.waitUntilExit()
    let result = try Binary.run([compiled])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(
      result.error.contains("attempt to load a binary chunk"), result.error)
  }

  func test_stdinRunsAsScriptWhenNotATerminal() throws {
    let result = try Binary.run([], input: "print('from stdin')")
    XCTAssertEqual(result.output, "from stdin\n")
    let dash = try Binary.run(["-", "x"], input: "print(...)")
    XCTAssertEqual(dash.output, "x\n")
  }

  func test_doubleDashStopsOptions() throws {
    let folder = Binary.scratchFolder()
    try write("print(...)", to: folder + "/-e")
    let result = try Binary.run(["--", "-e", "-v"], folder: folder)
    XCTAssertEqual(result.output, "-v\n")
  }

  func test_requireFindsModulesBesideTheRecipe() throws {
    let folder = Binary.scratchFolder()
    try FileManager.default.createDirectory(
      atPath: folder + "/jobs", withIntermediateDirectories: true)
    try write("return {name = 'helper'}", to: folder + "/jobs/helper.lua")
    try write("print(require('helper').name)",
              to: folder + "/jobs/recipe.lua")
    let result = try Binary.run(["jobs/recipe.lua"], folder: folder)
    XCTAssertEqual(result.output, "helper\n", result.error)
  }

  func test_requireUsesLuaPathAndMinusEIgnoresIt() throws {
    let folder = Binary.scratchFolder()
    try write("return 'from LUA_PATH'", to: folder + "/shared_mod.lua")
    let environment = ["LUA_PATH": folder + "/?.lua;;"]
    let found = try Binary.run(
      ["-e", "print((require('shared_mod')))"], environment: environment)
    XCTAssertEqual(found.output, "from LUA_PATH\n", found.error)
    let ignored = try Binary.run(
      ["-E", "-e", "print(pcall(require, 'shared_mod'))"],
      environment: environment)
    XCTAssertTrue(ignored.output.hasPrefix("false"), ignored.output)
  }

  func test_libraryOptionLoadsIntoGlobal() throws {
    let folder = Binary.scratchFolder()
    try write("return {value = 7}", to: folder + "/settings.lua")
    let environment = ["LUA_PATH": folder + "/?.lua"]
    let plain = try Binary.run(
      ["-l", "settings", "-e", "print(settings.value)"],
      environment: environment)
    XCTAssertEqual(plain.output, "7\n", plain.error)
    let renamed = try Binary.run(
      ["-l", "s=settings", "-e", "print(s.value, settings)"],
      environment: environment)
    XCTAssertEqual(renamed.output, "7\tnil\n", renamed.error)
  }

  func test_initCodeAndFileRunFirstUnlessMinusE() throws {
    let code = try Binary.run(
      ["-e", "print(greeting)"],
      environment: ["NIGHTJAR_INIT": "greeting = 'hi'"])
    XCTAssertEqual(code.output, "hi\n")
    let folder = Binary.scratchFolder()
    try write("greeting = 'from file'", to: folder + "/init.lua")
    let file = try Binary.run(
      ["-e", "print(greeting)"],
      environment: ["NIGHTJAR_INIT": "@" + folder + "/init.lua"])
    XCTAssertEqual(file.output, "from file\n")
    let ignored = try Binary.run(
      ["-E", "-e", "print(greeting)"],
      environment: ["NIGHTJAR_INIT": "greeting = 'hi'"])
    XCTAssertEqual(ignored.output, "nil\n")
  }

  func test_initFileInConfigFolder() throws {
    let folder = Binary.scratchFolder()
    try FileManager.default.createDirectory(
      atPath: folder + "/nightjar", withIntermediateDirectories: true)
    try write("configured = true", to: folder + "/nightjar/init.lua")
    let result = try Binary.run(
      ["-e", "print(configured)"],
      environment: ["XDG_CONFIG_HOME": folder])
    XCTAssertEqual(result.output, "true\n")
  }

  func test_failingInitExitsOne() throws {
    let result = try Binary.run(
      ["-e", "print('not reached')"],
      environment: ["NIGHTJAR_INIT": "error('init failed', 0)"])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(result.output, "")
    XCTAssertTrue(result.error.hasPrefix("nightjar: init failed"),
                  result.error)
  }

  func test_interactiveAfterFailedScriptStillRunsREPL() throws {
    let result = try Binary.run(
      ["--no-history", "-i", "-e", "error('early')"],
      input: "print('still here')\n")
    XCTAssertTrue(result.output.contains("still here"), result.output)
    XCTAssertTrue(result.error.contains("early"), result.error)
    XCTAssertEqual(result.status, 1)
  }

  func test_mlIsAlsoRequireNightjar() throws {
    let result = try Binary.run(
      ["-e", "print(require('nightjar') == ml, type(ml.clock()))"])
    XCTAssertEqual(result.output, "true\tnumber\n")
  }

  func test_cModuleForLua54Loads() throws {
    let folder = Binary.scratchFolder()
    try write(
      """
      #include <lua.h>
      #include <lauxlib.h>
      static int twice(lua_State *L) {
        lua_pushinteger(L, 2 * luaL_checkinteger(L, 1));
        return 1;
      }
      int luaopen_twice(lua_State *L) {
        lua_newtable(L);
        lua_pushcfunction(L, twice);
        lua_setfield(L, -2, "twice");
        return 1;
      }
      """, to: folder + "/twice.c")
    let compiler = Process()
    compiler.executableURL = URL(fileURLWithPath: "/usr/bin/cc")
    compiler.arguments = ["-shared", "-fPIC", "-I/usr/include/lua5.4",
                          "-o", folder + "/twice.so", folder + "/twice.c"]
    try compiler.run()
    compiler.waitUntilExit()
    XCTAssertEqual(compiler.terminationStatus, 0)
    let result = try Binary.run(
      ["-e", "print(require('twice').twice(21))"],
      environment: ["LUA_CPATH": folder + "/?.so"])
    XCTAssertEqual(result.output, "42\n", result.error)
  }

  func test_testCommandCountsAndFails() throws {
    let folder = Binary.scratchFolder()
    try write(
      """
      describe("sums", function()
        it("adds", function() expect(1 + 1):to_be(2) end)
        it("fails on purpose", function() expect(1):to_be(2) end)
        it("checks errors", function()
          checkerror("boom", function() error("boom") end)
        end)
      end)
      """, to: folder + "/sample_spec.lua")
    let result = try Binary.run(["test", folder])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.output.hasSuffix("2 passed, 1 failed\n"),
                  result.output)
    XCTAssertTrue(
      result.output.contains("sums > fails on purpose\n  "), result.output)
    try write("it('ok', function() end)", to: folder + "/sample_spec.lua")
    let passing = try Binary.run(["test", folder + "/sample_spec.lua"])
    XCTAssertEqual(passing.status, 0)
    XCTAssertTrue(passing.output.hasSuffix("1 passed, 0 failed\n"))
  }

  func test_globalsWithRaisingMetatableDoNotBreakTheHost() throws {
    let result = try Binary.run(
      ["-e", "setmetatable(_G, {__index = function(_, k) error('strict: '"
         + " .. k) end, __newindex = function() error('frozen') end})",
       "-l", "g=string", "-e", "print(rawget(_G, 'g') == string)"])
    XCTAssertEqual(result.output, "true\n", result.error)
    XCTAssertEqual(result.status, 0)
  }

  func test_hugeStringErrorDoesNotCrash() throws {
    let result = try Binary.run(
      ["-e", "print(pcall(string.rep, 'x', 1 << 60))"])
    XCTAssertEqual(result.status, 0)
    XCTAssertTrue(result.output.hasPrefix("false"), result.output)
  }
}
