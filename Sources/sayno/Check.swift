import ArgumentParser
import Foundation
import SayNoCore

/// Validates content and lists every problem at once.
struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check content: every problem as file:line:col: error: …; exits non-zero on any.")

  @Argument(help: "The content folder (default: ./Dialogues if present, else the content built into sayno).")
  var folder: String?

  func run() throws {
    let folder = folder ?? Test.defaultFolder
    let files = try folder.map(ContentFolder.files(in:)) ?? ContentFolder.shipped()
    var problems: [ContentError] = []
    var summary = ""
    var grades = ""
    do {
      let dialogue = try Dialogue(files: files)
      grades = dialogue.readingGrades().prefix(10).map {
        String(format: "  %4.1f  %@ (%@)", $0.grade, $0.node, $0.role)
      }.joined(separator: "\n")
      let helplines = dialogue.directories.reduce(0) { $0 + $1.lines.count }
      summary = "\(dialogue.intents.count) intents, \(dialogue.nodes.count) nodes, \(dialogue.concepts.count) concepts, "
        + "\(helplines) helplines in \(dialogue.directories.count) directories"
    } catch {
      problems += error.errors
    }
    if let folder {
      for url in Test.goldenFiles(in: [folder + "/conversations"]) {
        do {
          _ = try GoldenConversation(parsing: String(contentsOf: url, encoding: .utf8), file: Test.displayPath(url))
        } catch let error as ContentErrors {
          problems += error.errors
        }
      }
    }
    if problems.isEmpty {
      print("ok: \(summary) (\(folder ?? "built-in content"))")
      print("hardest to read, victim-facing (Flesch–Kincaid grade):\n\(grades)")
    } else {
      Output.standardError(problems.map(\.description).joined(separator: "\n") + "\n")
      Output.standardError("\(problems.count) problem\(problems.count == 1 ? "" : "s") found\n")
      throw ExitCode.failure
    }
  }
}
