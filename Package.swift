// swift-tools-version:6.0
// nightjar: Lua recipes and a REPL for machine-learning pipelines, with the
// math in Swift on OpenBLAS. Only the toolchain and Debian's C libraries.
import PackageDescription

let package = Package(
  name: "nightjar",
  products: [
    .executable(name: "nightjar", targets: ["nightjar"]),
    .library(name: "NightjarCore", targets: ["NightjarCore"]),
    .library(name: "NightjarLua", targets: ["NightjarLua"]),
  ],
  targets: [
    .systemLibrary(
      name: "CLua", pkgConfig: "lua5.4",
      providers: [.apt(["liblua5.4-dev"])]),
    // Headers only: NightjarCore opens OpenBLAS at first use (dlopen).
    .systemLibrary(
      name: "CBLAS",
      providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
    .systemLibrary(
      name: "CSQLite", pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]),
    .systemLibrary(
      name: "CLineEdit", pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"])]),
    .target(
      name: "CLuaShim", dependencies: ["CLua"],
      cSettings: [.unsafeFlags(["-std=gnu23"])]),
    // C++ over Debian's header-only fast_float: correctly rounded number
    // parsing for the CSV reader.
    .target(
      name: "CFastFloat",
      cxxSettings: [.define("FASTFLOAT_ALLOWS_LEADING_PLUS", to: "1")]),
    .target(
      name: "NightjarCore", dependencies: ["CBLAS", "CSQLite", "CFastFloat"]),
    .target(
      name: "NightjarLua",
      dependencies: ["NightjarCore", "CLua", "CLuaShim"]),
    // Release builds carry the Swift runtime inside: the binary starts
    // faster (no Swift libraries to resolve) and runs where no Swift
    // toolchain is installed.
    .executableTarget(
      name: "nightjar",
      dependencies: ["NightjarLua", "CLineEdit", "CLuaShim", "CLua"],
      linkerSettings: [
        .unsafeFlags(["-static-stdlib"], .when(configuration: .release))
      ]),
    // The fixtures are read by path (#filePath), not bundled.
    .testTarget(
      name: "NightjarCoreTests", dependencies: ["NightjarCore"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "NightjarLuaTests",
      dependencies: ["NightjarLua", "CLua", "CLuaShim"]),
    .testTarget(name: "NightjarCLITests", dependencies: ["nightjar"]),
  ],
  swiftLanguageModes: [.v5]
)
