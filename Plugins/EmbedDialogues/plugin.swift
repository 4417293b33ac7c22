import Foundation
import PackagePlugin

/// Compiles the package's `Dialogues/` into the target as Swift string literals, so a lone copy of
/// the `sayno` binary still has its content.
@main
struct EmbedDialogues: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let folder = context.package.directoryURL.appending(path: "Dialogues")
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedDialogues.swift")
    var inputs: [URL] = []
    if let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) {
      for case let url as URL in walker where ["yaml", "yml", "txt"].contains(url.pathExtension) {
        inputs.append(url)
      }
    }
    return [
      .buildCommand(
        displayName: "Embedding Dialogues/ (\(inputs.count) files)",
        executable: try context.tool(named: "dialogue-embedder").url,
        arguments: [folder.path, output.path],
        inputFiles: inputs.sorted { $0.path < $1.path },
        outputFiles: [output])
    ]
  }
}
