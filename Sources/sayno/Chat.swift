import ArgumentParser
import Foundation
import Logging
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

  @Option(help: "Diagnostics on stderr: warning (default), info or debug. They name nodes and intents, never what was typed.")
  var logLevel: Logger.Level = .warning

  func validate() throws {
    if let country, !Bridge.isCountryCode(country.uppercased()) {
      throw ValidationError("--country must be a two-letter code such as GB, US or IE, not '\(country)'")
    }
    guard maxLineBytes > 0, maxSessions > 0, idleTimeout > 0 else { throw ValidationError("limits must be positive") }
  }

  func run() throws {
    _ = signal(SIGPIPE, SIG_IGN)  // a reader that hangs up is an error to handle, not a crash
    let level = logLevel
    LoggingSystem.bootstrap { label in
      var handler = StreamLogHandler.standardError(label: label)
      handler.logLevel = level
      return handler
    }
    let log = Diagnostics(logger: Logger(label: "sayno"))
    let dialogue = try ContentFolder.dialogue(from: content.dialogues ?? ProcessInfo.processInfo.environment["SAYNO_DIALOGUES"])
    let code = country?.uppercased()
    if jsonl {
      var bridge = Bridge(
        dialogue: dialogue, limits: Bridge.Limits(maxSessions: maxSessions, idleTimeout: .seconds(idleTimeout)))
      let clock = ContinuousClock()
      let started = clock.now
      try readLines { line in
        let reply = bridge.handle(line, now: clock.now - started)
        log.bridgeReply(reply)
        try Output.standardOutput(reply + "\n")
        return true
      }
    } else if Terminal.isInteractive {
      try TerminalChat(dialogue: dialogue, country: code, maxLineBytes: maxLineBytes, log: log).run()
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
        log.turn(turn)
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

/// Diagnostic logging. It carries node, intent and error ids only: never a message, a reply or a session id,
/// which a bridge may have made from a phone number.
struct Diagnostics {
  let logger: Logger

  func turn(_ turn: Turn) {
    logger.debug(
      "turn",
      metadata: [
        "node": .string(turn.node), "intent": .string(turn.intent ?? "none"), "risk": .string(turn.risk.rawValue),
      ])
    if turn.handoff { logger.info("handoff", metadata: ["node": .string(turn.node)]) }
  }

  /// The ids in a bridge reply, read back from the JSON the bridge wrote.
  func bridgeReply(_ reply: String) {
    guard logger.logLevel <= .info,
      let object = try? JSONSerialization.jsonObject(with: Data(reply.utf8)) as? [String: Any]
    else { return }
    if let error = object["error"] as? String {
      logger.info("bridge error", metadata: ["error": .string(error)])
    } else if let node = object["node"] as? String {
      logger.debug(
        "turn",
        metadata: ["node": .string(node), "risk": .string(object["risk"] as? String ?? "none")])
    }
  }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
