import ArgumentParser

@main
struct SayNo: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sayno",
    abstract: "A rule-based helper for people facing online sexual coercion and extortion (sextortion).",
    discussion: """
      With no subcommand, sayno chats: with line editing at a terminal, one message per line from a pipe,
      or the JSON Lines bridge protocol with --jsonl. Nothing anyone types is written to disk.
      """,
    subcommands: [Chat.self, Check.self, Test.self, Explain.self, Eval.self],
    defaultSubcommand: Chat.self)
}

/// Where the content comes from: a folder, or the copy compiled into the binary.
struct ContentOptions: ParsableArguments {
  @Option(name: .long, help: "Load content from this folder instead of the copy built into sayno.")
  var dialogues: String?
}
