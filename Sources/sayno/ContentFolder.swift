import ArgumentParser
import Foundation
import SayNoContent
import SayNoCore

/// Reads content from a folder, or takes the copy built into the binary. The only file reading of content.
enum ContentFolder {
  static let contentExtensions: Set<String> = ["yaml", "yml", "txt"]

  /// The files of a `Dialogues/` folder that make up content (not its golden conversations).
  static func files(in folder: String) throws -> [ContentFile] {
    let root = URL(fileURLWithPath: folder).standardizedFileURL
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw ValidationError("no content folder at '\(folder)'")
    }
    var files: [ContentFile] = []
    for url in walk(root) where contentExtensions.contains(url.pathExtension) {
      let path = relativePath(of: url, under: root)
      guard ContentFile.isContent(path) else { continue }
      files.append(ContentFile(path: path, text: try String(contentsOf: url, encoding: .utf8)))
    }
    return files
  }

  static func shipped() -> [ContentFile] {
    ShippedDialogues.files.map { ContentFile(path: $0.path, text: $0.text) }
  }

  /// Loads content from `folder`, or the shipped copy; on any problem prints them all and exits.
  /// The samples are left to `sayno check`: see `Dialogue.init(files:checkingSamples:)`.
  static func dialogue(from folder: String?) throws -> Dialogue {
    let files = try folder.map(files(in:)) ?? shipped()
    do {
      return try Dialogue(files: files, checkingSamples: false)
    } catch {
      let origin = folder ?? "the content built into sayno"
      Output.standardError("sayno: cannot start, the content in \(origin) has problems:\n\(error.description)\n")
      throw ExitCode.failure
    }
  }

  static func walk(_ root: URL) -> [URL] {
    let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
    var urls: [URL] = []
    while let url = walker?.nextObject() as? URL { urls.append(url.standardizedFileURL) }
    return urls.sorted { $0.path < $1.path }
  }

  static func relativePath(of url: URL, under root: URL) -> String {
    String(url.path.dropFirst(root.path.count + 1))
  }
}
