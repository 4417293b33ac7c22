import Foundation
import SayNoCore

/// Writes straight to the file descriptors, so nothing waits in a buffer when a bridge or a pipe reads.
enum Output {
  static func standardOutput(_ text: String) throws {
    try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
  }

  static func standardError(_ text: String) {
    try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
  }

  /// Text that came from a person, made safe to echo: control, escape and direction-changing characters removed.
  static func printable(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      let value = scalar.value
      let isControl = value < 0x20 || (0x7F...0x9F).contains(value)
      let changesDirection = (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
      if isControl || changesDirection { continue }
      out.append(scalar)
    }
    return String(out)
  }

  /// A turn as plain lines: each reply on its own line, then the numbered options, then a blank line.
  static func plain(_ turn: Turn) -> String {
    var lines = turn.replies
    lines += turn.options.enumerated().map { "  \($0.offset + 1). \($0.element)" }
    return lines.joined(separator: "\n") + "\n\n"
  }
}
