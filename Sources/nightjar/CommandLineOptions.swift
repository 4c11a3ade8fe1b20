// The command line, read the way the stock `lua` command reads its own.

/// What the command line asks for, in the order given.
struct CommandLineOptions {
  /// An `-e CODE` or `-l MOD` / `-l g=MOD`, run in order before the script.
  enum Step: Equatable {
    case execute(String)
    case require(global: String, module: String)
  }

  var steps: [Step] = []
  var interactive = false
  var showVersion = false
  var showHelp = false
  var ignoreEnvironment = false
  var warnings = false
  var history = true
  /// The script: a path, or "-" for stdin; nil when none was given.
  var script: String?
  /// Index in `arguments` of the script (or of the end when none).
  var scriptIndex: Int
  let arguments: [String]

  /// Problems lua.c reports before running anything.
  enum Problem: Error, Equatable {
    case unrecognized(String)
    case needsArgument(String)

    var message: String {
      switch self {
      case .unrecognized(let option):
        return "unrecognized option '\(option)'"
      case .needsArgument(let option):
        return "'\(option)' needs argument"
      }
    }
  }

  /// Reads `arguments` (the program name first). Options stop at the
  /// first argument that does not start with "-", at "--", and at "-".
  init(_ arguments: [String]) throws(Problem) {
    self.arguments = arguments
    var index = 1
    scan: while index < arguments.count {
      let argument = arguments[index]
      guard argument.hasPrefix("-") else { break }
      switch argument {
      case "-":
        break scan
      case "--":
        index += 1
        break scan
      case "-i":
        interactive = true
      case "-v", "--version":
        showVersion = true
      case "-h", "--help":
        showHelp = true
      case "-E":
        ignoreEnvironment = true
      case "-W":
        warnings = true
      case "--no-history":
        history = false
      default:
        let flag = String(argument.prefix(2))
        guard flag == "-e" || flag == "-l" else {
          throw .unrecognized(argument)
        }
        var value = String(argument.dropFirst(2))
        if value.isEmpty {
          index += 1
          guard index < arguments.count, !arguments[index].hasPrefix("-")
          else { throw .needsArgument(flag) }
          value = arguments[index]
        }
        if flag == "-e" {
          steps.append(.execute(value))
        } else if let equals = value.firstIndex(of: "=") {
          steps.append(
            .require(
              global: String(value[..<equals]),
              module: String(value[value.index(after: equals)...])))
        } else {
          steps.append(.require(global: value, module: value))
        }
      }
      index += 1
    }
    scriptIndex = index
    script = index < arguments.count ? arguments[index] : nil
  }

  /// The text of `nightjar --help`.
  static let usage = """
    usage: nightjar [options] [script [args]]
           nightjar test [paths]
    Runs a Lua 5.4 recipe with nightjar's ml library; with no script and a
    terminal on stdin, starts the REPL; with no script and a pipe, runs
    stdin.
    Options:
      -e stat       execute string 'stat'
      -i            enter the REPL after running 'script' (even if it failed)
      -l mod        require library 'mod' into global 'mod'
      -l g=mod      require library 'mod' into global 'g'
      -v, --version show version information
      -h, --help    show this help
      -E            ignore environment variables (LUA_PATH, NIGHTJAR_INIT, ...)
      -W            turn Lua warnings on
      --no-history  do not read or write the REPL history
      --            stop handling options
      -             stop handling options and execute stdin
    Commands:
      test [paths]  run Lua spec files (a folder: every *_spec.lua in it)
    Environment:
      NIGHTJAR_INIT     code, or @file, run before anything else
                        (default: ~/.config/nightjar/init.lua if present)
      NIGHTJAR_HISTORY  the REPL history file (empty: no history)
      LUA_PATH, LUA_CPATH  where require looks, as for lua5.4
      NO_COLOR          no colors at the REPL
    """
}
