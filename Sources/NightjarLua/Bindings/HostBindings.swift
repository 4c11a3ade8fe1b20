// ml.clock and the other host functions every state has.

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
  }
}
