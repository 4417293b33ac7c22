import ArgumentParser
import Foundation
import SayNoCore

/// Talks with one person at a terminal or through a pipe, or with many through the bridge protocol.
struct Chat: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "chat", abstract: "Chat (the default): terminal, piped lines, or --jsonl for a bridge.")

  @OptionGroup var content: ContentOptions

  @Flag(help: "Speak the JSON Lines bridge protocol on stdin and stdout.")
  var jsonl = false

  @Flag(help: "Print each message as '> message' before its replies (piped mode).")
  var transcript = false

  @Option(help: "The country for helplines, as a two-letter code (GB, US, IE, AU…).")
  var country: String?

  @Option(help: "The longest line accepted, in bytes; a longer one gets an error or a safe reply.")
  var maxLineBytes = 65_536

  @Option(help: "Live bridge sessions at most; a new session beyond this gets 'too_many_sessions'.")
  var maxSessions = 100_000

  @Option(help: "Seconds after which an idle bridge session is forgotten.")
  var idleTimeout = 3_600

  func validate() throws {
    if let country, !Bridge.isCountryCode(country.uppercased()) {
      throw ValidationError("--country must be a two-letter code such as GB, US or IE, not '\(country)'")
    }
    guard maxLineBytes > 0, maxSessions > 0, idleTimeout > 0 else { throw ValidationError("limits must be positive") }
  }

  func run() throws {
    _ = signal(SIGPIPE, SIG_IGN)  // a reader that hangs up is an error to handle, not a crash
    let dialogue = try ContentFolder.dialogue(from: content.dialogues ?? ProcessInfo.processInfo.environment["SAYNO_DIALOGUES"])
    let code = country?.uppercased()
    if jsonl {
      var bridge = Bridge(
        dialogue: dialogue, limits: Bridge.Limits(maxSessions: maxSessions, idleTimeout: .seconds(idleTimeout)))
      let clock = ContinuousClock()
      let started = clock.now
      try readLines { line in
        try Output.standardOutput(bridge.handle(line, now: clock.now - started) + "\n")
        return true
      }
    } else if Terminal.isInteractive {
      try TerminalChat(dialogue: dialogue, country: code, maxLineBytes: maxLineBytes).run()
    } else {
      var conversation = Conversation(dialogue: dialogue, country: code)
      try readLines { line in
        let turn: Turn
        switch line {
        case .invalidUTF8: turn = conversation.respondToUnreadable()
        case .tooLong: turn = conversation.respondToTooLong()
        case .text(let text):
          guard !text.allSatisfy(\.isWhitespace) else { return true }
          if transcript { try Output.standardOutput("> " + Output.printable(text) + "\n") }
          turn = conversation.respond(to: text)
        }
        try Output.standardOutput(Output.plain(turn))
        return !turn.ends
      }
    }
  }

  /// Reads stdin line by line as bytes arrive (not when a buffer fills), until the end or `handle` says stop.
  private func readLines(_ handle: (InputLine) throws -> Bool) throws {
    var splitter = LineSplitter(maxLength: maxLineBytes)
    do {
      while case let chunk = FileHandle.standardInput.availableData, !chunk.isEmpty {
        for line in splitter.push(chunk) where try !handle(line) { return }
      }
      if let last = splitter.finish() { _ = try handle(last) }
    } catch let error as CocoaError where error.underlying is POSIXError || error.code.rawValue == 512 {
      return  // the reader went away (EPIPE): a normal end
    }
  }
}
