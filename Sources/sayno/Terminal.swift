import Foundation
import LineEditing
import SayNoCore

/// What the terminal can do: a person at a keyboard, its width, and whether colour is welcome.
enum Terminal {
  static var isInteractive: Bool {
    ProcessInfo.processInfo.environment["TERM"] != "dumb" && isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
  }

  static var usesColour: Bool {
    ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) == 1
      && ProcessInfo.processInfo.environment["TERM"] != "dumb"
  }

  static var width: Int {
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 { return Int(size.ws_col) }
    return 80
  }

  /// Clears the screen and the scroll-back, so nobody looking over a shoulder sees the conversation.
  static let clearScreen = "\u{1B}[H\u{1B}[2J\u{1B}[3J"

  /// Breaks text into lines no wider than `width`, at spaces; a longer word stands on its own line.
  static func wrap(_ text: String, width: Int, indent: String = "") -> [String] {
    var lines: [String] = []
    var line = indent
    for word in text.split(separator: " ") {
      if line.count > indent.count && line.count + 1 + word.count > width {
        lines.append(line)
        line = indent
      }
      line += (line.count > indent.count ? " " : "") + word
    }
    if line.count > indent.count || lines.isEmpty { lines.append(line) }
    return lines
  }
}

/// The terminal conversation: readline for editing, wrapped and optionally coloured replies.
struct TerminalChat {
  let dialogue: Dialogue
  let country: String?
  let maxLineBytes: Int
  let log: Diagnostics

  func run() throws {
    let reader = LineReader(prompt: "> ")
    var conversation = Conversation(dialogue: dialogue, country: country)
    show(conversation.start())
    while let line = reader.next() {
      if line.allSatisfy(\.isWhitespace) { continue }
      let turn = line.utf8.count > maxLineBytes ? conversation.respondToTooLong() : conversation.respond(to: line)
      log.turn(turn)
      if turn.ends {
        reader.forgetHistory()
        try Output.standardOutput(Terminal.clearScreen)
        show(turn)
        return
      }
      show(turn)
    }
    // Ctrl-D: leave nothing on the screen.
    reader.forgetHistory()
    try Output.standardOutput(Terminal.clearScreen)
  }

  private func show(_ turn: Turn) {
    let width = min(Terminal.width, 100)
    let colour = Terminal.usesColour
    var out = ""
    for reply in turn.replies {
      for line in Terminal.wrap(reply, width: width) { out += line + "\n" }
    }
    for (index, option) in turn.options.enumerated() {
      let lines = Terminal.wrap("\(index + 1). \(option)", width: width, indent: "  ")
      for line in lines { out += (colour ? "\u{1B}[36m" + line + "\u{1B}[0m" : line) + "\n" }
    }
    try? Output.standardOutput(out + "\n")
  }
}
