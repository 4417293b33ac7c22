import Foundation
import Testing

struct BridgeProcessTests {
  /// 1,000 lines over 50 interleaved sessions, with bad lines mixed in: exactly one JSON object per line, in order.
  @Test func aThousandInterleavedLinesGetAThousandReplies() throws {
    let messages = [
      "hi", "he wants 500 or he posts my nudes", "yes", "idk", "2", "i already paid him 100",
      "my son is being blackmailed", "how do i save evidence", "im scared of the police", "help",
    ]
    var lines: [String] = []
    var expectedSessions: [String?] = []
    for index in 0..<1_000 {
      let session = "s\(index % 50)"
      switch index % 97 {
      case 13:
        lines.append("{broken json")
        expectedSessions.append(nil)
      case 41:
        lines.append(#"{"session": "\#(session)", "text": 12}"#)
        expectedSessions.append(session)
      case 77:
        lines.append(#"{"session": "\#(session)", "event": "end"}"#)
        expectedSessions.append(session)
      default:
        let text = messages[(index / 50) % messages.count]
        lines.append(#"{"session": "\#(session)", "text": "\#(text)"}"#)
        expectedSessions.append(session)
      }
    }
    var input = Data((lines.joined(separator: "\n") + "\n").utf8)
    input.append(contentsOf: [0xFF, 0x0A])  // and one line that is not UTF-8 at all
    expectedSessions.append(nil)

    let result = try Executable.run(["--jsonl"], input: input)
    #expect(result.status == 0)
    let replies = result.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(replies.count == 1_001)
    for (index, reply) in replies.enumerated() {
      guard let object = try? JSONSerialization.jsonObject(with: Data(reply.utf8)) as? [String: Any] else {
        Issue.record("line \(index + 1) is not a JSON object: \(reply)")
        continue
      }
      if index < expectedSessions.count {
        #expect(object["session"] as? String == expectedSessions[index], "line \(index + 1)")
      }
      if expectedSessions[index] == nil { #expect(object["error"] != nil) }
    }
  }

  /// A bridge that waits for each reply before sending the next line must get it at once.
  @Test func eachReplyComesBeforeTheNextLineIsSent() throws {
    let process = Process()
    process.executableURL = Executable.url
    process.arguments = ["--jsonl"]
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    try process.run()
    defer {
      try? stdin.fileHandleForWriting.close()
      process.waitUntilExit()
    }
    var buffer = Data()
    for (index, text) in ["hi", "he wants 500 or he posts my nudes", "yes"].enumerated() {
      try stdin.fileHandleForWriting.write(contentsOf: Data(#"{"session": "a", "text": "\#(text)"}"#.utf8 + [0x0A]))
      let deadline = Date().addingTimeInterval(20)
      while buffer.filter({ $0 == 0x0A }).count <= index && Date() < deadline {
        let chunk = stdout.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        buffer.append(chunk)
      }
      #expect(buffer.filter { $0 == 0x0A }.count == index + 1, "reply \(index + 1) came while stdin was still open")
    }
  }

  @Test func countryHintsChooseTheHelplines() throws {
    let input = #"{"session": "a", "text": "i want to die", "country": "GB"}"# + "\n"
    let result = try Executable.run(["--jsonl"], input: input)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    #expect(object["risk"] as? String == "high")
    #expect(object["handoff"] as? Bool == true)
    let replies = (object["replies"] as? [String] ?? []).joined(separator: " ")
    #expect(replies.contains("999"))
    #expect(replies.contains("116 123"))
  }

  /// A long interleaved run, cut in two: every session exported from the first process and imported into a
  /// new one gives, for the rest of the run, byte for byte what an uninterrupted process gives.
  @Test func sessionsMovedToANewProcessGoOnByteForByte() throws {
    let messages = [
      "hi", "he wants 500 or he posts my nudes", "yes", "idk", "i want to die", "he wants more pics",
      "my son is being blackmailed", "2", "im in ireland", "no", "start over", "should i go to the police",
    ]
    let sessions = (0..<40).map { "session-\($0)" }
    func line(_ index: Int) -> String {
      let session = sessions[index % sessions.count]
      let text = messages[(index * 7 + index / sessions.count) % messages.count]
      return #"{"session": "\#(session)", "text": "\#(text)"}"#
    }
    let before = (0..<400).map(line)
    let after = (400..<800).map(line)
    func run(_ lines: [String]) throws -> [Substring] {
      let result = try Executable.run(["--jsonl"], input: Data((lines.joined(separator: "\n") + "\n").utf8))
      #expect(result.status == 0)
      return result.output.split(separator: "\n")
    }

    let uninterrupted = try run(before + after)
    let exports = try run(before + sessions.map { #"{"session": "\#($0)", "event": "export"}"# }).suffix(sessions.count)
    var imports: [String] = []
    for export in exports {
      let object = try #require(try JSONSerialization.jsonObject(with: Data(export.utf8)) as? [String: Any])
      let session = try #require(object["session"] as? String)
      let state = try #require(object["state"] as? String, "\(export)")
      imports.append(#"{"session": "\#(session)", "event": "import", "state": "\#(state)"}"#)
    }
    let resumed = try run(imports + after)
    #expect(resumed.prefix(imports.count).allSatisfy { $0.contains(#""event":"import""#) && !$0.contains("error") })
    #expect(Array(resumed.dropFirst(imports.count)) == Array(uninterrupted.dropFirst(before.count)))
    // The states carry no message text: only ids and what was learned.
    for state in imports {
      let body = try #require(state.split(separator: ".").dropFirst().first)
      let json = String(decoding: try #require(Data(base64Encoded: String(body))), as: UTF8.self)
      #expect(json.contains("\"node\""))
      for word in ["blackmailed", "ireland", "500", "nudes", "want to die", "my son"] { #expect(!json.lowercased().contains(word), "\(json)") }
    }
  }
}
