import ArgumentParser
import SayNoCore

/// Shows every step of understanding one message.
struct Explain: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Explain how a message is understood: normalised text, corrections, intents and scores, the rule that won.")

  @OptionGroup var content: ContentOptions

  @Option(help: "The country for helplines, as a two-letter code.")
  var country: String?

  @Option(help: "The node whose question the message answers, as in an evaluation file's 'after:' (crisis, payment.demand…).")
  var after: String?

  @Argument(help: "The message, in quotes.")
  var text: String

  func run() throws {
    let dialogue = try ContentFolder.dialogue(from: content.dialogues ?? Test.defaultFolder)
    let recognition = dialogue.recognize(text)
    var out = "normalised:  \(recognition.normalized.text)\n"
    out += "corrections: "
    out += recognition.normalized.corrections.isEmpty
      ? "none\n" : recognition.normalized.corrections.map(\.description).joined(separator: ", ") + "\n"
    out += "intents (most urgent first):\n"
    if recognition.matches.isEmpty { out += "  none\n" }
    for match in recognition.matches {
      let groups = match.groups.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
      out += "  \(match.intent)  tier \(match.tier.name)  score \(match.score)  pattern '\(match.pattern)' (\(match.patternLocation))\(groups)\n"
    }
    var conversation = Conversation(dialogue: dialogue, country: country?.uppercased())
    if let after {
      guard let question = dialogue.node(after) else {
        throw ValidationError("there is no node '\(after)'; name one from nodes/, like '--after crisis'")
      }
      conversation = Conversation(dialogue: dialogue, state: SessionState(answering: question, hostCountry: country?.uppercased()))
    }
    let turn = conversation.respond(to: text)
    out += "decision:    \(turn.decision)\n"
    out += "node:        \(turn.node)  risk \(turn.risk.rawValue)\n"
    out += "replies:\n" + (turn.replies.map { "  | " + $0 } + turn.options.enumerated().map { "  \($0.offset + 1). \($0.element)" })
      .joined(separator: "\n") + "\n"
    print(out, terminator: "")
  }
}
