import Foundation
import Testing

/// Bad input gets a clear answer and never a crash, in both modes; and nothing anyone types is kept.
struct TrustTests {
  /// Words that must never reach a file or stderr.
  static let secrets = ["zebrapassword", "my nudes", "500", "kill myself"]
  static let conversation = [
    "hi zebrapassword", "he wants 500 or he posts my nudes", "yes", "i want to kill myself", "im safe now", "quit",
  ]

  /// Every file under a folder, recursively.
  func files(under folder: URL) -> [String] {
    let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
    var found: [String] = []
    while let url = walker?.nextObject() as? URL { found.append(url.path) }
    return found
  }

  @Test(arguments: ["piped", "bridge"])
  func aWholeConversationLeavesNoFileAndNoTextOnStderr(_ mode: String) throws {
    let home = try Executable.temporaryDirectory()
    let work = try Executable.temporaryDirectory()
    let temporary = try Executable.temporaryDirectory()
    defer { for folder in [home, work, temporary] { try? FileManager.default.removeItem(at: folder) } }
    let lines =
      mode == "bridge"
      ? Self.conversation.map { #"{"session": "s1", "text": "\#($0)"}"# } + [#"{"session": "s1", "event": "export"}"#, "{bad"]
      : Self.conversation
    let environment = ["HOME": home.path, "TMPDIR": temporary.path, "PATH": "/usr/bin:/bin"]
    let result = try Executable.run(
      (mode == "bridge" ? ["--jsonl"] : []) + ["--log-level", "debug", "--country", "GB"],
      input: Data((lines.joined(separator: "\n") + "\n").utf8), directory: work, environment: environment)
    #expect(result.status == 0)
    // Diagnostics were written, and they name only ids.
    #expect(result.error.contains("node=crisis"))
    for secret in Self.secrets { #expect(!result.error.lowercased().contains(secret), "stderr holds '\(secret)'") }
    for folder in [home, work, temporary] { #expect(files(under: folder) == [], "\(folder.path) was written to") }
  }

  /// One input that is hard to read, and what must be true of the answer to it.
  struct BadInput: CustomTestStringConvertible, Sendable {
    var name: String
    var bytes: Data
    var testDescription: String { name }
  }

  static let badInputs: [BadInput] = {
    func text(_ name: String, _ value: String) -> BadInput { BadInput(name: name, bytes: Data(value.utf8)) }
    var inputs = [
      text("empty lines", "\n\n\n"),
      text("whitespace only", "   \t  \n"),
      text("NUL and control characters", "he\u{0}llo\u{1}\u{7}\u{8} there\n"),
      text("terminal escapes", "\u{1B}[2J\u{1B}]0;pwned\u{7}\u{1B}[31mred\u{9B}31m\n"),
      text("right-to-left and zero-width", "\u{202E}yap\u{200B}\u{200D} i tsuj lliw i\u{2066}\n"),
      text("emoji only", "😭😭😭🙏\n"),
      BadInput(name: "invalid UTF-8", bytes: Data([0x68, 0x69, 0xC3, 0x28, 0xFF, 0xFE, 0x0A])),
      BadInput(name: "a line cut at end of input", bytes: Data("he wants 50".utf8)),
    ]
    inputs.append(BadInput(name: "a 10 MB line", bytes: Data(repeating: UInt8(ascii: "a"), count: 10_000_000) + Data([0x0A])))
    inputs.append(text("100,000 lines in a row", String(repeating: " \n", count: 100_000)))
    return inputs
  }()

  /// No raw control character may reach the terminal; a newline is the only one allowed.
  func hasNoRawControls(_ output: String) -> Bool {
    !output.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
  }

  @Test(arguments: badInputs)
  func pipedBadInputGetsASafeReplyAndTheConversationGoesOn(_ input: BadInput) throws {
    var bytes = input.bytes
    if bytes.last != 0x0A && !bytes.isEmpty { bytes.append(0x0A) }  // then a real message follows
    bytes.append(Data("he wants 500 or he posts my nudes\n".utf8))
    let result = try Executable.run(["--transcript"], input: bytes)
    #expect(result.status == 0)
    #expect(hasNoRawControls(result.output))
    #expect(!result.output.contains("\u{202E}"))
    #expect(Executable.folded(result.output).contains("don't pay"))
  }

  @Test(arguments: badInputs)
  func bridgeBadInputGetsAnAnswerPerLineAndOtherSessionsAreUntouched(_ input: BadInput) throws {
    // The bad bytes arrive both as a raw line and inside a session's text; another session goes on.
    var bytes = Data(#"{"session": "other", "text": "he wants 500 or he posts my nudes"}"#.utf8 + [0x0A])
    let raw = input.bytes.last == 0x0A ? input.bytes : input.bytes + [0x0A]
    bytes.append(raw)
    let asText = String(decoding: input.bytes.prefix(100_000), as: UTF8.self)
    let wrapped = try JSONSerialization.data(withJSONObject: ["session": "mine", "text": asText])
    bytes.append(wrapped + [0x0A])
    bytes.append(Data(#"{"session": "other", "text": "yes"}"#.utf8 + [0x0A]))
    let expectedLines = 1 + raw.filter { $0 == 0x0A }.count + 2

    let result = try Executable.run(["--jsonl"], input: bytes, timeout: 120)
    #expect(result.status == 0)
    let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(lines.count == expectedLines)
    #expect(hasNoRawControls(result.output))
    for line in lines {
      let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      #expect(object != nil, "not a JSON object: \(line.prefix(200))")
    }
    let last = try #require(try JSONSerialization.jsonObject(with: Data(lines.last!.utf8)) as? [String: Any])
    #expect(last["session"] as? String == "other")
    #expect(last["node"] as? String == "payment.paid", "the other session kept its place")
  }
}
