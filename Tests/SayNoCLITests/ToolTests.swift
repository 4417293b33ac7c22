import Foundation
import Testing

struct ToolTests {
  @Test func checkPassesOnTheShippedContent() throws {
    let result = try Executable.run(["check", "Dialogues"])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.hasPrefix("ok: "))
  }

  @Test func checkListsEveryProblemAndFails() throws {
    let folder = try Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.copyItem(
      at: Executable.packageRoot.appending(path: "Dialogues/settings.yaml"), to: folder.appending(path: "settings.yaml"))
    try FileManager.default.createDirectory(at: folder.appending(path: "nodes"), withIntermediateDirectories: true)
    try "- node: lonely\n  sai: [hi]\n".write(to: folder.appending(path: "nodes/x.yaml"), atomically: true, encoding: .utf8)
    let result = try Executable.run(["check", folder.path])
    #expect(result.status != 0)
    #expect(result.error.contains("nodes/x.yaml:2:3: error: unknown field 'sai' in node 'lonely'; did you mean 'say'?"))
    #expect(result.error.contains("problems found"))
  }

  @Test func testRunsTheGoldensAndCounts() throws {
    let result = try Executable.run(["test"])
    #expect(result.status == 0, "\(result.output)")
    let last = result.output.split(separator: "\n").last.map(String.init) ?? ""
    #expect(last.hasSuffix(" passed, 0 failed"))
  }

  @Test func testNamesAFailureByFileAndLine() throws {
    let folder = try Executable.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appending(path: "wrong.chat")
    try "user: he wants 500 or he posts my nudes\nsays: please pay him\n".write(to: file, atomically: true, encoding: .utf8)
    let result = try Executable.run(["test", file.path])
    #expect(result.status != 0)
    #expect(result.output.contains("wrong.chat:2: expected the reply to 'he wants 500 or he posts my nudes' to say 'please pay him'"))
    #expect(result.output.hasSuffix("0 passed, 1 failed\n"))
  }

  @Test func explainShowsEveryStep() throws {
    let result = try Executable.run(["explain", "he wnts 500 or hell post my nudes"])
    #expect(result.status == 0)
    #expect(result.output.contains("normalised:"))
    #expect(result.output.contains("corrections:"))
    #expect(result.output.contains("tier payment"))
    #expect(result.output.contains("decision:"))
  }

  @Test func explainReadsAnAnswerToTheQuestionItFollows() throws {
    let answer = try Executable.run(["explain", "--after", "crisis", "nah"])
    #expect(answer.status == 0)
    #expect(answer.output.contains("decision:    node 'crisis' expects intent 'no'"))
    #expect(answer.output.contains("node:        crisis.unsafe"))
    let unknown = try Executable.run(["explain", "--after", "narnia", "nah"])
    #expect(unknown.status != 0)
    #expect(unknown.error.contains("there is no node 'narnia'"))
  }

  @Test func aBadCountryIsRefused() throws {
    let result = try Executable.run(["--country", "Narnia"], input: "hi\n")
    #expect(result.status == 64)
  }

  /// Every input the fuzzer was seeded with or ever crashed on stays here and is replayed on each test run.
  @Test func theFuzzCorpusReplaysWithoutACrash() throws {
    let fuzz = Executable.url.deletingLastPathComponent().appending(path: "sayno-fuzz")
    let corpus = Executable.packageRoot.appending(path: "Tests/FuzzCorpus")
    let count = try FileManager.default.contentsOfDirectory(atPath: corpus.path).count
    let result = try Executable.run([corpus.path], executable: fuzz)
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output == "replayed \(count) inputs\n")
  }
}
