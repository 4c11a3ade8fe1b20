// printf-style number formatting without Foundation.

#if canImport(Glibc)
import Glibc
#endif

/// Formats numbers with C's printf conversions.
///
/// nightjar's sources avoid Foundation: loading it costs more than the
/// whole Lua start-up, and a recipe should start in milliseconds.
public enum CFormat {
  /// `value` formatted by one printf conversion such as "%.14g" or
  /// "%10.4f" (the format must hold exactly one double conversion).
  public static func string(_ value: Double, _ format: String) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    let count = withVaList([value]) { arguments in
      vsnprintf(&buffer, buffer.count, format, arguments)
    }
    if count >= buffer.count {
      buffer = [CChar](repeating: 0, count: Int(count) + 1)
      _ = withVaList([value]) { arguments in
        vsnprintf(&buffer, buffer.count, format, arguments)
      }
    }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) },
                  as: UTF8.self)
  }
}
