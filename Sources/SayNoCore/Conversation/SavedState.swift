import Foundation

/// A session's state as one opaque, versioned string, so a bridge can move a conversation between processes.
///
/// It holds only what `SessionState` holds (node ids, learned slots, topics), never what the person typed.
/// A checksum catches damage; every id is checked against the content on import, so an edited string
/// can at worst describe another valid place in the same content, never an unknown node.
public enum SavedState {
  static let version = "sayno1"
  /// A state longer than this is refused before it is decoded.
  public static let maxLength = 8_192

  public enum Problem: String, Error, Sendable {
    case tooLarge = "state_too_large"
    case damaged = "state_damaged"
    case otherContent = "state_other_content"
    case invalid = "state_invalid"
  }

  private struct Payload: Codable {
    var content: String
    var state: SessionState
  }

  public static func export(_ state: SessionState, content: String) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let json = (try? encoder.encode(Payload(content: content, state: state))) ?? Data()
    let body = json.base64EncodedString()
    return "\(version).\(body).\(checksum(body))"
  }

  public static func restore(_ text: String, dialogue: Dialogue) -> Result<SessionState, Problem> {
    guard text.utf8.count <= maxLength else { return .failure(.tooLarge) }
    let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 3, parts[0] == version, parts[2] == checksum(parts[1]),
      let json = Data(base64Encoded: parts[1]),
      let payload = try? JSONDecoder().decode(Payload.self, from: json)
    else { return .failure(.damaged) }
    guard payload.content == dialogue.fingerprint else { return .failure(.otherContent) }
    let state = payload.state
    let knownNodes = ([state.node] + state.offered).allSatisfy { dialogue.node($0) != nil }
    let validSlots =
      state.learned[.role].map { Role(rawValue: $0) != nil } ?? true
      && [state.country, state.hostCountry].allSatisfy { $0.map(Bridge.isCountryCode) ?? true }
      && state.learned.values.allSatisfy { $0.count <= 32 }
    guard knownNodes, validSlots, state.topics.count <= dialogue.nodes.count, state.offered.count <= 32 else {
      return .failure(.invalid)
    }
    return .success(state)
  }

  /// FNV-1a, 64 bits, as hex: enough to catch a damaged or truncated string.
  static func checksum(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    return String(hash, radix: 16)
  }
}
