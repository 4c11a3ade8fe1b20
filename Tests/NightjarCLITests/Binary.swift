// Finding and running the real nightjar binary from the tests.

import Foundation
import XCTest

/// The built `nightjar` executable and ways to run it.
enum Binary {
  /// NIGHTJAR_BINARY when set, else `nightjar` beside the test bundle (the
  /// build folder swift test used), else .build/debug under the package.
  static let path: String = {
    let environment = ProcessInfo.processInfo.environment
    if let path = environment["NIGHTJAR_BINARY"], !path.isEmpty {
      return path
    }
    let bundle = Bundle.main.bundleURL.deletingLastPathComponent()
    for folder in [Bundle.main.bundleURL, bundle] {
      let candidate = folder.appendingPathComponent("nightjar").path
      if FileManager.default.isExecutableFile(atPath: candidate) {
        return candidate
      }
    }
    return packageRoot + "/.build/debug/nightjar"
  }()

  /// The package's top folder, from this file's place in Tests/.
  static let packageRoot: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

  /// What a finished run printed and how it ended.
  struct Result {
    let status: Int32
    let output: String
    let error: String
  }

  /// Runs nightjar with `arguments`, feeding `input` on stdin (or
  /// /dev/null), in `folder`, with extra `environment` entries (a value
  /// of nil removes a variable). HOME and XDG folders point into a
  /// scratch folder so no user file is read or written.
  static func run(
    _ arguments: [String], input: String? = nil, folder: String? = nil,
    environment: [String: String?] = [:]
  ) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.environment = scrubbedEnvironment(environment)
    if let folder {
      process.currentDirectoryURL = URL(fileURLWithPath: folder)
    }
    let output = Pipe()
    let error = Pipe()
    let stdin = Pipe()
    process.standardOutput = output
    process.standardError = error
    process.standardInput = input == nil
      ? FileHandle(forReadingAtPath: "/dev/null") : stdin
    try process.run()
    if let input {
      stdin.fileHandleForWriting.write(Data(input.utf8))
      try stdin.fileHandleForWriting.close()
    }
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus,
      output: String(decoding: outputData, as: UTF8.self),
      error: String(decoding: errorData, as: UTF8.self))
  }

  /// The environment for a child: this one without the variables that
  /// change nightjar's behaviour, HOME in a scratch folder, plus `extra`.
  static func scrubbedEnvironment(_ extra: [String: String?])
    -> [String: String]
  {
    var environment = ProcessInfo.processInfo.environment
    for name in ["NIGHTJAR_INIT", "NIGHTJAR_HISTORY", "LUA_PATH",
                 "LUA_CPATH", "LUA_PATH_5_4", "LUA_CPATH_5_4",
                 "LUA_INIT", "LUA_INIT_5_4", "NO_COLOR",
                 "XDG_CONFIG_HOME", "XDG_DATA_HOME"] {
      environment[name] = nil
    }
    environment["HOME"] = scratchHome
    for (name, value) in extra { environment[name] = value }
    return environment
  }

  /// A HOME for the children, empty at the start of each test process.
  static let scratchHome: String = {
    let path = NSTemporaryDirectory() + "nightjar-home-\(getpid())"
    try? FileManager.default.removeItem(atPath: path)
    try? FileManager.default.createDirectory(
      atPath: path, withIntermediateDirectories: true)
    return path
  }()

  /// A new empty folder for one test's files.
  static func scratchFolder(_ name: String = #function) -> String {
    let safe = name.filter { $0.isLetter || $0.isNumber }
    let path = NSTemporaryDirectory() + "nightjar-\(getpid())-\(safe)"
    try? FileManager.default.removeItem(atPath: path)
    try? FileManager.default.createDirectory(
      atPath: path, withIntermediateDirectories: true)
    return path
  }
}
