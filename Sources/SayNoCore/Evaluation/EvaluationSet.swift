import Foundation

/// Labelled messages that measure how well the helper understands people, and whether its first reply helps.
public struct EvaluationSet: Sendable {
  /// One labelled message.
  public struct Example: Sendable {
    public var text: String
    /// The intents the message carries; the first is the one that must decide the reply.
    public var intents: [String]
    /// The node the message answers, for short replies like "yes" or "2" (default: a fresh conversation).
    public var after: String?
    /// Who is writing, as the text shows it: the reply must be in their words. Only an answer
    /// (`after:`) starts with it known; a first message must tell it.
    public var role: Role?
    public var says: [String]
    public var never: [String]
    public var location: Location
    /// In the held-out quarter, which is never tuned on.
    public var isHeldOut: Bool
    /// Tuned on with patterns only (a file in `patternsOnlyFolder`): measured apart, since most of its
    /// messages fail by design and would hide in the tuned part's figures what tuning won or lost.
    public var isPatternsOnly = false
  }

  public var examples: [Example]

  /// The intent of a message the helper should not understand (small talk, homework): it is answered
  /// with the options to choose from.
  public static let notUnderstood = "none"

  /// The seed that picks the held-out quarter. Fixed before any tuning; never change it.
  public static let heldOutSeed: UInt64 = 0x5A7_0202_6112_3

  /// The folder for messages written after tuning began, to tune on: none of them is ever held out, so
  /// the held-out quarter stays the one chosen before any tuning.
  public static let tuningFolder = "tuning"

  /// The folder for messages to tune on with patterns only: never held out, like `tuningFolder`, but the
  /// recogniser does not learn them as examples. By round 38, examples no longer carried over to unseen
  /// wording, and each round of them moved the classifier's guesses and lost crises only a guess had
  /// caught ("im at the woods. its time"), with no other test failing.
  public static let patternsOnlyFolder = "patterns-only"

  /// Whether files in a folder of these path components are for tuning, never held out.
  public static func isForTuning(folder components: [String]) -> Bool {
    components.contains(tuningFolder) || components.contains(patternsOnlyFolder)
  }

  /// Reads evaluation files (YAML lists of examples), reporting every mistake at once. Examples in
  /// `tuning` files (those from `tuningFolder` or `patternsOnlyFolder`) are never held out.
  public init(files: [ContentFile], tuning: [ContentFile] = []) throws(ContentErrors) {
    var errors: [ContentError] = []
    examples = []
    let tuningPaths = Set(tuning.map(\.path))
    for file in (files + tuning).sorted(by: { $0.path < $1.path }) {
      let forTuning = tuningPaths.contains(file.path)
      let patternsOnly = forTuning && file.path.split(separator: "/").contains { $0 == Self.patternsOnlyFolder }
      switch YAMLTree.parse(file) {
      case .failure(let error): errors.append(error)
      case .success(let tree):
        guard let items = tree?.list else {
          errors.append(ContentError(Location(file: file.path), "an evaluation file is a list of '- text: …' examples"))
          continue
        }
        for item in items {
          var fields = FieldReader(
            item, what: "an example", allowed: ["text", "intents", "after", "role", "says", "never"])
          let text = fields.string("text", required: true, example: "he wants 500 or he posts my pics")
          let intents = fields.strings("intents", required: true, example: "payment.demand")
          let role = fields.string("role").flatMap { located -> Role? in
            guard let role = Role(rawValue: located.value) else {
              fields.fail(located.location, "role '\(located.value)' must be one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
              return nil
            }
            return role
          }
          let example = text.map {
            Example(
              text: $0.value, intents: intents.map(\.value), after: fields.string("after")?.value, role: role,
              says: fields.strings("says").map(\.value), never: fields.strings("never").map(\.value),
              location: $0.location, isHeldOut: !forTuning && Self.isHeldOut($0.value), isPatternsOnly: patternsOnly)
          }
          errors += fields.errors
          if let example { examples.append(example) }
        }
      }
    }
    // A message to tune on that repeats a held-out one (same words, same question answered) would be
    // tuned on after all, and the helper learns from eval/tuning/.
    func sameCase(_ example: Example) -> String {
      example.text.lowercased().trimmingCharacters(in: .whitespaces) + "\u{0}" + (example.after ?? "")
    }
    var heldOut: [String: Location] = [:]
    for example in examples where example.isHeldOut { heldOut[sameCase(example)] = example.location }
    for example in examples where tuningPaths.contains(example.location.file) {
      guard let original = heldOut[sameCase(example)] else { continue }
      errors.append(
        ContentError(
          example.location,
          "this message repeats one in the held-out part (\(original)), which must never be tuned on; reword it or remove it"))
    }
    if !errors.isEmpty { throw ContentErrors(errors: errors.sorted()) }
  }

  /// A quarter of the messages, chosen by a seeded hash of their text: stable when messages are added.
  static func isHeldOut(_ text: String) -> Bool {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ heldOutSeed
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    // Finalise (splitmix64) so that similar texts scatter.
    hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
    hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
    hash ^= hash >> 31
    return hash % 4 == 0
  }
}
