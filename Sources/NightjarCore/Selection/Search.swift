// Running every (candidate, fold) evaluation, on all cores or in order.

import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The loop shared by cross-validation and the searches.
public enum Search {
  /// One evaluation: fit candidate `candidate` on fold `fold`'s training
  /// rows and return its test score.
  public typealias Evaluate = (_ candidate: Int, _ fold: Int)
    throws(NightjarError) -> Double

  /// Runs `evaluate` for every candidate and fold. With `parallel`, the
  /// pairs run on all cores (OpenBLAS kept to one thread meanwhile, so
  /// the cores are not asked twice); each result goes to its own slot,
  /// so the outcome is the same for any number of threads. A fit that
  /// throws scores NaN and its message is kept, as scikit-learn's
  /// `error_score=nan`; Ctrl-C stops the whole run.
  public static func run(
    candidates: [[String: ParameterValue]], folds: Int, parallel: Bool,
    progress: ((_ done: Int, _ total: Int) -> Void)? = nil,
    evaluate: Evaluate
  ) throws(NightjarError) -> SearchResults {
    let count = candidates.count * folds
    // Finished fits, counted under a lock so that `progress` sees each
    // count once and is never called by two threads at a time.
    let finished = Mutex(0)
    var scores = [Double](repeating: .nan, count: count)
    var times = [Double](repeating: 0, count: count)
    var errors = [NightjarError?](repeating: nil, count: count)
    scores.withUnsafeMutableBufferPointer { scoreSlots in
      times.withUnsafeMutableBufferPointer { timeSlots in
        errors.withUnsafeMutableBufferPointer { errorSlots in
          func one(_ index: Int) {
            let start = Search.now()
            do throws(NightjarError) {
              try Cancellation.check()
              scoreSlots[index] = try evaluate(index / folds, index % folds)
            } catch {
              errorSlots[index] = error
            }
            timeSlots[index] = Search.now() - start
            if let progress {
              finished.withLock { done in
                done += 1
                progress(done, count)
              }
            }
          }
          if parallel && count > 1 {
            let threads = OpenBLAS.threadCount()
            OpenBLAS.setThreadCount(1)
            DispatchQueue.concurrentPerform(iterations: count, execute: one)
            OpenBLAS.setThreadCount(threads)
          } else {
            for index in 0..<count { one(index) }
          }
        }
      }
    }
    var failures: [String] = []
    for (index, error) in errors.enumerated() {
      guard let error else { continue }
      if error == .interrupted { throw error }
      failures.append(
        "candidate \(index / folds + 1), fold \(index % folds + 1): "
          + error.description)
    }
    let rows = (0..<candidates.count)
    return SearchResults(
      candidates: candidates,
      scores: rows.map { Array(scores[($0 * folds)..<(($0 + 1) * folds)]) },
      fitTimes: rows.map { Array(times[($0 * folds)..<(($0 + 1) * folds)]) },
      failures: failures)
  }

  static func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
  }
}
