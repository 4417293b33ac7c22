/// A golden conversation: user turns, and what each reply must and must not say.
///
/// ```
/// country: GB
/// never: why did you
/// user: he says hell post my pics unless i pay 500
/// node: payment.demand
/// says: don't pay
/// ```
public struct GoldenConversation: Sendable {
  public struct Step: Sendable {
    public var line: Int
    public var user: String
    public var says: [Located<String>] = []
    public var never: [Located<String>] = []
    public var options: [Located<String>] = []
    public var node: Located<String>?
    public var risk: Located<String>?
  }

  public var file: String
  public var country: String?
  public var never: [Located<String>] = []
  public var steps: [Step] = []

  /// Parses the `.chat` format; a line it cannot read is a `ContentError` at that line.
  public init(parsing text: String, file: String) throws(ContentErrors) {
    self.file = file
    var errors: [ContentError] = []
    for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let number = offset + 1
      let line = rawLine.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      guard let colon = line.firstIndex(of: ":") else {
        errors.append(ContentError(file: file, line: number, column: 1, message: "expected 'key: value', like 'user: hi' or 'says: not your fault'"))
        continue
      }
      let key = line[..<colon].trimmingCharacters(in: .whitespaces)
      let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      let located = Located(value: value, location: Location(file: file, line: number, column: 1))
      if value.isEmpty && key != "user" {
        errors.append(ContentError(file: file, line: number, column: 1, message: "'\(key):' needs a value"))
        continue
      }
      switch key {
      case "user": steps.append(Step(line: number, user: value))
      case "country" where steps.isEmpty: country = value
      case "never" where steps.isEmpty: never.append(located)
      case "says", "never", "option", "node", "risk":
        guard !steps.isEmpty else {
          errors.append(ContentError(file: file, line: number, column: 1, message: "'\(key):' must follow a 'user:' line"))
          continue
        }
        switch key {
        case "says": steps[steps.count - 1].says.append(located)
        case "never": steps[steps.count - 1].never.append(located)
        case "option": steps[steps.count - 1].options.append(located)
        case "node": steps[steps.count - 1].node = located
        default: steps[steps.count - 1].risk = located
        }
      default:
        errors.append(
          ContentError(
            file: file, line: number, column: 1,
            message: "unknown key '\(key)'; use user, says, never, option, node, risk (and country, never before the first user)"))
      }
    }
    if steps.isEmpty { errors.append(ContentError(file: file, line: 1, column: 1, message: "the conversation has no 'user:' line")) }
    if !errors.isEmpty { throw ContentErrors(errors: errors) }
  }

  /// Replays the conversation and lists every expectation the replies did not meet.
  public func failures(with dialogue: Dialogue) -> [GoldenFailure] {
    var conversation = Conversation(dialogue: dialogue, country: country)
    var failures: [GoldenFailure] = []
    for step in steps {
      let turn = conversation.respond(to: step.user)
      let said = (turn.replies + turn.options).joined(separator: "\n")
      let lowered = Self.fold(said)
      func fail(_ at: Located<String>?, _ expected: String) {
        failures.append(
          GoldenFailure(file: file, line: at?.location.line ?? step.line, expected: expected, got: Self.describe(turn)))
      }
      for phrase in step.says where !lowered.contains(Self.fold(phrase.value)) {
        fail(phrase, "the reply to '\(step.user)' to say '\(phrase.value)'")
      }
      for phrase in step.never + never where lowered.contains(Self.fold(phrase.value)) {
        fail(phrase, "the reply to '\(step.user)' never to say '\(phrase.value)'")
      }
      for option in step.options where !turn.options.contains(where: { Self.fold($0).contains(Self.fold(option.value)) }) {
        fail(option, "an option containing '\(option.value)'")
      }
      if let node = step.node, node.value != turn.node { fail(node, "node '\(node.value)'") }
      if let risk = step.risk, risk.value != turn.risk.rawValue { fail(risk, "risk '\(risk.value)'") }
    }
    return failures.sorted { $0.line < $1.line }  // in the order a reader meets them in the file
  }

  /// Curly apostrophes and case never decide a golden test.
  static func fold(_ text: String) -> String {
    text.lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
  }

  static func describe(_ turn: Turn) -> String {
    let options = turn.options.enumerated().map { "\($0.offset + 1). \($0.element)" }
    return "node '\(turn.node)', risk \(turn.risk.rawValue)\n" + (turn.replies + options).map { "    | " + $0 }.joined(separator: "\n")
  }
}

/// One expectation a golden conversation did not meet, at its `file:line`.
public struct GoldenFailure: Sendable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var expected: String
  public var got: String
  public var description: String { "\(file):\(line): expected \(expected); got \(got)" }
}
