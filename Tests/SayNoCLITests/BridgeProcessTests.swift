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
}
