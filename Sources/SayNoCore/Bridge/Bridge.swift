import Foundation

/// The JSON Lines bridge: many independent sessions in one process, one output line per input line.
///
/// The bridge owns its sessions as plain values, so a bad line can touch nothing but its own error reply.
/// It keeps only each session's small state (no text, no shared content), which bounds its memory by
/// `limits.maxSessions`, and forgets a session that has been idle for `limits.idleTimeout`.
public struct Bridge: Sendable {
  /// What the bridge accepts; every limit has a safe default and a command-line option.
  public struct Limits: Sendable {
    /// Live sessions at most; a new one beyond this gets `too_many_sessions`.
    public var maxSessions: Int
    /// A session with no line for this long is forgotten, as if it had ended.
    public var idleTimeout: Duration

    public init(maxSessions: Int = 100_000, idleTimeout: Duration = .seconds(3_600)) {
      self.maxSessions = maxSessions
      self.idleTimeout = idleTimeout
    }
  }

  private struct Session: Sendable {
    var state: SessionState
    var lastUsed: Duration
  }

  public let dialogue: Dialogue
  public let limits: Limits
  private var sessions: [String: Session] = [:]
  private var lastSweep: Duration = .zero
  static let maxSessionLength = 256

  public init(dialogue: Dialogue, limits: Limits = Limits()) {
    self.dialogue = dialogue
    self.limits = limits
  }

  public var liveSessions: Int { sessions.count }

  /// Answers one input line with exactly one JSON object, without its newline.
  /// - Parameter now: the time on a monotonic clock, which decides when idle sessions are forgotten.
  public mutating func handle(_ line: InputLine, now: Duration = .zero) -> String {
    forgetIdleSessions(now: now, force: false)
    switch line {
    case .invalidUTF8: return Self.error(.invalidUTF8, session: nil)
    case .tooLong: return Self.error(.lineTooLong, session: nil)
    case .text(let text): return handle(text, now: now)
    }
  }

  private mutating func handle(_ line: String, now: Duration) -> String {
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
    for value in [event, country, fields["lang"], fields["state"]] {
      if let value, !(value is String) { return Self.error(.invalidField, session: session) }
    }
    if let code = country as? String, !Self.isCountryCode(code) { return Self.error(.invalidCountry, session: session) }

    if let event = event as? String {
      switch event {
      case "end":
        sessions[session] = nil
        return Self.reply(session: session, turn: nil)
      case "start":
        guard let existing = state(for: session, country: country as? String, now: now) else {
          return Self.error(.tooManySessions, session: session)
        }
        var conversation = Conversation(dialogue: dialogue, country: existing.country)
        let turn = conversation.start()
        sessions[session] = Session(state: conversation.state, lastUsed: now)
        return Self.reply(session: session, turn: turn)
      case "export":
        guard let existing = sessions[session] else { return Self.error(.unknownSession, session: session) }
        return Self.exported(session: session, state: SavedState.export(existing.state, content: dialogue.fingerprint))
      case "import":
        guard let saved = fields["state"] as? String else { return Self.error(.missingState, session: session) }
        switch SavedState.restore(saved, dialogue: dialogue) {
        case .failure(let problem):
          return Self.error(BridgeError(problem), session: session)
        case .success(let state):
          guard sessions[session] != nil || hasRoom(now: now) else { return Self.error(.tooManySessions, session: session) }
          sessions[session] = Session(state: state, lastUsed: now)
          return Self.imported(session: session)
        }
      default:
        return Self.error(.unknownEvent, session: session)
      }
    }
    guard let text = text as? String else { return Self.error(.missingText, session: session) }
    guard let state = state(for: session, country: country as? String, now: now) else {
      return Self.error(.tooManySessions, session: session)
    }
    var conversation = Conversation(dialogue: dialogue, state: state)
    let turn = conversation.respond(to: text)
    sessions[session] = turn.ends ? nil : Session(state: conversation.state, lastUsed: now)
    return Self.reply(session: session, turn: turn)
  }

  /// The session's state, or a new one if there is room.
  private mutating func state(for session: String, country: String?, now: Duration) -> SessionState? {
    if let existing = sessions[session] {
      guard let country else { return existing.state }
      var conversation = Conversation(dialogue: dialogue, state: existing.state)
      conversation.setCountry(country)
      return conversation.state
    }
    guard hasRoom(now: now) else { return nil }
    return Conversation(dialogue: dialogue, country: country).state
  }

  /// Whether a new session fits, after forgetting the idle ones if the bridge is full.
  private mutating func hasRoom(now: Duration) -> Bool {
    if sessions.count >= limits.maxSessions { forgetIdleSessions(now: now, force: true) }
    return sessions.count < limits.maxSessions
  }

  /// Forgets sessions idle for longer than the timeout. Looking costs one pass over the sessions, so it
  /// happens at most four times per timeout, or when the bridge is full.
  private mutating func forgetIdleSessions(now: Duration, force: Bool) {
    guard force || now - lastSweep >= limits.idleTimeout / 4 else { return }
    lastSweep = now
    let cutoff = now - limits.idleTimeout
    sessions = sessions.filter { $0.value.lastUsed > cutoff }
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

  static func exported(session: String, state: String) -> String {
    "{\"session\":" + quoted(session) + ",\"event\":\"export\",\"state\":" + quoted(state) + "}"
  }

  static func imported(session: String) -> String {
    "{\"session\":" + quoted(session) + ",\"event\":\"import\"}"
  }

  static func error(_ error: BridgeError, session: String?) -> String {
    var out = "{"
    if let session { out += "\"session\":" + quoted(session) + "," }
    return out + "\"error\":" + quoted(error.rawValue) + ",\"detail\":" + quoted(error.detail) + "}"
  }

  private static func list(_ items: [String]) -> String { "[" + items.map(quoted).joined(separator: ",") + "]" }

  /// A JSON string. Every control character is escaped, so nothing can reach a terminal raw.
  static func quoted(_ text: String) -> String {
    var out: [UInt8] = [UInt8(ascii: "\"")]
    out.reserveCapacity(text.utf8.count + 2)
    func escape(_ value: UInt32) {
      let hex = String(value, radix: 16)
      out += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
    }
    let bytes = Array(text.utf8)
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
      case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
      case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
      case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
      case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
      case 0..<0x20, 0x7F: escape(UInt32(byte))
      case 0xC2 where index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]):
        escape(UInt32(bytes[index + 1]))  // U+0080…U+009F, the C1 controls
        index += 1
      case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
        escape(bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029)  // line and paragraph separators
        index += 2
      default: out.append(byte)
      }
      index += 1
    }
    out.append(UInt8(ascii: "\""))
    return String(decoding: out, as: UTF8.self)
  }

}
