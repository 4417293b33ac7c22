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
    (.text(#"{"session": "s", "text": null}"#), "invalid_field"),
    (.text(#"{"session": "s", "text": ["hi"]}"#), "invalid_field"),
    (.text(#"{"session": "s", "text": true}"#), "invalid_field"),
    (.text(#"{"session": ["s"], "text": "hi"}"#), "invalid_session"),
    (.text(#"{"session": "s", "event": 1}"#), "invalid_field"),
    (.text(#"{"session": "s", "event": "export"}"#), "unknown_session"),
    (.text(#"{"session": "s", "event": "import"}"#), "missing_state"),
    (.text(#"{"session": "s", "event": "import", "state": 3}"#), "invalid_field"),
    (.text(#"{"session": "s", "event": "import", "state": "sayno1.e30=.0"}"#), "state_damaged"),
    (.text(#"{"session": "s", "event": "import", "state": "garbage"}"#), "state_damaged"),
    (.text(""), "invalid_json"),
    (.text("   "), "invalid_json"),
    (.text("\u{0}"), "invalid_json"),
    (.text(#"{"session": "s", "text": "hi"} trailing"#), "invalid_json"),
    (.text(#"{"session": "s", "text": "hi""#), "invalid_json"),
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
    var bridge = Bridge(dialogue: dialogue, limits: Bridge.Limits(maxSessions: 2))
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

  @Test func unknownFieldsAreIgnoredAndStrangeSessionIdsWork() throws {
    var bridge = Bridge(dialogue: dialogue)
    for id in ["🙂", "\u{202E}abc\u{200B}", String(repeating: "x", count: 256), "a b\\c\"d"] {
      let request: [String: Any] = ["session": id, "text": "he wants 500", "mood": ["x": 1]]
      let line = String(decoding: try JSONSerialization.data(withJSONObject: request), as: UTF8.self)
      let reply = try object(bridge.handle(.text(line)))
      #expect(reply["session"] as? String == id)
      #expect(reply["node"] as? String == "payment.demand")
    }
    let tooLong = #"{"session": ""# + String(repeating: "x", count: 257) + #"", "text": "hi"}"#
    #expect(try object(bridge.handle(.text(tooLong)))["error"] as? String == "invalid_session")
  }

  @Test func anExportedSessionGoesOnExactlyWhereItWasInAnotherBridge() throws {
    var first = Bridge(dialogue: dialogue)
    _ = first.handle(.text(#"{"session": "a", "text": "he wants 500", "country": "GB"}"#))
    let export = try object(first.handle(.text(#"{"session": "a", "event": "export"}"#)))
    let state = try #require(export["state"] as? String)
    #expect(!state.contains("500"))
    var second = Bridge(dialogue: dialogue)
    let imported = try object(second.handle(.text(#"{"session": "a", "event": "import", "state": "\#(state)"}"#)))
    #expect(imported["error"] == nil)
    let next = #"{"session": "a", "text": "yes"}"#
    #expect(second.handle(.text(next)) == first.handle(.text(next)))
  }

  @Test func aTamperedOrForeignStateIsRefusedAndChangesNothing() throws {
    var bridge = Bridge(dialogue: dialogue)
    _ = bridge.handle(.text(#"{"session": "a", "text": "he wants 500"}"#))
    let state = try #require(try object(bridge.handle(.text(#"{"session": "a", "event": "export"}"#)))["state"] as? String)
    var tampered = Array(state)
    tampered[10] = tampered[10] == "A" ? "B" : "A"
    func importing(_ text: String) throws -> String? {
      try object(bridge.handle(.text(#"{"session": "a", "event": "import", "state": "\#(text)"}"#)))["error"] as? String
    }
    #expect(try importing(String(tampered)) == "state_damaged")
    #expect(try importing(String(state.dropLast(3))) == "state_damaged")
    #expect(try importing(String(repeating: "A", count: SavedState.maxLength + 1)) == "state_too_large")
    let other = try Fixture.dialogue(replacing: "nodes/all.yaml", { $0.replacingOccurrences(of: "Take care.", with: "Bye.") })
    let foreign = SavedState.export(SessionState(node: "welcome"), content: other.fingerprint)
    #expect(try importing(foreign) == "state_other_content")
    var unknownNode = SessionState(node: "welcome")
    unknownNode.node = "no.such.node"
    #expect(try importing(SavedState.export(unknownNode, content: dialogue.fingerprint)) == "state_invalid")
    // The session is where it was.
    #expect(try object(bridge.handle(.text(#"{"session": "a", "text": "yes"}"#)))["node"] as? String == "payment.paid")
  }

  @Test func anIdleSessionIsForgottenAfterTheTimeout() throws {
    var bridge = Bridge(dialogue: dialogue, limits: Bridge.Limits(maxSessions: 10, idleTimeout: .seconds(60)))
    _ = bridge.handle(.text(#"{"session": "old", "text": "he wants 500"}"#), now: .seconds(0))
    _ = bridge.handle(.text(#"{"session": "new", "text": "he wants 500"}"#), now: .seconds(50))
    #expect(bridge.liveSessions == 2)
    _ = bridge.handle(.text(#"{"session": "new", "text": "idk"}"#), now: .seconds(70))
    #expect(bridge.liveSessions == 1)
    // "old" starts afresh: its "yes" no longer answers the money question.
    let old = try object(bridge.handle(.text(#"{"session": "old", "text": "yes"}"#), now: .seconds(71)))
    #expect(old["node"] as? String != "payment.paid")
  }

  @Test func aFullBridgeMakesRoomByForgettingIdleSessions() throws {
    var bridge = Bridge(dialogue: dialogue, limits: Bridge.Limits(maxSessions: 2, idleTimeout: .seconds(60)))
    _ = bridge.handle(.text(#"{"session": "a", "text": "hi"}"#), now: .seconds(0))
    _ = bridge.handle(.text(#"{"session": "b", "text": "hi"}"#), now: .seconds(10))
    #expect(try object(bridge.handle(.text(#"{"session": "c", "text": "hi"}"#), now: .seconds(20)))["error"] as? String == "too_many_sessions")
    #expect(try object(bridge.handle(.text(#"{"session": "c", "text": "hi"}"#), now: .seconds(65)))["error"] == nil)
    #expect(bridge.liveSessions == 2)
  }
}
