/// What the helper says in answer to one message, and why.
public struct Turn: Sendable, Equatable {
  public var replies: [String]
  public var options: [String]
  /// The node whose words were said.
  public var node: String
  /// The intent that decided this turn, if one did (not for a chosen option or a fallback).
  public var intent: String?
  /// Every intent the message matched, most urgent first.
  public var intents: [String]
  public var risk: Risk
  /// True when a human counsellor should join: someone may be in danger.
  public var handoff: Bool
  /// True when the conversation is over (the person asked to quit).
  public var ends: Bool
  /// Which rule decided this turn, in words, for `explain` and for logs (ids only, never user text).
  public var decision: String
  /// The kind of rule that decided this turn, for counting: `sayno eval` reports how often each is right.
  public var decidedBy: DecidedBy

  public enum DecidedBy: String, Sendable, Equatable, CaseIterable {
    case crisisPattern = "a crisis pattern"
    case option = "a chosen option"
    case expectedAnswer = "an answer the node asked for"
    case askedAgain = "an answer to 'are you safe?' that is not a plain yes"
    case pattern = "a pattern"
    case examplesOverrule = "the examples, overruling a pattern"
    case guess = "a guess, no pattern leading anywhere"
    case fallback = "nothing understood"
    case other = "the start, or input that could not be read"
  }
}
