// RandomGenerator: the seeded stream behind every random step in nightjar.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A seeded pseudo-random generator whose stream is the same on every
/// machine and every release: xoshiro256** (Blackman and Vigna, 2018)
/// with its 256-bit state filled by SplitMix64.
///
/// The exact recipe, so that other code can reproduce a stream:
/// - Seeding: a SplitMix64 counter starts at `seed`; each step adds
///   `0x9e3779b97f4a7c15` and mixes the sum with
///   `z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9`,
///   `z = (z ^ (z >> 27)) * 0x94d049bb133111eb`, `z ^ (z >> 31)`.
///   Its first four outputs are the state words s0, s1, s2, s3.
/// - `next()`: xoshiro256**, `rotl(s1 * 5, 7) * 9`, then the state
///   update of the reference implementation.
/// - `nextUniform()`: the top 53 bits of `next()` times 2^-53, a
///   multiple of 2^-53 in [0, 1).
/// - `nextNormal()`: Marsaglia's polar method. Draw u, v as
///   `2 * nextUniform() - 1` until `s = u*u + v*v` is in (0, 1); the pair
///   is `u * f, v * f` with `f = sqrt(-2 * log(s) / s)`. The first is
///   returned, the second is kept and returned by the next call.
///   `log` is the C library's; `sqrt` is exact in IEEE arithmetic.
/// - `nextInt(below:)`: Lemire's multiply-and-reject method, unbiased.
/// - `permutation(count:)`: Fisher-Yates from the last position down,
///   position i swapped with `nextInt(below: i + 1)`.
///
/// Not for cryptography. The first outputs for seed 0 are pinned by the
/// tests so that the stream cannot change silently.
public struct RandomGenerator: RandomNumberGenerator, Sendable {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64
  /// The second normal of the last polar pair, not yet returned.
  private var spareNormal: Double?

  /// A generator whose stream is fixed by `seed`.
  public init(seed: UInt64) {
    var counter = seed
    func splitMix() -> UInt64 {
      counter &+= 0x9e37_79b9_7f4a_7c15
      var z = counter
      z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
      z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
    spareNormal = nil
  }

  /// A generator fixed by a signed seed; a negative seed is read as the
  /// two's-complement bits of a `UInt64`, as Lua integers are.
  public init(seed: Int) {
    self.init(seed: UInt64(bitPattern: Int64(seed)))
  }

  /// A generator seeded from the system's entropy source: a different
  /// stream each run. Use `init(seed:)` for results that repeat.
  public init() {
    var system = SystemRandomNumberGenerator()
    self.init(seed: system.next())
  }

  @inline(__always)
  private static func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 - k))
  }

  /// The next 64 random bits (xoshiro256**).
  @inline(__always)
  public mutating func next() -> UInt64 {
    let result = Self.rotateLeft(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = Self.rotateLeft(s3, 45)
    return result
  }

  /// A uniform value in [0, 1): the top 53 bits of `next()` times 2^-53.
  @inline(__always)
  public mutating func nextUniform() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A standard normal value (mean 0, standard deviation 1) by
  /// Marsaglia's polar method; see the type's documentation.
  public mutating func nextNormal() -> Double {
    if let spare = spareNormal {
      spareNormal = nil
      return spare
    }
    // Rejection keeps (u, v) uniform in the open unit disc, where
    // s = u^2 + v^2 is uniform on (0, 1) and independent of the angle.
    while true {
      let u = 2 * nextUniform() - 1
      let v = 2 * nextUniform() - 1
      let s = u * u + v * v
      if s > 0 && s < 1 {
        let factor = (-2 * log(s) / s).squareRoot()
        spareNormal = v * factor
        return u * factor
      }
    }
  }

  /// A uniform integer in `0..<bound` (Lemire's method: a 128-bit
  /// product whose low half is rejected in the biased band). Returns 0
  /// when `bound <= 1`.
  public mutating func nextInt(below bound: Int) -> Int {
    guard bound > 1 else { return 0 }
    let range = UInt64(bound)
    var product = next().multipliedFullWidth(by: range)
    if product.low < range {
      let rejectBelow = (0 &- range) % range
      while product.low < rejectBelow {
        product = next().multipliedFullWidth(by: range)
      }
    }
    return Int(product.high)
  }

  /// A random order of `0..<count` by Fisher-Yates, the same for the
  /// same seed on every machine. Empty when `count <= 0`.
  public mutating func permutation(count: Int) -> [Int] {
    guard count > 0 else { return [] }
    var order = Array(0..<count)
    var position = count - 1
    while position > 0 {
      order.swapAt(position, nextInt(below: position + 1))
      position -= 1
    }
    return order
  }
}
