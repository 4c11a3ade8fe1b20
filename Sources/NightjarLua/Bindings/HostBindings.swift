// ml.clock and the other host functions every state has.

import NightjarCore

#if canImport(Glibc)
import Glibc
#endif

/// Binds the host's own functions into `ml`.
enum HostBindings {
  static func register(in state: LuaState) {
    state.define(
      "clock", group: "Host",
      help: """
        ml.clock() -> seconds
          Monotonic wall-clock time in seconds (a float with nanosecond
          resolution), for measuring intervals: its zero is arbitrary.
          Example: local t = ml.clock(); work(); print(ml.clock() - t)
        """
    ) { call throws(LuaError) in
      var now = timespec()
      clock_gettime(CLOCK_MONOTONIC, &now)
      call.push(Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9)
      return 1
    }
    // The smallest useful bound function: read a number, return it. The
    // benchmark compares its cost per call with the same in plain C.
    state.defineInternal("echo") { call throws(LuaError) in
      call.push(try call.number(1))
      return 1
    }
    // A Swift loop that runs for `seconds` while polling for Ctrl-C, as
    // every long Core loop does: tests interrupt it through the terminal.
    state.defineInternal("spin") { call throws(LuaError) in
      let seconds = try call.number(1)
      var now = timespec()
      clock_gettime(CLOCK_MONOTONIC, &now)
      let end = Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9 + seconds
      var rounds = 0
      repeat {
        do throws(NightjarError) {
          try Cancellation.check()
        } catch {
          throw LuaError(error)
        }
        clock_gettime(CLOCK_MONOTONIC, &now)
        rounds += 1
      } while Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9 < end
      call.push(rounds)
      return 1
    }
  }
}
