import Foundation
import Testing
@testable import SayNoCore

/// The shipped content and its golden conversations: the main test of behaviour.
struct GoldenConversationTests {
  static let dialogues = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appending(path: "Dialogues")
  static let names: [String] = {
    let folder = dialogues.appending(path: "conversations")
    return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { $0.hasSuffix(".chat") }.sorted()
  }()

  static func shippedFiles() throws -> [ContentFile] {
    let root = dialogues.standardizedFileURL
    var files: [ContentFile] = []
    let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
    while let url = walker?.nextObject() as? URL {
      guard ["yaml", "yml", "txt"].contains(url.pathExtension) else { continue }
      let path = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
      guard ContentFile.isContent(path) else { continue }
      files.append(ContentFile(path: path, text: try String(contentsOf: url, encoding: .utf8)))
    }
    return files
  }

  static let shipped: Result<Dialogue, ContentErrors> = {
    do {
      return .success(try Dialogue(files: try shippedFiles()))
    } catch let error as ContentErrors {
      return .failure(error)
    } catch {
      return .failure(ContentErrors(errors: [ContentError(file: "Dialogues", line: 1, column: 1, message: "\(error)")]))
    }
  }()

  @Test func theShippedContentLoadsWithoutProblems() throws {
    if case .failure(let error) = Self.shipped { Issue.record("\(error)") }
  }

  @Test func thereAreAtLeast25Conversations() {
    #expect(Self.names.count >= 25)
  }

  @Test(arguments: names)
  func replay(_ name: String) throws {
    let dialogue = try Self.shipped.get()
    let text = try String(contentsOf: Self.dialogues.appending(path: "conversations/\(name)"), encoding: .utf8)
    let golden = try GoldenConversation(parsing: text, file: name)
    for failure in golden.failures(with: dialogue) { Issue.record("\(failure)") }
  }

  /// The runner itself must be able to fail, and say where.
  @Test func theRunnerReportsUnmetExpectationsAtTheirLines() throws {
    let golden = try GoldenConversation(
      parsing: """
        never: please don't pay
        user: he wants 500
        says: please don't pay
        says: something never said
        node: payment.paid
        risk: high
        option: I already paid
        """, file: "broken.chat")
    let failures = try golden.failures(with: Fixture.dialogue())
    #expect(failures.map(\.line) == [1, 4, 5, 6])
    #expect(failures.allSatisfy { $0.description.hasPrefix("broken.chat:") })
  }

  @Test func theFormatRejectsWhatItCannotRead() {
    #expect(throws: ContentErrors.self) { try GoldenConversation(parsing: "says: before any user\n", file: "x.chat") }
    #expect(throws: ContentErrors.self) { try GoldenConversation(parsing: "user: hi\nexpect: nothing\n", file: "x.chat") }
  }
}
