import Foundation
import PackagePlugin

/// Compiles the package's `Dialogues/` into the target as Swift string literals, so a lone copy of
/// the `sayno` binary still has its content.
@main
struct EmbedDialogues: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let folder = context.package.directoryURL.appending(path: "Dialogues")
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedDialogues.swift")
    // The folders are inputs too: the build plan, with this list, is kept between builds, and a folder
    // changes when a file is added to it, so a new content file is embedded without a clean build.
    var inputs: [URL] = [folder]
    var fileCount = 0
    if let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey]) {
      for case let url as URL in walker {
        let isFolder = (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
        let isContent = ["yaml", "yml", "txt"].contains(url.pathExtension)
        if isContent { fileCount += 1 }
        if isFolder || isContent { inputs.append(url) }
      }
    }
    return [
      .buildCommand(
        displayName: "Embedding Dialogues/ (\(fileCount) files)",
        executable: try context.tool(named: "dialogue-embedder").url,
        arguments: [folder.path, output.path],
        inputFiles: inputs.sorted { $0.path < $1.path },
        outputFiles: [output])
    ]
  }
}
