private import CReadline
import Glibc

/// Reads what a person types: GNU readline at a terminal, plain lines otherwise.
///
/// History stays in memory for the arrow keys and is never written to disk; Tab does not list files.
public struct LineReader: Sendable {
  public let prompt: String

  public init(prompt: String) {
    self.prompt = prompt
    creadline_disable_completion()
  }

  /// The next line, or nil at end of input (Ctrl-D).
  public func next() -> String? {
    guard let raw = readline(prompt) else { return nil }
    defer { free(raw) }
    if raw.pointee != 0 { add_history(raw) }
    return String(cString: raw)
  }

  /// Forgets the in-memory history, so "start over" or quitting leaves nothing to scroll back to.
  public func forgetHistory() { clear_history() }
}
