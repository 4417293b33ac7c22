import Foundation
import Testing
@testable import SayNoCore

/// The crises the independent safety reads wrote, replayed on the shipped content: each must still end on a
/// reply that names the emergency number. Patterns are tested by their samples, but a crisis that only the
/// examples' classifier caught can be lost by a new round of examples without any of them failing.
struct SafetyReadCrisisTests {
  static let file = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appending(path: "SafetyReads/crises.txt")

  /// "# id" starts a conversation; the lines after it are its messages; "##" lines are comments.
  static func conversations(in text: String) -> [(id: String, messages: [String])] {
    var result: [(id: String, messages: [String])] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
      if line.hasPrefix("##") { continue }
      if line.hasPrefix("# ") {
        result.append((String(line.dropFirst(2)), []))
      } else if !result.isEmpty {
        result[result.count - 1].messages.append(String(line))
      }
    }
    return result
  }

  /// The ids of the conversations whose last reply does not name the emergency number (999 in the UK).
  static func missed(_ conversations: [(id: String, messages: [String])], with dialogue: Dialogue) -> [String] {
    conversations.compactMap { conversation in
      var chat = Conversation(dialogue: dialogue, country: "GB")
      var last: Turn?
      for message in conversation.messages { last = chat.respond(to: message) }
      let named = last?.replies.contains { $0.contains("999") } ?? false
      return named ? nil : conversation.id + ": " + conversation.messages.joined(separator: " / ")
    }
  }

  @Test func everyCrisisTheSafetyReadsWroteStillGetsTheEmergencyNumber() throws {
    let dialogue = try GoldenConversationTests.shipped.get()
    let conversations = Self.conversations(in: try String(contentsOf: Self.file, encoding: .utf8))
    #expect(conversations.count >= 1_200)
    let missed = Self.missed(conversations, with: dialogue)
    #expect(missed.isEmpty, "\(missed.count) crises no longer reach a crisis page:\n\(missed.prefix(20).joined(separator: "\n"))")
  }

  /// The check can fail: an everyday message does not name the emergency number.
  @Test func aMessageThatIsNoCrisisIsReportedAsMissed() throws {
    let dialogue = try GoldenConversationTests.shipped.get()
    let conversations = Self.conversations(in: "## a comment\n# X1\nwhat time does the library open\n# X2\ni want to die\n")
    #expect(conversations.map(\.id) == ["X1", "X2"])
    #expect(Self.missed(conversations, with: dialogue) == ["X1: what time does the library open"])
  }
}
