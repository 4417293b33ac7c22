import Foundation
import Testing

struct PipedTests {
  @Test func aThreatForMoneyIsToldNotToPay() throws {
    let result = try Executable.run([], input: "hi\nhe wants 500 dollars or he posts my nudes\n")
    #expect(result.status == 0)
    #expect(Executable.folded(result.output).contains("don't pay"))
    #expect(!result.output.contains("\u{1B}"), "no escape codes in piped output")
    #expect(result.error.isEmpty)
  }

  @Test func transcriptShowsEachMessageBeforeItsReplies() throws {
    let result = try Executable.run(["--transcript"], input: "hi\nhe wants 500 dollars or he posts my nudes\n")
    let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first == "> hi")
    #expect(lines.contains("> he wants 500 dollars or he posts my nudes"))
  }

  @Test func pipedOutputIsDeterministic() throws {
    let input = "hi\nhe wants 500 or he posts my pics\nyes\nidk\ni want to die\n2\nstart over\n"
    let first = try Executable.run(["--country", "GB"], input: input)
    let second = try Executable.run(["--country", "GB"], input: input)
    #expect(first.output == second.output)
    #expect(!first.output.isEmpty)
  }

  @Test func echoedTextCannotCarryTerminalEscapes() throws {
    let result = try Executable.run(["--transcript"], input: "hi \u{1B}[2J\u{1B}]0;pwned\u{07} there\n")
    #expect(!result.output.contains("\u{1B}"))
    #expect(!result.output.contains("\u{07}"))
  }

  @Test func badBytesGetASafeReplyAndTheConversationGoesOn() throws {
    var input = Data("hi\n".utf8)
    input.append(contentsOf: [0x68, 0xFF, 0xFE, 0x0A])
    input.append(Data(String(repeating: "a", count: 200_000).utf8))
    input.append(Data("\nhe wants 500 or he posts my nudes\n".utf8))
    let result = try Executable.run([], input: input)
    #expect(result.status == 0)
    #expect(Executable.folded(result.output).contains("don't pay"))
  }

  @Test func quitEndsThePipedConversation() throws {
    let result = try Executable.run(["--transcript"], input: "hi\nquit\nhe wants 500\n")
    #expect(result.status == 0)
    #expect(!result.output.contains("> he wants 500"))
  }

  @Test func aLoneCopyOfTheBinaryStillAnswers() throws {
    let folder = try Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let copy = folder.appending(path: "sayno")
    try FileManager.default.copyItem(at: Executable.url, to: copy)
    let result = try Executable.run(
      [], input: Data("he wants 500 dollars or he posts my nudes\n".utf8), directory: folder, executable: copy,
      environment: ["PATH": "/usr/bin:/bin"])
    #expect(result.status == 0)
    #expect(Executable.folded(result.output).contains("don't pay"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["sayno"])
  }
}
