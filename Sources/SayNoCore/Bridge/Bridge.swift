import Foundation

/// The JSON Lines bridge: many independent sessions in one process, one output line per input line.
///
/// The bridge owns its sessions as plain values, so a bad line can touch nothing but its own error reply.
public struct Bridge: Sendable {
  public let dialogue: Dialogue
  public let maxSessions: Int
  private var sessions: [String: Conversation] = [:]
  static let maxSessionLength = 256

  public init(dialogue: Dialogue, maxSessions: Int = 100_000) {
    self.dialogue = dialogue
    self.maxSessions = maxSessions
  }

  public var liveSessions: Int { sessions.count }

  /// Answers one input line with exactly one JSON object, without its newline.
  public mutating func handle(_ line: InputLine) -> String {
    switch line {
    case .invalidUTF8: return Self.error(.invalidUTF8, session: nil)
    case .tooLong: return Self.error(.lineTooLong, session: nil)
    case .text(let text): return handle(text)
    }
  }

  private mutating func handle(_ line: String) -> String {
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
    } catch {
      return Self.error(.invalidJSON, session: nil)
    }
    guard let fields = object as? [String: Any] else { return Self.error(.notAnObject, session: nil) }
    guard let sessionValue = fields["session"] else { return Self.error(.missingSession, session: nil) }
    guard let session = sessionValue as? String else { return Self.error(.invalidSession, session: nil) }
    guard !session.isEmpty, session.count <= Self.maxSessionLength,
      !session.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
    else { return Self.error(.invalidSession, session: nil) }

    let text = fields["text"]
    let event = fields["event"]
    let country = fields["country"]
    if let text, !(text is String) || (text as? NSNumber) != nil { return Self.error(.invalidField, session: session) }
    for value in [event, country, fields["lang"]] {
      if let value, !(value is String) { return Self.error(.invalidField, session: session) }
    }
    if let code = country as? String, !Self.isCountryCode(code) { return Self.error(.invalidCountry, session: session) }

    if let event = event as? String {
      switch event {
      case "end":
        sessions[session] = nil
        return Self.reply(session: session, turn: nil)
      case "start":
        guard var conversation = conversation(for: session, country: country as? String) else {
          return Self.error(.tooManySessions, session: session)
        }
        conversation = Conversation(dialogue: dialogue, country: conversation.state.country)
        let turn = conversation.start()
        sessions[session] = conversation
        return Self.reply(session: session, turn: turn)
      default:
        return Self.error(.unknownEvent, session: session)
      }
    }
    guard let text = text as? String else { return Self.error(.missingText, session: session) }
    guard var conversation = conversation(for: session, country: country as? String) else {
      return Self.error(.tooManySessions, session: session)
    }
    let turn = conversation.respond(to: text)
    sessions[session] = turn.ends ? nil : conversation
    return Self.reply(session: session, turn: turn)
  }

  private func conversation(for session: String, country: String?) -> Conversation? {
    if var existing = sessions[session] {
      if let country { existing.setCountry(country) }
      return existing
    }
    guard sessions.count < maxSessions else { return nil }
    return Conversation(dialogue: dialogue, country: country)
  }

  public static func isCountryCode(_ code: String) -> Bool {
    code.unicodeScalars.count == 2 && code.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
  }

  // MARK: Writing

  /// A reply in the documented field order. `turn` is nil for an `end` event: an empty acknowledgement.
  static func reply(session: String, turn: Turn?) -> String {
    var out = "{\"session\":" + quoted(session)
    out += ",\"replies\":" + list(turn?.replies ?? [])
    out += ",\"options\":" + list(turn?.options ?? [])
    out += ",\"node\":" + (turn.map { quoted($0.node) } ?? "null")
    out += ",\"intents\":" + list(turn?.intents ?? [])
    out += ",\"risk\":" + quoted((turn?.risk ?? .none).rawValue)
    out += ",\"handoff\":" + ((turn?.handoff ?? false) ? "true" : "false")
    if turn?.ends == true { out += ",\"ended\":true" }
    return out + "}"
  }

  static func error(_ error: BridgeError, session: String?) -> String {
    var out = "{"
    if let session { out += "\"session\":" + quoted(session) + "," }
    return out + "\"error\":" + quoted(error.rawValue) + ",\"detail\":" + quoted(error.detail) + "}"
  }

  private static func list(_ items: [String]) -> String { "[" + items.map(quoted).joined(separator: ",") + "]" }

  /// A JSON string. Every control character is escaped, so nothing can reach a terminal raw.
  static func quoted(_ text: String) -> String {
    var out = "\""
    out.reserveCapacity(text.utf8.count + 2)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
          || scalar.value == 0x2028 || scalar.value == 0x2029
        {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
