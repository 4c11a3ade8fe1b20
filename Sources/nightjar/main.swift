// nightjar: run a Lua recipe, the REPL, or the spec runner.

import Glibc
import NightjarLua

let arguments = CommandLine.arguments

if arguments.count >= 2 && arguments[1] == "test" {
  exit(TestCommand(paths: Array(arguments.dropFirst(2))).run())
}

let options: CommandLineOptions
do {
  options = try CommandLineOptions(arguments)
} catch {
  Host.report(error.message)
  Terminal.writeError(CommandLineOptions.usage + "\n")
  exit(1)
}
if options.showHelp {
  Terminal.write(CommandLineOptions.usage + "\n")
  exit(0)
}
if options.showVersion && !options.interactive {
  Terminal.write(Version.line + "\n")
}
guard let state = LuaState(ignoreEnvironment: options.ignoreEnvironment)
else {
  Host.report("cannot create state: not enough memory")
  exit(1)
}
let status = Host(options: options, state: state).run()
fflush(stdout)
state.close()
exit(status)
