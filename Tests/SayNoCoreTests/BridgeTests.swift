import Foundation
import Testing
@testable import SayNoCore

struct BridgeTests {
  let dialogue: Dialogue
  init() throws { dialogue = try Fixture.dialogue() }

  func object(_ line: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
  }

  @Test func aReplyHasEveryDocumentedField() throws {
    var bridge = Bridge(dialogue: dialogue)
    let line = bridge.handle(.text(#"{"session": "abc", "text": "he wants 500 or he posts my nudes"}"#))
    #expect(line.hasPrefix(#"{"session":"abc","replies":["#))
    let reply = try object(line)
    #expect(reply["node"] as? String == "payment.demand")
    #expect(reply["risk"] as? String == "elevated")
    #expect(reply["handoff"] as? Bool == false)
    #expect((reply["intents"] as? [String])?.contains("payment.demand") == true)
    // The threat in the same message is offered next, before the node's own option.
    #expect((reply["options"] as? [String]) == ["They threaten to share my pics", "I already paid"])
  }

  @Test func sessionsAreIndependent() throws {
    var bridge = Bridge(dialogue: dialogue)
    _ = bridge.handle(.text(#"{"session": "a", "text": "he wants 500"}"#))
    _ = bridge.handle(.text(#"{"session": "b", "text": "hello there"}"#))
    let a = try object(bridge.handle(.text(#"{"session": "a", "text": "yes"}"#)))
    #expect(a["node"] as? String == "payment.paid")
    let b = try object(bridge.handle(.text(#"{"session": "b", "text": "yes"}"#)))
    #expect(b["node"] as? String == "not_understood")
  }

  @Test func startEndAndCountry() throws {
    var bridge = Bridge(dialogue: dialogue)
    let start = try object(bridge.handle(.text(#"{"session": "s", "event": "start", "country": "GB"}"#)))
    #expect((start["replies"] as? [String])?.first?.contains("call 999") == true)
    #expect(bridge.liveSessions == 1)
    let end = try object(bridge.handle(.text(#"{"session": "s", "event": "end"}"#)))
    #expect(end["session"] as? String == "s")
    #expect(bridge.liveSessions == 0)
  }

  @Test(arguments: [
    (InputLine.invalidUTF8, "invalid_utf8"),
    (.tooLong, "line_too_long"),
    (.text("{not json"), "invalid_json"),
    (.text("[1,2]"), "not_an_object"),
    (.text("42"), "not_an_object"),
    (.text(#"{"text": "hi"}"#), "missing_session"),
    (.text(#"{"session": 7, "text": "hi"}"#), "invalid_session"),
    (.text(#"{"session": "", "text": "hi"}"#), "invalid_session"),
    (.text(#"{"session": "a\u0001b", "text": "hi"}"#), "invalid_session"),
    (.text(#"{"session": "s", "text": 5}"#), "invalid_field"),
    (.text(#"{"session": "s"}"#), "missing_text"),
    (.text(#"{"session": "s", "event": "explode"}"#), "unknown_event"),
    (.text(#"{"session": "s", "text": "hi", "country": "Britain"}"#), "invalid_country"),
  ])
  func badLinesGetAnErrorObject(_ line: InputLine, _ code: String) throws {
    var bridge = Bridge(dialogue: dialogue)
    let reply = try object(bridge.handle(line))
    #expect(reply["error"] as? String == code)
    #expect((reply["detail"] as? String)?.isEmpty == false)
  }

  @Test func aBadLineLeavesOtherSessionsAlone() throws {
    var bridge = Bridge(dialogue: dialogue)
    _ = bridge.handle(.text(#"{"session": "a", "text": "he wants 500"}"#))
    _ = bridge.handle(.text(#"{"session": "a", "text": 5}"#))
    _ = bridge.handle(.invalidUTF8)
    let a = try object(bridge.handle(.text(#"{"session": "a", "text": "yes"}"#)))
    #expect(a["node"] as? String == "payment.paid")
  }

  @Test func theSessionLimitHolds() throws {
    var bridge = Bridge(dialogue: dialogue, maxSessions: 2)
    _ = bridge.handle(.text(#"{"session": "a", "text": "hi"}"#))
    _ = bridge.handle(.text(#"{"session": "b", "text": "hi"}"#))
    let c = try object(bridge.handle(.text(#"{"session": "c", "text": "hi"}"#)))
    #expect(c["error"] as? String == "too_many_sessions")
    let a = try object(bridge.handle(.text(#"{"session": "a", "text": "hi"}"#)))
    #expect(a["error"] == nil)
  }

  @Test func quitForgetsTheSession() {
    var bridge = Bridge(dialogue: dialogue)
    _ = bridge.handle(.text(#"{"session": "a", "text": "quit"}"#))
    #expect(bridge.liveSessions == 0)
  }

  @Test func controlCharactersAreEscaped() {
    #expect(Bridge.quoted("a\u{1B}[31m\"\\\n\u{7F}") == #""a\u001b[31m\"\\\n\u007f""#)
  }
}
