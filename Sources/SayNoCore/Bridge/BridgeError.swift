/// Why a bridge line got an error object instead of a reply; the raw value is the `error` code on the wire.
public enum BridgeError: String, Error, Sendable, CaseIterable {
  case invalidUTF8 = "invalid_utf8"
  case lineTooLong = "line_too_long"
  case invalidJSON = "invalid_json"
  case notAnObject = "not_an_object"
  case missingSession = "missing_session"
  case invalidSession = "invalid_session"
  case invalidField = "invalid_field"
  case missingText = "missing_text"
  case unknownEvent = "unknown_event"
  case invalidCountry = "invalid_country"
  case tooManySessions = "too_many_sessions"
  case unknownSession = "unknown_session"
  case missingState = "missing_state"
  case stateTooLarge = "state_too_large"
  case stateDamaged = "state_damaged"
  case stateOtherContent = "state_other_content"
  case stateInvalid = "state_invalid"

  init(_ problem: SavedState.Problem) {
    switch problem {
    case .tooLarge: self = .stateTooLarge
    case .damaged: self = .stateDamaged
    case .otherContent: self = .stateOtherContent
    case .invalid: self = .stateInvalid
    }
  }

  /// What went wrong, for the bridge's operator. Never contains the person's text.
  public var detail: String {
    switch self {
    case .invalidUTF8: "the line is not valid UTF-8"
    case .lineTooLong: "the line is longer than the limit (--max-line-bytes)"
    case .invalidJSON: "the line is not valid JSON"
    case .notAnObject: "each line must be one JSON object"
    case .missingSession: "the object has no \"session\" string"
    case .invalidSession: "\"session\" must be 1 to 256 characters with no control characters"
    case .invalidField: "a field has the wrong type: \"text\", \"event\", \"country\", \"lang\" and \"state\" are strings"
    case .missingText: "the object needs \"text\" or \"event\""
    case .unknownEvent: "\"event\" must be \"start\", \"end\", \"export\" or \"import\""
    case .invalidCountry: "\"country\" must be a two-letter ISO 3166 code, like \"GB\""
    case .tooManySessions: "the live-session limit is reached (--max-sessions); end idle sessions first"
    case .unknownSession: "there is no live session with this id to export"
    case .missingState: "an \"import\" event needs the \"state\" string that \"export\" gave"
    case .stateTooLarge: "the state is longer than any state this helper exports"
    case .stateDamaged: "the state is damaged, truncated or not one this helper exported"
    case .stateOtherContent: "the state was exported by a helper with other content; the session cannot go on here"
    case .stateInvalid: "the state names places or values this content does not have"
    }
  }
}
