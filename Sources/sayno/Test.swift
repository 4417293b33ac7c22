import ArgumentParser
import Foundation
import SayNoCore

/// Replays golden conversations and names each failure as file:line.
struct Test: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run golden conversations (.chat files); ends with 'N passed, N failed'.")

  @OptionGroup var content: ContentOptions

  @Argument(help: "Golden files or folders (default: Dialogues/conversations).")
  var paths: [String] = []

  /// `./Dialogues` when run from a checkout, so a content writer tests what they just edited.
  static var defaultFolder: String? {
    FileManager.default.fileExists(atPath: "Dialogues/settings.yaml") ? "Dialogues" : nil
  }

  func run() throws {
    let folder = content.dialogues ?? Self.defaultFolder
    let dialogue = try ContentFolder.dialogue(from: folder)
    let targets = paths.isEmpty ? [(folder ?? "Dialogues") + "/conversations"] : paths
    let files = Self.goldenFiles(in: targets)
    guard !files.isEmpty else { throw ValidationError("no .chat files found in \(targets.joined(separator: ", "))") }
    var passed = 0
    var failed = 0
    for url in files {
      let name = Self.displayPath(url)
      var failures: [String] = []
      do {
        let golden = try GoldenConversation(parsing: String(contentsOf: url, encoding: .utf8), file: name)
        failures = golden.failures(with: dialogue).map(\.description)
      } catch let error as ContentErrors {
        failures = error.errors.map(\.description)
      }
      if failures.isEmpty {
        passed += 1
      } else {
        failed += 1
        print(failures.joined(separator: "\n"))
      }
    }
    print("\(passed) passed, \(failed) failed")
    if failed > 0 { throw ExitCode.failure }
  }

  static func goldenFiles(in paths: [String]) -> [URL] {
    paths.flatMap { path -> [URL] in
      let url = URL(fileURLWithPath: path).standardizedFileURL
      if url.pathExtension == "chat" { return [url] }
      return ContentFolder.walk(url).filter { $0.pathExtension == "chat" }
    }
  }

  static func displayPath(_ url: URL) -> String {
    let here = FileManager.default.currentDirectoryPath + "/"
    return url.path.hasPrefix(here) ? String(url.path.dropFirst(here.count)) : url.path
  }
}
