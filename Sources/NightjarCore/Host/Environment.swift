// Environment variables and the standard folders, without Foundation.

#if canImport(Glibc)
import Glibc
#endif

/// The process environment and the XDG folders nightjar uses.
public enum Environment {
  /// The value of `name`, or nil when unset.
  public static func value(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }

  /// HOME, else the password database's home folder, else "/".
  public static var home: String {
    if let home = value("HOME"), !home.isEmpty { return home }
    if let entry = getpwuid(getuid()), let folder = entry.pointee.pw_dir {
      return String(cString: folder)
    }
    return "/"
  }

  /// `variable` when set and not empty, else HOME/`fallback`
  /// (the XDG base directory rule).
  public static func folder(_ variable: String, fallback: String) -> String {
    if let path = value(variable), !path.isEmpty { return path }
    return home + "/" + fallback
  }
}

/// Path strings, split and joined as POSIX does.
public enum Path {
  /// Everything before the last "/" ("" when there is none; "/" for a
  /// file at the root).
  public static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// Everything after the last "/".
  public static func name(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  /// `folder` and `name` joined by one "/".
  public static func join(_ folder: String, _ name: String) -> String {
    if folder.isEmpty { return name }
    return folder.hasSuffix("/") ? folder + name : folder + "/" + name
  }
}
